import { formatInterval, UNRELIABLE_INTERVAL_NOTE } from "~/lib/format";

/** Intervals of plan quantities over a stored fit's bootstrap draws, as `analysis.plan` answers them. */
export interface PlanIntervals<F extends string> {
  level: number;
  draws: number;
  bounds: Partial<Record<F, { lower: number | null; upper: number | null; unreliable?: string } | undefined>>;
  unreliable: string | null;
}

/** "90 % [1.2B, 3.4B]" for one quantity, the unreliable note when its draws collapsed, undefined without one. */
export function intervalText<F extends string>(intervals: PlanIntervals<F> | null | undefined, field: F, fmt: (v: number) => string): string | undefined {
  const b = intervals?.bounds[field];
  if (!intervals || !b) return undefined;
  return b.unreliable ? UNRELIABLE_INTERVAL_NOTE : `${Math.round(intervals.level * 100)} % ${formatInterval(b.lower, b.upper, fmt)}`;
}

/** One line on where a plan's intervals come from, or why the fit's draws cannot stand behind any. */
export function IntervalsNote({ intervals, testId }: { intervals: PlanIntervals<string>; testId: string }) {
  return (
    <p className="muted small" data-testid={testId}>
      {intervals.unreliable
        ? `No intervals from the fit's ${intervals.draws} bootstrap draws: ${intervals.unreliable}.`
        : `Intervals: ${Math.round(intervals.level * 100)} % over ${intervals.draws} bootstrap draws of the fit (parameter uncertainty only).`}
    </p>
  );
}
