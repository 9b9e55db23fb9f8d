import { describe, expect, it } from "vitest";
import { csvCell, markdownText, toCsv } from "../src/lib/export-format";

describe("csvCell", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", `"'=HYPERLINK(""http://x"")"`],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcalc", "'\tcalc"],
    ["\r=1", `"'\r=1"`],
    ["=1,2", `"'=1,2"`],
  ])("prefixes the formula-looking text %j with a quote", (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it("keeps numbers as numbers, negative ones included", () => {
    expect([-0.25, -3e-7, 0, 1e21, 42].map(csvCell)).toEqual(["-0.25", "-3e-7", "0", "1e+21", "42"]);
  });

  it("leaves ordinary text alone and quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(["Web crawl v2", "a=b", "run-1", "a,b", 'say "hi"', "two\nlines", null, undefined].map(csvCell)).toEqual([
      "Web crawl v2",
      "a=b",
      "run-1",
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      "",
      "",
    ]);
  });
});

describe("toCsv", () => {
  it("escapes the header as well as the rows", () => {
    expect(toCsv(["run_key", "=loss"], [["=1+1", -1.5]])).toBe("run_key,'=loss\n'=1+1,-1.5\n");
  });
});

describe("markdownText", () => {
  it.each([
    ["a | b", "a \\| b"],
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
    ["R&D", "R&amp;D"],
    ["[docs](javascript:alert(1))", "\\[docs\\](javascript&#58;alert(1))"],
    ["<javascript:alert(1)>", "&lt;javascript&#58;alert(1)&gt;"],
    ["JavaScript:void(0)", "JavaScript&#58;void(0)"],
    ["![x](http://tracker/x.png)", "\\!\\[x\\](http://tracker/x.png)"],
    ["*bold* _it_ `code` ~~gone~~", "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~"],
    ["# heading", "\\# heading"],
    ["- item", "\\- item"],
    ["+ item", "\\+ item"],
    ["1. item", "1\\. item"],
    ["back\\slash", "back\\\\slash"],
    ["two\nlines\r\nhere", "two lines here"],
    ["Web crawl v2 (dedup-3)", "Web crawl v2 (dedup-3)"],
  ])("writes %j as plain text", (text, markdown) => {
    expect(markdownText(text)).toBe(markdown);
  });
});
