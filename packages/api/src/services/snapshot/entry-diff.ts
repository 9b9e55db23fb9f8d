import type { TFrozenSweepEntry } from "../overview/schemas";
import type { TEntryDiff, TForecastSide, TNumberChange } from "./entry-diff-schema";

/** One number before → after: the difference and, where `from` is a non-zero number, the relative change. */
export function numberChange(from: number | null, to: number | null): TNumberChange {
  if (from === null || to === null) return { from, to, delta: null, relative: null };
  return { from, to, delta: to - from, relative: from === 0 ? (to === 0 ? 0 : null) : (to - from) / Math.abs(from) };
}

function forecastSide(entry: TFrozenSweepEntry | null): TForecastSide | null {
  const f = entry?.forecast;
  if (!f) return null;
  return { scale: f.scale, value: f.value, lower: f.lower, upper: f.upper, ...(f.level === undefined ? {} : { level: f.level }), ...(f.method === undefined ? {} : { method: f.method }) };
}

/** Every parameter named by either fit, before → after (a parameter only one law has gets null on the other side). */
function parameterChanges(a: TFrozenSweepEntry | null, b: TFrozenSweepEntry | null): TEntryDiff["parameters"] {
  const before = a?.fit?.params ?? {};
  const after = b?.fit?.params ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names.map((name) => ({ name, ...numberChange(before[name] ?? null, after[name] ?? null) }));
}

/**
 * How one methodology's sweep moved from snapshot `a` to snapshot `b` (either may be missing: the sweep was
 * added or removed): runs, law, each parameter, the gain per 10×, the forecast at the target with its
 * interval, and the recommendation, each before → after.
 */
export function entryDiff(a: TFrozenSweepEntry | null, b: TFrozenSweepEntry | null): TEntryDiff {
  const e = (b ?? a)!;
  const lawFrom = a?.fit?.model ?? null;
  const lawTo = b?.fit?.model ?? null;
  const recFrom = a?.recommendation?.action ?? null;
  const recTo = b?.recommendation?.action ?? null;
  const forecastFrom = forecastSide(a);
  const forecastTo = forecastSide(b);
  const sameTarget = forecastFrom !== null && forecastTo !== null && forecastFrom.scale === forecastTo.scale;
  const forecastValue = sameTarget ? numberChange(forecastFrom.value, forecastTo.value) : numberChange(null, null);
  const gain = numberChange(a?.gainPer10x ?? null, b?.gainPer10x ?? null);
  const runs = { from: a?.runCount ?? null, to: b?.runCount ?? null };
  const parameters = parameterChanges(a, b);
  const fitFrom = a?.fit?.id ?? null;
  const fitTo = b?.fit?.id ?? null;
  const changed =
    runs.from !== runs.to ||
    fitFrom !== fitTo ||
    lawFrom !== lawTo ||
    recFrom !== recTo ||
    gain.from !== gain.to ||
    JSON.stringify(forecastFrom) !== JSON.stringify(forecastTo) ||
    parameters.some((p) => p.from !== p.to);
  return {
    sweepId: e.sweep.id,
    sweepName: e.sweep.name,
    methodologyId: e.methodology.id,
    methodologyName: e.methodology.name,
    teamName: e.team.name,
    metric: e.sweep.metric,
    direction: e.sweep.direction,
    status: !a ? "added" : !b ? "removed" : changed ? "changed" : "unchanged",
    runs,
    newRuns: (runs.to ?? 0) - (runs.from ?? 0),
    fit: { from: fitFrom, to: fitTo },
    law: { from: lawFrom, to: lawTo, changed: lawFrom !== lawTo },
    parameters,
    gainPer10x: gain,
    forecast: { from: forecastFrom, to: forecastTo, sameTarget, value: forecastValue },
    recommendation: { from: recFrom, to: recTo, changed: recFrom !== recTo },
    movement: {
      recommendationChanged: recFrom !== recTo,
      forecastShift: forecastValue.relative === null ? null : Math.abs(forecastValue.relative),
      gainShift: gain.relative === null ? null : Math.abs(gain.relative),
    },
  };
}

/** Descending by a magnitude; a known one before an unknown one. */
function byMagnitude(x: number | null, y: number | null): number {
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  return y - x;
}

/**
 * The order of "how much the decision moved": entries whose recommendation changed first, then by the
 * relative shift of the forecast at the target (|after − before| / |before|, only when both snapshots forecast
 * the same target scale), then by the relative shift of the gain per 10×, largest first; unknown shifts after
 * known ones, and equal ones by methodology and sweep name.
 */
export function byMovement(x: TEntryDiff, y: TEntryDiff): number {
  return (
    Number(y.movement.recommendationChanged) - Number(x.movement.recommendationChanged) ||
    byMagnitude(x.movement.forecastShift, y.movement.forecastShift) ||
    byMagnitude(x.movement.gainShift, y.movement.gainShift) ||
    x.methodologyName.localeCompare(y.methodologyName) ||
    x.sweepName.localeCompare(y.sweepName)
  );
}

/** Every sweep of either snapshot, matched by sweep id, sorted by how much the decision moved (byMovement). */
export function diffSnapshotEntries(from: readonly TFrozenSweepEntry[], to: readonly TFrozenSweepEntry[]): TEntryDiff[] {
  const before = new Map(from.map((e) => [e.sweep.id, e]));
  const after = new Set(to.map((e) => e.sweep.id));
  const diffs = [...to.map((e) => entryDiff(before.get(e.sweep.id) ?? null, e)), ...from.filter((e) => !after.has(e.sweep.id)).map((e) => entryDiff(e, null))];
  return diffs.sort(byMovement);
}
