/**
 * The one scale a sweep's runs are drawn against: the single axis, or compute C = 6·N·D for a joint N, D
 * sweep (what the fitted curve is evaluated on), or C = M·D for a sweep of FLOPs per token M and tokens D
 * without N, or a C axis when the runs carry one.
 */
export interface ScaleAxis {
  label: string;
  /** What more of the scale means in a sentence ("the next 10× of data"). */
  noun: string;
  of(scales: Record<string, number>): number;
}

export function sweepScaleAxis(axes: readonly string[]): ScaleAxis {
  const upper = axes.map((a) => a.toUpperCase());
  if (axes.length >= 2 && upper.includes("N") && upper.includes("D")) {
    const n = axes[upper.indexOf("N")]!;
    const d = axes[upper.indexOf("D")]!;
    return { label: "compute C = 6·N·D (FLOPs)", noun: "compute", of: (s) => 6 * (s[n] ?? Number.NaN) * (s[d] ?? Number.NaN) };
  }
  if (upper.includes("M") && upper.includes("D")) {
    const m = axes[upper.indexOf("M")]!;
    const d = axes[upper.indexOf("D")]!;
    return { label: "compute C = M·D (FLOPs)", noun: "compute", of: (s) => (s[m] ?? Number.NaN) * (s[d] ?? Number.NaN) };
  }
  const axis = axes[0] ?? "x";
  const names: Record<string, string> = { D: "tokens / examples D", N: "parameters N", C: "compute C (FLOPs)" };
  const nouns: Record<string, string> = { D: "data", N: "parameters", C: "compute" };
  return { label: names[axis.toUpperCase()] ?? axis, noun: nouns[axis.toUpperCase()] ?? axis, of: (s) => s[axis] ?? Number.NaN };
}
