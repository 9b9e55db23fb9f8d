"use client";

import type { RouterOutputs } from "@scalecast/api";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { ErrorPanel, Skeleton } from "~/components/ui/states";
import { formatDate, formatExact, formatScale, formatScore } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

type Backtest = RouterOutputs["analysis"]["backtestHistory"][number];

/** Of a backtest's held-out rows, the one at the largest scale: the furthest extrapolation it checked. */
function largestHeldOut(backtest: Backtest): Backtest["heldOut"][number] | undefined {
  return backtest.heldOut.reduce<Backtest["heldOut"][number] | undefined>((best, r) => (best === undefined || r.scale > best.scale ? r : best), undefined);
}

/**
 * This sweep's stored backtests, newest first: when, which model, the largest held-out scale with its
 * predicted and actual score, and the mean relative error over the held-out runs, so a team sees whether
 * its forecasts held up over time. The API lists a team's backtests; this filters them to the sweep.
 */
export function BacktestHistory({ teamId, sweepId, currentId }: { teamId: string; sweepId: string; currentId: string | undefined }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.analysis.backtestHistory.queryOptions({ teamId }));
  const rows = useMemo(() => (history.data ?? []).filter((b) => b.sweepId === sweepId), [history.data, sweepId]);
  if (history.error) return <ErrorPanel error={history.error} retry={() => void history.refetch()} />;
  if (!history.data) return <Skeleton lines={2} label="Loading backtest history" />;
  return (
    <div data-testid="backtest-history">
      <h3>Earlier backtests of this sweep</h3>
      {rows.length === 0 ? (
        <p className="muted small">None stored yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>When</th>
                <th>Model</th>
                <th className="num">Held out at</th>
                <th className="num">Predicted</th>
                <th className="num">Actual</th>
                <th className="num">Mean error</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => {
                const last = largestHeldOut(b);
                return (
                  <tr key={b.id} className={b.id === currentId ? "current" : undefined} data-testid="backtest-history-row">
                    <td>{formatDate(b.createdAt)}</td>
                    <td>
                      <code>{b.model}</code>
                      {b.id === currentId && <span className="muted small"> (shown above)</span>}
                    </td>
                    <td className="num">{last ? formatScale(last.scale) : "—"}</td>
                    <td className="num">{last?.predicted == null ? "—" : formatExact(last.predicted)}</td>
                    <td className="num">{last ? formatExact(last.actual) : "—"}</td>
                    <td className="num">{b.meanAbsoluteRelativeError === null ? "—" : `${formatScore(b.meanAbsoluteRelativeError * 100)} %`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
