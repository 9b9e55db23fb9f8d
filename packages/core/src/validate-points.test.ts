import { describe, expect, it } from "vitest";
import { fitBnsl } from "./bnsl";
import { fitHyperParameterLaw } from "./hyperparameter-law";
import { fitLogLinear } from "./log-linear";
import { fitPowerLaw } from "./power-law";
import { fitSaturatingPowerLaw } from "./saturating-power-law";
import type { Point } from "./types";
import { POINT_ERRORS, validatePoints } from "./validate-points";

const line = (n: number): Point[] => Array.from({ length: n }, (_, i) => ({ x: 10 * (i + 1), y: 2 / (i + 1) }));
const withRow = (points: Point[], row: number, patch: Partial<Point>): Point[] =>
  points.map((p, i) => (i === row - 1 ? { ...p, ...patch } : p));

describe("every fitter rejects unusable points with an exact message", () => {
  const cases: [string, () => unknown, string][] = [
    // Too few points for the model's parameter count.
    ["power-law, 1 point", () => fitPowerLaw(line(1)), "power-law fit needs at least 2 points, got 1"],
    ["log-linear, 1 point", () => fitLogLinear(line(1)), "log-linear fit needs at least 2 points, got 1"],
    ["saturating, 2 points", () => fitSaturatingPowerLaw(line(2)), "saturating-power-law fit needs at least 3 points, got 2"],
    ["bnsl one break, 5 points", () => fitBnsl(line(5)), "bnsl fit needs at least 6 points, got 5"],
    ["bnsl two breaks, 8 points", () => fitBnsl(line(8), { breaks: 2 }), "bnsl fit needs at least 9 points, got 8"],
    // Non-positive values on a log axis (model, 1-based row, value).
    ["power-law, x = 0", () => fitPowerLaw(withRow(line(4), 3, { x: 0 })), "power-law needs positive x on a log axis: row 3 has x = 0"],
    ["power-law, y = −1", () => fitPowerLaw(withRow(line(4), 2, { y: -1 })), "power-law needs positive y on a log axis: row 2 has y = -1"],
    ["log-linear, x = −10", () => fitLogLinear(withRow(line(4), 1, { x: -10 })), "log-linear needs positive x on a log axis: row 1 has x = -10"],
    ["saturating, y = 0", () => fitSaturatingPowerLaw(withRow(line(4), 4, { y: 0 })), "saturating-power-law needs positive y on a log axis: row 4 has y = 0"],
    ["bnsl, x = 0", () => fitBnsl(withRow(line(7), 7, { x: 0 })), "bnsl needs positive x on a log axis: row 7 has x = 0"],
    // Only one distinct x.
    ["power-law, one x", () => fitPowerLaw(line(3).map((p) => ({ ...p, x: 5 }))), "power-law fit needs at least 2 distinct values of x, got only x = 5"],
    ["log-linear, one x", () => fitLogLinear(line(3).map((p) => ({ ...p, x: 5 }))), "log-linear fit needs at least 2 distinct values of x, got only x = 5"],
    ["saturating, one x", () => fitSaturatingPowerLaw(line(3).map((p) => ({ ...p, x: 5 }))), "saturating-power-law fit needs at least 2 distinct values of x, got only x = 5"],
    ["bnsl, one x", () => fitBnsl(line(6).map((p) => ({ ...p, x: 7 }))), "bnsl fit needs at least 2 distinct values of x, got only x = 7"],
    // NaN / Infinity (which row, which field).
    ["power-law, y = NaN", () => fitPowerLaw(withRow(line(4), 2, { y: Number.NaN })), "power-law fit needs finite numbers: row 2 has y = NaN"],
    ["log-linear, x = Infinity", () => fitLogLinear(withRow(line(4), 3, { x: Infinity })), "log-linear fit needs finite numbers: row 3 has x = Infinity"],
    ["saturating, y = −Infinity", () => fitSaturatingPowerLaw(withRow(line(4), 1, { y: -Infinity })), "saturating-power-law fit needs finite numbers: row 1 has y = -Infinity"],
    ["bnsl, x = NaN", () => fitBnsl(withRow(line(6), 6, { x: Number.NaN })), "bnsl fit needs finite numbers: row 6 has x = NaN"],
    ["power-law, weight = NaN", () => fitPowerLaw(withRow(line(4), 4, { weight: Number.NaN })), "power-law fit needs finite numbers: row 4 has weight = NaN"],
    // Weights.
    ["power-law, weight = −1", () => fitPowerLaw(withRow(line(4), 2, { weight: -1 })), "power-law fit needs non-negative weights: row 2 has weight = -1"],
    ["log-linear, all weights 0", () => fitLogLinear(line(3).map((p) => ({ ...p, weight: 0 }))), "log-linear fit needs at least one positive weight, got all weights = 0"],
    ["hyper-parameter law, 1 point", () => fitHyperParameterLaw(line(1)), "power-law fit needs at least 2 points, got 1"],
  ];
  it.each(cases)("%s", (_name, fit, message) => {
    expect(fit).toThrow(message);
  });

  it("checks in order: non-finite, too few points, non-positive, one distinct x", () => {
    const needs = { minPoints: 3, positiveX: true, positiveY: true };
    expect(() => validatePoints("m", [{ x: 0, y: Number.NaN }], needs)).toThrow(POINT_ERRORS.notFinite("m", 1, "y", Number.NaN));
    expect(() => validatePoints("m", [{ x: 0, y: 1 }], needs)).toThrow(POINT_ERRORS.tooFewPoints("m", 3, 1));
    expect(() => validatePoints("m", [{ x: 0, y: 1 }, { x: 0, y: 1 }, { x: 0, y: 1 }], needs)).toThrow(POINT_ERRORS.notPositive("m", 1, "x", 0));
    expect(() => validatePoints("m", line(3).map((p) => ({ ...p, x: 1 })), needs)).toThrow(POINT_ERRORS.oneDistinct("m", "x", 1));
    expect(() => validatePoints("m", line(3), needs)).not.toThrow();
  });

  it("ignores weights when the fit does not use them", () => {
    expect(() => fitPowerLaw(withRow(line(4), 2, { weight: -1 }), { useWeights: false })).not.toThrow();
  });
});
