import { describe, expect, it } from "vitest";
import { formatProbability } from "../src/lib/format";

describe("formatProbability(p)", () => {
  it.each([
    [0, "< 1 %"],
    [0.004, "< 1 %"],
    [0.0099, "< 1 %"],
    [0.01, "1 %"],
    [0.5, "50 %"],
    [0.736, "74 %"],
    [0.99, "99 %"],
    [0.9901, "> 99 %"],
    [1, "> 99 %"],
    [null, "—"],
    [Number.NaN, "—"],
  ])("%s prints as %s", (p, text) => {
    expect(formatProbability(p)).toBe(text);
  });
});
