import { DEGENERATE_INTERVAL_PREFIX, INTERVAL_METHOD_LABELS, type IntervalMethod, type RecommendationAction } from "@scalecast/core";

/**
 * Number formatting for scales and scores, readable at meeting-room distance.
 * Scales use SI-style suffixes up to trillions (1k, 1M, 10B, 1T) and powers of ten beyond (1e21).
 */

/** Level of the bootstrap band in fit summaries stored before intervals named their level. */
const STORED_SUMMARY_LEVEL = 0.9;

const SUFFIXES: [number, string][] = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
  [1e3, "k"],
];

/** Scale label: 1M, 10B, 3.2T, 1e21 (FLOPs beyond 1e15), 250, 0.01. */
export function formatScale(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs === 0) return "0";
  if (abs >= 1e15 || abs < 1e-3) return formatPower(value);
  for (const [unit, suffix] of SUFFIXES) {
    if (abs >= unit) return `${trim(value / unit)}${suffix}`;
  }
  return trim(value);
}

/** 1e21, 3.2e21: a power of ten without the "+" sign. */
export function formatPower(value: number): string {
  const [mantissa = "", exponent = "0"] = value.toExponential(2).split("e");
  const m = Number(mantissa);
  const e = Number(exponent);
  return m === 1 ? `1e${e}` : `${trim(m)}e${e}`;
}

/** Up to 3 significant digits, no trailing zeros. */
function trim(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** A score (loss, accuracy): 4 significant digits. */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return formatPower(value);
  return String(Number(value.toPrecision(4)));
}

/**
 * A number said aloud in a sentence: 2 significant digits (4.5, 0.031), whole numbers from 100 (450), powers
 * of ten beyond a million or below 0.001, like formatScore.
 */
export function formatSpoken(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return formatPower(value);
  if (abs >= 100) return String(Math.round(value));
  return String(Number(value.toPrecision(2)));
}

/** A range in a sentence: "3.9–5.1" (formatSpoken for both ends). */
export function formatRange(lo: number, hi: number): string {
  return `${formatSpoken(lo)}–${formatSpoken(hi)}`;
}

/** A fraction as a percentage, up to 2 significant digits: 0.01 → "1 %", 0.8 → "80 %", 0.0025 → "0.25 %". */
export function formatPercent(fraction: number): string {
  return `${formatSpoken(fraction * 100)} %`;
}

/** Exact value for hover read-outs and tables: 6 significant digits. */
export function formatExact(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e7 || abs < 1e-4)) return value.toExponential(5).replace("e+", "e");
  return String(Number(value.toPrecision(6)));
}

/** A signed change: +0.012, −3.1 %. */
export function formatDelta(value: number, percent = false): string {
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  const body = percent ? `${formatScore(Math.abs(value) * 100)} %` : formatScore(Math.abs(value));
  return `${sign}${body}`;
}

/**
 * A probability as whole percents, "< 1 %" and "> 99 %" at the ends: a bootstrap of a few hundred draws
 * cannot tell 0.2 % from 0, so the ends are not printed as exact numbers. "—" when there is none.
 */
export function formatProbability(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  if (p < 0.01) return "< 1 %";
  if (p > 0.99) return "> 99 %";
  return `${Math.round(p * 100)} %`;
}

/** "95 % CI [0.31, 0.36]". */
export function formatInterval(lo: number | null | undefined, hi: number | null | undefined, fmt: (v: number) => string = formatScore): string {
  if (lo === null || lo === undefined || hi === null || hi === undefined) return "—";
  return `[${fmt(lo)}, ${fmt(hi)}]`;
}

/** What the views show instead of an interval the API flags as not reliable (see the fit summary). */
export const UNRELIABLE_INTERVAL_NOTE = "interval not reliable (bootstrap unstable)";

/** What the views show instead of the interval of a degenerate fit. */
export const DEGENERATE_INTERVAL_NOTE = "no interval: degenerate fit";

/**
 * An interval of the fit summary, or a note when the API withheld it (`unreliable`: why): DEGENERATE_INTERVAL_NOTE
 * for a degenerate fit, else UNRELIABLE_INTERVAL_NOTE.
 */
export function formatSummaryInterval(lo: number | null | undefined, hi: number | null | undefined, unreliable: string | undefined): string {
  if (unreliable === undefined) return formatInterval(lo, hi);
  return unreliable.startsWith(DEGENERATE_INTERVAL_PREFIX) ? DEGENERATE_INTERVAL_NOTE : UNRELIABLE_INTERVAL_NOTE;
}

/**
 * Names a forecast interval's level and method: "90 % interval: calibrated on backtests" (the bootstrap band
 * widened by the extrapolation error measured on the sweep's own backtests) or "90 % interval: parameter
 * uncertainty only" (the
 * bootstrap band alone). Summaries and snapshots stored before intervals were named hold a 90 % bootstrap band.
 */
export function formatIntervalKind(interval: { level?: number; method?: IntervalMethod }): string {
  return `${Math.round((interval.level ?? STORED_SUMMARY_LEVEL) * 100)} % interval: ${INTERVAL_METHOD_LABELS[interval.method ?? "parameter-only"]}`;
}

export function formatDate(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return date.toLocaleString("en-GB", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** The one spelling of each recommendation, in every view and export. */
export const RECOMMENDATION_LABELS: Record<RecommendationAction, string> = {
  "scale-further": "Scale further",
  switch: "Switch methodology",
  plateau: "Plateau: move on",
};

/** A recommendation as words ("Scale further"); "—" when there is none. The API types actions as text. */
export function formatRecommendation(action: RecommendationAction | string | null | undefined): string {
  return action ? (RECOMMENDATION_LABELS[action as RecommendationAction] ?? action) : "—";
}

/** A meeting decision's outcome, spelled as the recommendation it matches. */
export const DECISION_OUTCOME_LABELS = {
  scale_further: RECOMMENDATION_LABELS["scale-further"],
  switch_strategy: RECOMMENDATION_LABELS.switch,
  plateau: RECOMMENDATION_LABELS.plateau,
  other: "Other",
} as const;
