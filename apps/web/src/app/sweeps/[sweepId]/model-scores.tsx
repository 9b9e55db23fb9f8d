"use client";

import { useQuery } from "@tanstack/react-query";
import { QueryView, Skeleton } from "~/components/ui/states";
import { formatScore } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

/** Model selection: held-out extrapolation error first, AIC/BIC second; click a model to draw it. */
export function ModelScores({ sweepId, current, onPick }: { sweepId: string; current: string; onPick: (model: string) => void }) {
  const trpc = useTRPC();
  const scores = useQuery({ ...trpc.analysis.selectModel.queryOptions({ sweepId }), retry: false, staleTime: 5 * 60_000 });
  return (
    <section className="panel" data-testid="model-scores">
      <div className="panel-head">
        <h2>Model selection</h2>
        <span className="muted small">held-out extrapolation error first, then AIC</span>
      </div>
      <QueryView query={scores} skeleton={<Skeleton lines={5} label="Scoring models" />}>
        {(data) => (
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>Model</th>
                <th className="num">Held-out error</th>
                <th className="num">AIC</th>
                <th className="num">BIC</th>
              </tr>
            </thead>
            <tbody>
              {data.ranking.map((s) => (
                <tr key={s.model} style={s.model === current ? { background: "#eef5fb" } : undefined}>
                  <td>{s.rank}</td>
                  <td>
                    {s.error ? (
                      <span title={s.error}>{s.model}</span>
                    ) : (
                      <button type="button" className="linklike" onClick={() => onPick(s.model)}>
                        {s.model}
                      </button>
                    )}
                    {s.error && <div className="muted small">{s.error}</div>}
                  </td>
                  <td className="num">{s.heldOutError === undefined || s.heldOutError === null ? "—" : formatScore(s.heldOutError)}</td>
                  <td className="num">{formatScore(s.aic ?? null)}</td>
                  <td className="num">{formatScore(s.bic ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </section>
  );
}
