/** Command-line flags of the benchmark scripts: `--name=N`, a positive integer. */
export function positiveIntegerFlag(name: string, fallback: number, args: readonly string[] = process.argv.slice(2)): number {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  const value = hit ? Number(hit.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${hit}`);
  return value;
}
