/** Printing: one JSON object with --json, otherwise aligned plain-text tables. */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A number for people: 4 significant digits, exponent form for very large or small magnitudes. */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined) return "-";
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(3) : Number(v.toPrecision(4)).toString();
}

/** Left-aligned columns separated by two spaces, with a header row and a rule. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, j) => c.padEnd(widths[j]!)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function printText(text: string): void {
  process.stdout.write(`${text}\n`);
}
