import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DECISION_OUTCOME_LABELS, formatPercent, formatProbability, formatRange, formatRecommendation, formatScale, formatSpoken } from "../src/lib/format";

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

describe("one spelling per recommendation", () => {
  it("names each action and decision outcome the same way", () => {
    expect(formatRecommendation("scale-further")).toBe("Scale further");
    expect(DECISION_OUTCOME_LABELS.scale_further).toBe(formatRecommendation("scale-further"));
    expect(DECISION_OUTCOME_LABELS.switch_strategy).toBe(formatRecommendation("switch"));
    expect(DECISION_OUTCOME_LABELS.plateau).toBe(formatRecommendation("plateau"));
    expect(formatRecommendation(undefined)).toBe("—");
  });
});

describe("formatScale(value)", () => {
  it.each([
    [37_267_800, "37.3M"],
    [1.3e9, "1.3B"],
    [5e12, "5T"],
    [1e21, "1e21"],
    [250, "250"],
  ])("%s prints as %s", (value, text) => {
    expect(formatScale(value)).toBe(text);
  });
});

describe("numbers in sentences", () => {
  it.each([
    [4.5123, "4.5"],
    [0.031234, "0.031"],
    [-2.06, "-2.1"],
    [452.7, "453"],
    [0, "0"],
    [3e9, "3e9"],
    [0.0004, "4e-4"],
    [null, "—"],
  ])("formatSpoken(%s) is %s", (value, text) => {
    expect(formatSpoken(value)).toBe(text);
  });

  it("formatRange joins both ends with an en dash; formatPercent prints a fraction as a percentage", () => {
    expect(formatRange(3.912, 5.087)).toBe("3.9–5.1");
    expect(formatPercent(0.01)).toBe("1 %");
    expect(formatPercent(0.8)).toBe("80 %");
    expect(formatPercent(0.0025)).toBe("0.25 %");
  });
});

describe("one number formatter", () => {
  /** Files that turn numbers into text themselves, and why that is not display formatting. */
  const OWN_FORMATTING: Record<string, string> = {
    "lib/format.ts": "the formatter",
    "lib/log-ticks.ts": "rounds tick values (numbers, not text)",
    "app/sweeps/[sweepId]/loss-at-nd.tsx": "fills number inputs with values the inputs parse back",
  };
  const source = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

  it("views and exports print numbers only through lib/format.ts", () => {
    const offenders = readdirSync(source, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file) && !(file.split(sep).join("/") in OWN_FORMATTING))
      .filter((file) => /\.(toFixed|toPrecision|toExponential|toLocaleString)\(|Intl\.NumberFormat/.test(readFileSync(join(source, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
