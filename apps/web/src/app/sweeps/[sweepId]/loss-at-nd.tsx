"use client";

import type { RouterOutputs } from "@scalecast/api";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { QueryView, Skeleton } from "~/components/ui/states";
import { formatInterval, formatScale, formatScore } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

type Run = RouterOutputs["sweep"]["get"]["runs"][number];

/** The run value of axis `name` (matched case-insensitively, as fitting does). */
function scaleOf(run: Run, name: string): number | undefined {
  const key = Object.keys(run.scales).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : run.scales[key];
}

/** Default question: the largest run by N, so the answer can be read against a run the team knows. */
function largestRun(runs: readonly Run[]): { n: string; d: string } {
  let best: { n: number; d: number } | undefined;
  for (const r of runs) {
    const n = scaleOf(r, "n");
    const d = scaleOf(r, "d");
    if (n !== undefined && d !== undefined && (!best || n > best.n)) best = { n, d };
  }
  return best ? { n: best.n.toExponential(2), d: best.d.toExponential(2) } : { n: "", d: "" };
}

const parse = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/**
 * "Loss at N, D": the sweep's joint law (chinchilla, kaplan, data-constrained) at a planned run, through
 * analysis.predictAt, with the bootstrap interval labelled as parameter uncertainty at its level. The
 * answer is asked only when both fields are positive numbers; the API's refusal is shown as its message.
 */
export function LossAtNd({ fitId, metric, runs }: { fitId: string; metric: string; runs: readonly Run[] }) {
  const trpc = useTRPC();
  const [text, setText] = useState(() => largestRun(runs));
  const [asked, setAsked] = useState(text);
  const pair = { n: parse(asked.n), d: parse(asked.d) };
  const valid = pair.n > 0 && pair.d > 0 && Number.isFinite(pair.n) && Number.isFinite(pair.d);
  const answer = useQuery({ ...trpc.analysis.predictAt.queryOptions({ fitId, pairs: [pair] }), enabled: valid, retry: false });
  return (
    <section className="panel" data-testid="loss-at-nd">
      <div className="panel-head">
        <h2>
          {metric} at N, D
        </h2>
        <span className="muted small">a planned run, not the compute-optimal split</span>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(text);
        }}
      >
        <label>
          N (parameters)
          <input value={text.n} onChange={(e) => setText({ ...text, n: e.target.value })} placeholder="e.g. 1.3e10" aria-label="N" style={{ width: 130 }} />
        </label>
        <label>
          D (tokens)
          <input value={text.d} onChange={(e) => setText({ ...text, d: e.target.value })} placeholder="e.g. 5e12" aria-label="D" style={{ width: 130 }} />
        </label>
        <button type="submit" className="button secondary small">
          Predict
        </button>
      </form>
      {!valid ? (
        <p className="muted small" data-testid="loss-at-nd-invalid">
          N and D must be positive numbers, e.g. 1.3e10 and 5e12.
        </p>
      ) : (
        <QueryView query={answer} skeleton={<Skeleton lines={2} />}>
          {(data) => {
            const p = data.at[0]!;
            return (
              <div className="kpi" data-testid="loss-at-nd-answer" style={{ marginTop: 12 }}>
                <span>
                  {data.model} at N = {formatScale(p.n)}, D = {formatScale(p.d)}
                  {p.u !== null ? `, U = ${formatScale(p.u)}` : ""}
                </span>
                <strong>{formatScore(p.value)}</strong>
                <small data-testid="loss-at-nd-interval">
                  {!p.interval
                    ? "no interval: fit with bootstrap resamples"
                    : p.interval.unreliable
                      ? `interval not reliable: ${p.interval.unreliable}`
                      : `${Math.round(data.level * 100)} % interval ${formatInterval(p.interval.lower, p.interval.upper)}, ${data.uncertainty}`}
                </small>
              </div>
            );
          }}
        </QueryView>
      )}
    </section>
  );
}
