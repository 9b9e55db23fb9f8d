"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { ScaleChart, type ChartSeries } from "~/components/charts/scale-chart";
import { QueryView, Skeleton } from "~/components/ui/states";
import { formatExact, formatScale, formatScore } from "~/lib/format";
import { styleForIndex } from "~/lib/palette";
import { useTRPC } from "~/trpc/react";
import { BacktestHistory } from "./backtest-history";

/**
 * Backtest: fit on the smaller scales, predict the held-out largest ones, predicted against actual; under it
 * the sweep's earlier backtests. Run again when the model or the runs (`runCount`) change. A backtest is
 * stored in the team's history, so only those who may write to the team run one; everyone else reads the
 * history.
 */
export function BacktestPanel({ team, sweepId, model, metric, runCount }: { team: { id: string; slug: string; name: string }; sweepId: string; model: string; metric: string; runCount: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teamId = team.id;
  const canRun = useQuery(trpc.team.get.queryOptions({ slug: team.slug })).data?.viewer.canWrite;
  // A backtest is recorded in the team's forecast-error history, so it is a mutation: run it per model shown.
  const backtest = useMutation(
    trpc.analysis.backtest.mutationOptions({
      // Refresh the history unless it already lists this backtest: whether this call or an earlier or
      // concurrent one stored it, a history read before the store does not have it.
      onSuccess: (result) => {
        const history = queryClient.getQueryData(trpc.analysis.backtestHistory.queryKey({ teamId }));
        if (!history?.some((b) => b.id === result.id)) void queryClient.invalidateQueries(trpc.analysis.backtestHistory.queryFilter({ teamId }));
      },
    }),
  );
  const { mutate } = backtest;
  useEffect(() => {
    if (canRun) mutate({ sweepId, model: model as never });
  }, [canRun, mutate, sweepId, model, runCount]);
  return (
    <section className="panel" data-testid="backtest">
      <div className="panel-head">
        <h2>Backtest</h2>
        <span className="muted small">{model} fitted on the smaller scales</span>
      </div>
      {canRun === false ? (
        <p className="muted small" data-testid="backtest-locked">
          Only members of team {team.name} can run a backtest (it is kept in the team&apos;s history); its stored backtests are listed below.
        </p>
      ) : (
        <QueryView query={{ data: backtest.data, error: backtest.error, isPending: backtest.isPending || backtest.isIdle, refetch: () => mutate({ sweepId, model: model as never }) }} skeleton={<Skeleton chart lines={1} label="Backtesting" />}>
          {(data) => {
            const series: ChartSeries[] = [
              { id: "actual", label: "actual (held out)", style: styleForIndex(6), points: data.heldOut.map((r) => ({ x: r.scale, y: r.actual, label: "actual" })) },
              {
                id: "predicted",
                label: "predicted",
                style: styleForIndex(3),
                points: data.heldOut.filter((r) => r.predicted !== null).map((r) => ({ x: r.scale, y: r.predicted!, label: "predicted", hollow: true })),
              },
            ];
            return (
              <>
                <p className="muted small" style={{ marginTop: 0 }}>
                  Trained on {data.trainSize} runs below {formatScale(data.cutoff)}; {data.heldOut.length} held out. RMSE (log) {formatScore(data.rmseLog)}, mean
                  relative error {data.meanAbsoluteRelativeError === null ? "—" : `${formatScore(data.meanAbsoluteRelativeError * 100)} %`}.
                </p>
                <ScaleChart series={series} xLabel="scale" yLabel={metric} yScale="linear" height={220} legendNote="hollow: predicted from the smaller scales" />
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th className="num">Scale</th>
                        <th className="num">Actual</th>
                        <th className="num">Predicted</th>
                        <th className="num">Error</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.heldOut.map((r, i) => (
                        <tr key={i}>
                          <td className="num">{formatScale(r.scale)}</td>
                          <td className="num">{formatExact(r.actual)}</td>
                          <td className="num">{r.predicted === null ? "—" : formatExact(r.predicted)}</td>
                          <td className="num">{r.error === null ? "—" : formatScore(r.error)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            );
          }}
        </QueryView>
      )}
      <BacktestHistory teamId={teamId} sweepId={sweepId} currentId={backtest.data?.id} />
    </section>
  );
}
