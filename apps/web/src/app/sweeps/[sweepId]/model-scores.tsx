"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FitStatusBadge, pollWhileFitting } from "~/components/fit-status";
import { QueryView, Skeleton } from "~/components/ui/states";
import { formatScore } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

/**
 * Model selection: held-out extrapolation error first, AIC/BIC second; the law used by default (rank 1 unless
 * its fit is degenerate, or the pinned law) and why; click a model to draw it, pin the drawn law or unpin.
 */
export function ModelScores({
  sweepId,
  teamSlug,
  current,
  pinnedModel,
  onPick,
}: {
  sweepId: string;
  teamSlug: string;
  current: string | null;
  pinnedModel: string | null;
  onPick: (model: string | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Only the team's members may pin; others read which law is used.
  const canPin = useQuery(trpc.team.get.queryOptions({ slug: teamSlug })).data?.viewer.canWrite === true;
  // The stored ranking (the sweep's fit job computes it), re-read while the job of new runs is pending.
  const scores = useQuery({ ...trpc.analysis.selectModel.queryOptions({ sweepId }), retry: false, refetchInterval: pollWhileFitting((d) => [d.fitStatus]) });
  const pin = useMutation(
    trpc.sweep.pinModel.mutationOptions({
      onSuccess: async () => {
        onPick(null);
        await Promise.all([
          queryClient.invalidateQueries(trpc.sweep.pathFilter()),
          queryClient.invalidateQueries(trpc.fit.latest.pathFilter()),
          queryClient.invalidateQueries(trpc.analysis.selectModel.pathFilter()),
        ]);
      },
    }),
  );
  return (
    <section className="panel" data-testid="model-scores">
      <div className="panel-head">
        <h2>Model selection</h2>
        <span className="muted small">
          held-out extrapolation error first, then AIC
          <FitStatusBadge status={scores.data?.fitStatus} />
        </span>
      </div>
      <QueryView query={scores} skeleton={<Skeleton lines={5} label="Scoring models" />}>
        {(data) =>
          data.choice === null ? (
            data.fitStatus.state === "failed" ? null : <Skeleton lines={5} label="Scoring models" />
          ) : (
          <>
            <p className="small" data-testid="default-law">
              {pinnedModel ? (
                <>
                  Default law: <strong>{pinnedModel}</strong>, pinned by a member (selection would use {data.choice.model}).{" "}
                  {canPin && (
                    <button type="button" className="linklike" disabled={pin.isPending} onClick={() => pin.mutate({ sweepId, model: null })} data-testid="unpin-law">
                      Unpin
                    </button>
                  )}
                </>
              ) : (
                <>
                  Default law: <strong>{data.choice.model}</strong>, rank {data.choice.rank} of model selection
                  {data.choice.skipped.length > 0 ? `; skipped ${data.choice.skipped.map((s) => `rank ${s.rank} ${s.model} (${s.reason})`).join("; ")}` : ""}
                  {data.choice.degenerate ? `; every law's fit is degenerate, so it has low confidence` : ""}.
                </>
              )}
              {canPin && current && current !== pinnedModel && (
                <>
                  {" "}
                  <button type="button" className="linklike" disabled={pin.isPending} onClick={() => pin.mutate({ sweepId, model: current as never })} data-testid="pin-law">
                    Pin {current} as the default
                  </button>
                </>
              )}
            </p>
            {pin.error && <p className="form-error small">{pin.error.message}</p>}
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
                    <td>
                      {s.rank}
                      {s.model === (pinnedModel ?? data.choice?.model) ? " ★" : ""}
                    </td>
                    <td>
                      {s.error ? (
                        <span title={s.error}>{s.model}</span>
                      ) : (
                        <button type="button" className="linklike" onClick={() => onPick(s.model)}>
                          {s.model}
                        </button>
                      )}
                      {s.error && <div className="muted small">{s.error}</div>}
                      {s.degenerate.length > 0 && (
                        <div className="small degenerate-note" data-testid="degenerate-law">
                          degenerate: {s.degenerate.join("; ")}
                        </div>
                      )}
                    </td>
                    <td className="num">{s.heldOutError === undefined || s.heldOutError === null ? "—" : formatScore(s.heldOutError)}</td>
                    <td className="num">{formatScore(s.aic ?? null)}</td>
                    <td className="num">{formatScore(s.bic ?? null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
          )
        }
      </QueryView>
    </section>
  );
}
