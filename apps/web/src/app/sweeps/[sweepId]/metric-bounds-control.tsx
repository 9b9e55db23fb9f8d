"use client";

import { describeBounds, isBoundedByName, metricBounds } from "@scalecast/api/metric-bounds";
import { useMutation } from "@tanstack/react-query";
import { ErrorPanel } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";
import type { SweepData } from "./sweep-view";
import { useRefreshRuns } from "./use-refresh-runs";

const CHOICES = { name: null, bounded: true, unbounded: false } as const;
type Choice = keyof typeof CHOICES;

/**
 * Whether the sweep's metric is bounded to [0, 1] (runs outside are refused, the saturating law's ceiling is
 * held at 1): decided by its name, or a member's choice. The server refuses while a run lies outside.
 */
export function MetricBoundsControl({ sweep }: { sweep: SweepData["sweep"] }) {
  const trpc = useTRPC();
  const refreshRuns = useRefreshRuns(sweep.id);
  const set = useMutation(trpc.sweep.setMetricBounded.mutationOptions({ onSuccess: () => refreshRuns() }));
  const choice: Choice = sweep.metricBounded === null ? "name" : sweep.metricBounded ? "bounded" : "unbounded";
  const bounds = metricBounds(sweep);
  return (
    <section className="panel form" data-testid="metric-bounds">
      <h2>Metric bounds</h2>
      <label className="field">
        <span>
          {sweep.metric}: {bounds ? describeBounds(bounds) : "no bounds"}
        </span>
        <select
          value={choice}
          disabled={set.isPending}
          onChange={(e) => set.mutate({ sweepId: sweep.id, bounded: CHOICES[e.target.value as Choice] })}
          data-testid="metric-bounds-choice"
        >
          <option value="name">by its name ({isBoundedByName(sweep.metric) ? "accuracy-like: [0, 1]" : "not accuracy-like"})</option>
          <option value="bounded">bounded to [0, 1]</option>
          <option value="unbounded">not bounded to [0, 1]</option>
        </select>
      </label>
      {set.error && <ErrorPanel error={set.error} />}
    </section>
  );
}
