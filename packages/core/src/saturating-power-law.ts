/**
 * Saturating power law (Kaplan 2020; Porian 2024's loss law):
 * - direction "lower" (loss; lower is better): y = E + A·x^(−α), approaching E from above;
 * - direction "higher" (accuracy; higher is better): y = S − A·x^(−α), approaching S from below. The
 *   ceiling S is reported under the parameter name `E` as well, so both directions share the names
 *   E, A, alpha; the direction travels in the fit result and is passed to predict/inverse.
 *
 * Fit (robust multi-start):
 * 1. Starts: for each α of `alphaGrid`, the model is linear in (E, A), so ordinary least squares gives
 *    E and A (variable projection); E is clamped below min y ("lower") or above max y ("higher") and A
 *    refitted through the clamp. `starts` replaces this grid (e.g. Porian's grid of a, e, α).
 * 2. From every start, Levenberg–Marquardt in log space. "lower" uses Porian's LSE form
 *    r = logsumexp(a − α·ln x, e) − ln y with A = eᵃ, E = eᵉ (positivity built in); "higher" uses the
 *    relative residual r = (ŷ − y)/y, equal to ln ŷ − ln y to first order but defined everywhere. ln x is
 *    centred internally (a shift of a) for conditioning; the reported A is for x itself.
 * 3. The best run wins by Σ w·r² (or, when `huberDelta` is set, by Σ Huber_δ(r), Porian's rule).
 *
 * Cost: O(starts · LM iterations · n). Failure modes: throws (validate-points.ts messages) on fewer than 3
 * points, non-finite or non-positive x or y, bad weights, a single distinct x; with direction "higher",
 * throws SATURATING_POWER_LAW_ERRORS.noFiniteStart when a y so near 0 (a subnormal like 5e-324) or so near
 * 1.8e308 that (ŷ − y)/y overflows at every start ("lower" works in log space and fits such y, e.g. 5e-324,
 * starting from ln y when 0.5·min y underflows); with `ceiling`, throws SATURATING_POWER_LAW_ERRORS.aboveCeiling
 * for a y above it; returns `converged: false`
 * with the solver's message when the best run did not meet a stopping rule. When the fitted α ≤ 0 the
 * message says the data do not improve with x.
 */
import { InputError } from "./input-error";
import type { Direction, FitResult, Point } from "./types";
import { definedOnly } from "./defined-only";
import { goodnessOfFit } from "./goodness-of-fit";
import { huber } from "./huber";
import { levenbergMarquardt, type LevenbergMarquardtOptions } from "./levenberg-marquardt";
import { linearRegression } from "./linear-regression";
import { neumaierSum } from "./neumaier-sum";
import { validatePoints } from "./validate-points";

export type SaturatingPowerLawParam = "E" | "A" | "alpha";
export type SaturatingPowerLawParams = Record<SaturatingPowerLawParam, number>;

export interface SaturatingPowerLawOptions {
  /** "lower": y = E + A·x^(−α) (loss); "higher": y = E − A·x^(−α) with E the ceiling S (accuracy). */
  direction: Direction;
  /** Values of α from which starts are built by variable projection (ignored when `starts` is set). */
  alphaGrid: readonly number[];
  /** Explicit starting points; replaces the automatic grid. */
  starts: readonly SaturatingPowerLawParams[] | undefined;
  /** When set, the best start is chosen by Σ Huber_δ of the residuals instead of Σ r² (Porian's rule). */
  huberDelta: number | undefined;
  /** Use each point's `weight` (1 when absent). */
  useWeights: boolean;
  /** Options of each Levenberg–Marquardt run. */
  solver: Partial<LevenbergMarquardtOptions>;
  /**
   * Direction "higher" only: the largest value the ceiling E may take (1 for an accuracy). E is then fitted
   * as ceiling·σ(z), so it stays below the bound; undefined leaves E unbounded.
   */
  ceiling: number | undefined;
}

/** The defaults of every option, in one place. */
export const SATURATING_POWER_LAW_DEFAULTS: Readonly<SaturatingPowerLawOptions> = Object.freeze({
  direction: "lower",
  alphaGrid: Object.freeze([0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2]),
  starts: undefined,
  huberDelta: undefined,
  useWeights: true,
  solver: Object.freeze({}),
  ceiling: undefined,
});

/** The fit's own exact message for data that pass validatePoints (asserted by a test). */
export const SATURATING_POWER_LAW_ERRORS = {
  aboveCeiling: (row: number, y: number, ceiling: number) =>
    `saturating-power-law fit: row ${row} has y = ${y}, above the ceiling ${ceiling} the metric can take`,
  noFiniteStart: (row: number, y: number) =>
    `saturating-power-law fit found no start with finite residuals: row ${row} has y = ${y}, too close to the limits of floating point for the relative residual (ŷ − y)/y of direction "higher"; rescale y`,
} as const;

/** Fewest points: three parameters. */
export const SATURATING_POWER_LAW_MIN_POINTS = 3;

export type SaturatingPowerLawFit = FitResult<SaturatingPowerLawParam> & { direction: Direction };

/** Fills in defaults and checks every option; throws an exact message for a bad value. */
export function resolveSaturatingPowerLawOptions(
  options: Partial<SaturatingPowerLawOptions> = {},
): SaturatingPowerLawOptions {
  const o: SaturatingPowerLawOptions = { ...SATURATING_POWER_LAW_DEFAULTS, ...definedOnly(options) };
  if (o.direction !== "lower" && o.direction !== "higher") {
    throw new Error(`saturating-power-law option direction must be "lower" or "higher", got ${String(o.direction)}`);
  }
  if (o.alphaGrid.length === 0 || o.alphaGrid.some((a) => !(a > 0) || !Number.isFinite(a))) {
    throw new Error(`saturating-power-law option alphaGrid must be a non-empty list of positive numbers, got [${o.alphaGrid.join(", ")}]`);
  }
  if (o.starts !== undefined) {
    if (o.starts.length === 0) throw new Error("saturating-power-law option starts must not be empty");
    o.starts.forEach((s, i) => {
      if (!(s.E > 0 && s.A > 0 && Number.isFinite(s.E) && Number.isFinite(s.A) && Number.isFinite(s.alpha))) {
        throw new Error(
          `saturating-power-law start ${i + 1} needs positive finite E and A and a finite alpha, got E = ${s.E}, A = ${s.A}, alpha = ${s.alpha}`,
        );
      }
    });
  }
  if (o.ceiling !== undefined) {
    if (!(o.ceiling > 0 && Number.isFinite(o.ceiling))) throw new Error(`saturating-power-law option ceiling must be a positive number, got ${o.ceiling}`);
    if (o.direction !== "higher") throw new Error('saturating-power-law option ceiling applies to direction "higher" only');
  }
  if (o.huberDelta !== undefined && !(o.huberDelta > 0 && Number.isFinite(o.huberDelta))) {
    throw new Error(`saturating-power-law option huberDelta must be a positive number, got ${o.huberDelta}`);
  }
  return o;
}

/** Starts from the α grid: OLS of y on u = x^(−α) (centred ln x) for E and A, clamped to the valid side. */
function gridStarts(t: readonly number[], y: readonly number[], direction: Direction, alphas: readonly number[]) {
  const minY = Math.min(...y);
  const maxY = Math.max(...y);
  const starts: { a: number; e: number; alpha: number }[] = [];
  for (const alpha of alphas) {
    const u = t.map((v) => Math.exp(-alpha * v));
    let E: number;
    let A: number;
    try {
      const line = linearRegression(u, y);
      E = line.intercept;
      A = direction === "lower" ? line.slope : -line.slope;
    } catch {
      continue;
    }
    const lo = direction === "lower" ? 1e-3 * minY : maxY * (1 + 1e-3);
    const hi = direction === "lower" ? (1 - 1e-3) * minY : Infinity;
    if (!(E >= lo && E <= hi) || !(A > 0)) {
      E = Math.min(hi, Math.max(lo, E));
      // Least squares through the clamped E: A = Σu·|y − E| / Σu².
      A = neumaierSum(u.map((v, i) => v * Math.abs((y[i] as number) - E))) / neumaierSum(u.map((v) => v * v));
    }
    if (A > 0 && E > 0 && Number.isFinite(A)) starts.push({ a: Math.log(A), e: Math.log(E), alpha });
  }
  return starts;
}

/** Fits the saturating power law; see the file comment for the method. */
export function fitSaturatingPowerLaw(
  points: readonly Point[],
  options: Partial<SaturatingPowerLawOptions> = {},
): SaturatingPowerLawFit {
  const opts = resolveSaturatingPowerLawOptions(options);
  validatePoints("saturating-power-law", points, {
    minPoints: SATURATING_POWER_LAW_MIN_POINTS,
    positiveX: true,
    positiveY: true,
    useWeights: opts.useWeights,
  });
  const lx = points.map((p) => Math.log(p.x));
  const shift = neumaierSum(lx) / lx.length;
  const t = lx.map((v) => v - shift);
  const y = points.map((p) => p.y);
  const ly = y.map(Math.log);
  const sw = points.map((p) => Math.sqrt(opts.useWeights ? (p.weight ?? 1) : 1));
  const lower = opts.direction === "lower";
  const { ceiling } = opts;
  if (ceiling !== undefined) {
    const row = y.findIndex((v) => v > ceiling);
    if (row >= 0) throw new InputError("out-of-range", SATURATING_POWER_LAW_ERRORS.aboveCeiling(row + 1, y[row] as number, ceiling));
  }
  // The internal ceiling parameter e: E = eᵉ, or ceiling·σ(e) under a ceiling. ceilingOf gives E, slopeOf dE/de.
  const ceilingOf = (e: number) => (ceiling === undefined ? Math.exp(e) : ceiling / (1 + Math.exp(-e)));
  const slopeOf = (e: number) => (ceiling === undefined ? Math.exp(e) : ceilingOf(e) / (1 + Math.exp(e)));
  // A start's ln E as the internal e: under a ceiling, logit(E/ceiling) with E kept just below the ceiling.
  const internalE = (lnE: number) => {
    if (ceiling === undefined) return lnE;
    const share = Math.min(Math.exp(lnE) / ceiling, 1 - 1e-9);
    return Math.log(share / (1 - share));
  };

  // Internal parameters q = [a', e, α] with a' = ln A − α·shift (so a' − α·t = ln A − α·ln x).
  const residuals = (q: readonly number[]): number[] => {
    const [a, e, alpha] = q as [number, number, number];
    return t.map((ti, i) => {
      const s = a - alpha * ti;
      if (lower) {
        const m = Math.max(s, e);
        return (sw[i] as number) * (m + Math.log(Math.exp(s - m) + Math.exp(e - m)) - (ly[i] as number));
      }
      return ((sw[i] as number) * (ceilingOf(e) - Math.exp(s) - (y[i] as number))) / (y[i] as number);
    });
  };
  const jacobian = (q: readonly number[]): number[][] => {
    const [a, e, alpha] = q as [number, number, number];
    return t.map((ti, i) => {
      const s = a - alpha * ti;
      const w = sw[i] as number;
      if (lower) {
        const m = Math.max(s, e);
        const es = Math.exp(s - m);
        const ee = Math.exp(e - m);
        const sigma = es / (es + ee);
        const tau = ee / (es + ee);
        return [w * sigma, w * tau, -w * ti * sigma];
      }
      const yi = y[i] as number;
      const As = Math.exp(s);
      return [(-w * As) / yi, (w * slopeOf(e)) / yi, (w * As * ti) / yi];
    });
  };

  const starts =
    opts.starts?.map((s) => ({ a: Math.log(s.A) - s.alpha * shift, e: Math.log(s.E), alpha: s.alpha })) ??
    gridStarts(t, y, opts.direction, opts.alphaGrid);
  if (starts.length === 0) {
    // Data that rise for "lower" (or fall for "higher"): a neutral start still lets the solver try.
    const mid = lower ? 0.5 * Math.min(...y) : 2 * Math.max(...y);
    const gap = Math.abs(neumaierSum(y) / y.length - mid);
    // mid and the mean under- or overflow for y near 5e-324 or 1.8e308: then take the logs of y instead.
    const representable = mid > 0 && Number.isFinite(mid) && Number.isFinite(gap);
    starts.push({
      a: representable ? Math.log(gap || 1) : Math.log(Math.max(...y)),
      e: representable ? Math.log(mid) : lower ? Math.log(Math.min(...y)) - Math.LN2 : Math.log(Math.max(...y)) + Math.LN2,
      alpha: 0.5,
    });
  }

  const score = (r: readonly number[]): number =>
    opts.huberDelta === undefined
      ? neumaierSum(r.map((v) => v * v))
      : neumaierSum(r.map((v) => huber(v, opts.huberDelta as number)));

  if (ceiling !== undefined) for (const s of starts) s.e = internalE(s.e);

  let best: { q: number[]; score: number; converged: boolean; iterations: number; message: string } | undefined;
  for (const s of starts) {
    const initial = [s.a, s.e, s.alpha];
    if (!initial.every(Number.isFinite) || !residuals(initial).every(Number.isFinite)) continue;
    const run = levenbergMarquardt({ residuals, jacobian, initial }, opts.solver);
    const value = score(residuals(run.params));
    if (Number.isFinite(value) && (best === undefined || value < best.score)) {
      best = { q: run.params, score: value, converged: run.converged, iterations: run.iterations, message: run.message };
    }
  }
  if (best === undefined) {
    const first = starts.find((s) => [s.a, s.e, s.alpha].every(Number.isFinite)) ?? { a: 0, e: 0, alpha: 0.5 };
    const row = Math.max(0, residuals([first.a, first.e, first.alpha]).findIndex((r) => !Number.isFinite(r)));
    throw new InputError("no-fit", SATURATING_POWER_LAW_ERRORS.noFiniteStart(row + 1, y[row] as number));
  }
  const [a, e, alpha] = best.q as [number, number, number];
  const params: SaturatingPowerLawParams = { E: lower ? Math.exp(e) : ceilingOf(e), A: Math.exp(a + alpha * shift), alpha };
  const yhat = points.map((p) => predictSaturatingPowerLaw(params, p.x, opts.direction));
  let message = `best of ${starts.length} starts (${opts.huberDelta === undefined ? "least squares" : `Huber δ = ${opts.huberDelta}`}): ${best.message}`;
  if (!(alpha > 0)) message += `; fitted alpha = ${alpha} ≤ 0: the data do not improve with x`;
  return {
    model: "saturating-power-law",
    direction: opts.direction,
    params,
    objective: neumaierSum(residuals(best.q).map((v) => v * v)),
    n: points.length,
    converged: best.converged,
    iterations: best.iterations,
    message,
    gof: goodnessOfFit(y, yhat),
  };
}

/** ŷ = E + A·x^(−α) ("lower", default) or E − A·x^(−α) ("higher"). O(1), no checks. */
export function predictSaturatingPowerLaw(
  params: SaturatingPowerLawParams,
  x: number,
  direction: Direction = "lower",
): number {
  const term = params.A * Math.pow(x, -params.alpha);
  return direction === "lower" ? params.E + term : params.E - term;
}

/**
 * The x at which the law reaches y: x = (A/|y − E|)^(1/α). Returns Infinity when the target lies at or
 * beyond the asymptote (y ≤ E for "lower", y ≥ E for "higher"): no finite scale reaches it.
 * Throws when alpha ≤ 0 or A ≤ 0 (the law does not approach E).
 */
export function inverseSaturatingPowerLaw(
  params: SaturatingPowerLawParams,
  y: number,
  direction: Direction = "lower",
): number {
  if (!(params.alpha > 0) || !(params.A > 0)) {
    throw new InputError(
      "no-inverse",
      `saturating-power-law inverse needs alpha > 0 and A > 0, got alpha = ${params.alpha}, A = ${params.A}`,
    );
  }
  const gap = direction === "lower" ? y - params.E : params.E - y;
  if (!(gap > 0)) return Infinity;
  return Math.pow(params.A / gap, 1 / params.alpha);
}
