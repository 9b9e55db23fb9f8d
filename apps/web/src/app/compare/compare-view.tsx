"use client";

import type { RouterOutputs } from "@scalecast/api";
import { MAX_COMPARED_FITS } from "@scalecast/api/limits";
import { useQueries, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { ScaleChart, type ChartHandle, type ChartMarker, type ChartSeries } from "~/components/charts/scale-chart";
import { ExportButtons } from "~/components/export-buttons";
import { CURVE_BAND } from "@scalecast/api/curve-band";
import { FitStatusBadge, pollWhileFitting } from "~/components/fit-status";
import { useMethodologyStyles } from "~/components/use-methodology-styles";
import { EmptyState, ErrorPanel, QueryView, Skeleton } from "~/components/ui/states";
import { formatInterval, formatProbability, formatScale, formatScore, formatSummaryInterval } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import { incompatibility } from "./compatibility";
import { DataStrategiesPanel } from "./data-strategies-panel";
import { NotComparable, NotReliable } from "./not-comparable";

type Sweep = RouterOutputs["sweep"]["list"][number];
type Latest = RouterOutputs["fit"]["latest"];
type Fit = NonNullable<Latest["fit"]>;
/** analysis.compare takes at most this many fits; more curves are drawn but not ranked. */

export function CompareView() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // The selection lives in the URL (shareable) and in state, so quick successive clicks never read a stale URL.
  const [selected, setSelected] = useState(() => (params.get("sweeps") ?? "").split(",").filter(Boolean));
  const atParam = params.get("at");
  const [at, setAt] = useState(atParam && Number(atParam) > 0 ? Number(atParam) : undefined);
  const sweeps = useQuery(trpc.sweep.list.queryOptions());
  const setUrl = (ids: string[], nextAt: number | undefined) => {
    setSelected(ids);
    setAt(nextAt);
    const q = new URLSearchParams();
    if (ids.length) q.set("sweeps", ids.join(","));
    if (nextAt) q.set("at", String(nextAt));
    router.replace(`${pathname}?${q.toString()}`, { scroll: false });
  };
  return (
    <>
      <section className="panel">
        <div className="panel-head">
          <h2>Methodologies</h2>
          <span className="muted small">pick sweeps from any team; the link is shareable</span>
        </div>
        <QueryView query={sweeps} skeleton={<Skeleton lines={2} />}>
          {(list) => (list.length === 0 ? <p className="muted">No sweeps yet.</p> : <Picker sweeps={list} selected={selected} onChange={(ids) => setUrl(ids, at)} />)}
        </QueryView>
      </section>
      {selected.length < 2 ? (
        <EmptyState title="Choose at least two methodologies">Their fitted curves are overlaid on one chart with crossovers, data multiplier and ranking.</EmptyState>
      ) : (
        <Comparison sweepIds={selected} sweeps={sweeps.data ?? []} at={at} onAt={(v) => setUrl(selected, v)} />
      )}
    </>
  );
}

function Picker({ sweeps, selected, onChange }: { sweeps: Sweep[]; selected: string[]; onChange: (ids: string[]) => void }) {
  const styles = useMethodologyStyles();
  const teams = [...new Map(sweeps.map((s) => [s.team.id, s.team])).values()];
  const anchor = sweeps.find((s) => s.id === selected[0]);
  return (
    <div className="form" style={{ gap: 10 }}>
      {anchor && (
        <p className="muted small" data-testid="compare-anchor">
          Comparing on {anchor.metric} ({anchor.direction} is better) with {anchor.methodology.name} · {anchor.name}: greyed sweeps differ in metric, direction or scale axis. Joint laws (N × D) are compared on compute 6·N·D; a sweep whose axis is compute is not put on that axis.
        </p>
      )}
      {teams.map((team) => (
        <div key={team.id}>
          <div className="muted small" style={{ marginBottom: 4 }}>
            {team.name}
          </div>
          <div className="picker">
            {sweeps
              .filter((s) => s.team.id === team.id)
              .map((s) => {
                const on = selected.includes(s.id);
                const why = incompatibility(anchor, s);
                const disabled = !on && why !== undefined;
                return (
                  <label key={s.id} className={`chip${on ? " on" : disabled ? " off" : ""}${why ? " has-why" : ""}`} data-testid="compare-chip" title={why}>
                    <input type="checkbox" checked={on} disabled={disabled} onChange={() => onChange(on ? selected.filter((id) => id !== s.id) : [...selected, s.id])} />
                    <span className="swatch" style={{ background: styles(s.methodology.id).color }} />
                    {s.methodology.name} · {s.name}
                    {why && <span className="chip-why" data-testid="compare-chip-why">{why}</span>}
                  </label>
                );
              })}
          </div>
        </div>
      ))}
    </div>
  );
}

function Comparison({ sweepIds, sweeps, at, onAt }: { sweepIds: string[]; sweeps: Sweep[]; at: number | undefined; onAt: (at: number | undefined) => void }) {
  const trpc = useTRPC();
  const styles = useMethodologyStyles();
  const chartRef = useRef<ChartHandle | null>(null);
  // Each sweep's latest stored fit, re-read while its job runs: a curve appears (or is replaced) when it lands.
  const fits = useQueries({
    queries: sweepIds.map((sweepId) => ({ ...trpc.fit.latest.queryOptions({ sweepId }), retry: false, refetchInterval: pollWhileFitting((d: Latest) => [d.fitStatus]) })),
  });
  const loaded = fits.map((f) => f.data?.fit).filter((f): f is Fit => f !== undefined && f !== null);
  const unsettled = fits.map((f, i) => ({ sweepId: sweepIds[i]!, status: f.data?.fitStatus })).filter((f) => f.status && f.status.state !== "current");
  const failed = fits.map((f, i) => ({ error: f.error, sweepId: sweepIds[i]! })).filter((f) => f.error);
  const fitIds = loaded.map((f) => f.id).slice(0, MAX_COMPARED_FITS);
  const allLoaded = fits.every((f) => !f.isPending);
  const compare = useQuery({ ...trpc.analysis.compare.queryOptions({ fitIds, ...(at ? { at } : {}) }), enabled: allLoaded && fitIds.length >= 2, retry: false });
  const sweepOf = (id: string) => sweeps.find((s) => s.id === id);
  const labelOf = (fit: Fit) => {
    const s = sweepOf(fit.sweepId);
    return s ? `${s.methodology.name} (${s.team.name})` : fit.sweepId;
  };

  const { series, markers } = useMemo(() => {
    const series: ChartSeries[] = loaded.map((fit) => {
      const s = sweepOf(fit.sweepId);
      return {
        id: fit.id,
        label: `${labelOf(fit)} · ${fit.model}`,
        style: styles(s?.methodology.id ?? fit.sweepId),
        curve: (fit.curve ?? []).filter((c) => c.value !== null).map((c) => ({ x: c.scale, y: c.value!, lo: c.lower ?? null, hi: c.upper ?? null })),
        ...(fit.smallest !== null && fit.frontier !== null ? { fittedRange: [fit.smallest, fit.frontier] as const } : {}),
      };
    });
    const markers: ChartMarker[] = [];
    for (const pair of compare.data?.pairs ?? []) {
      if (pair.crossover.scale) markers.push({ x: pair.crossover.scale, lo: pair.crossover.interval?.lower, hi: pair.crossover.interval?.upper, label: `crossover ${formatScale(pair.crossover.scale)}`, color: "#333" });
    }
    if (compare.data) markers.push({ x: compare.data.at, label: `ranked at ${formatScale(compare.data.at)}`, color: "#D55E00" });
    return { series, markers };
  }, [loaded.map((f) => f.id).join(), compare.data, styles, sweeps]);

  const fitById = new Map(loaded.map((f) => [f.id, f]));
  const metrics = new Set(loaded.map((f) => f.metric));
  const [atText, setAtText] = useState(at ? String(at) : "");
  return (
    <>
      {failed.map((f) => (
        <div key={f.sweepId} style={{ marginBottom: 12 }}>
          <strong>{sweepOf(f.sweepId)?.methodology.name ?? f.sweepId}: </strong>
          <ErrorPanel error={f.error} />
        </div>
      ))}
      {unsettled.length > 0 && (
        <ul className="muted small" data-testid="compare-fit-status">
          {unsettled.map((f) => (
            <li key={f.sweepId}>
              {sweepOf(f.sweepId)?.methodology.name ?? f.sweepId}: <FitStatusBadge status={f.status} />
            </li>
          ))}
        </ul>
      )}
      <section className="panel">
        <div className="panel-head">
          <h2>Fitted curves</h2>
          <ExportButtons chartRef={chartRef} name="compare" meta={{ title: "Compare methodologies", team: [...new Set(loaded.map((f) => sweepOf(f.sweepId)?.team.name))].filter(Boolean).join(", "), band: CURVE_BAND }} />
        </div>
        {!allLoaded && loaded.length === 0 ? (
          <Skeleton chart lines={0} label="Fitting" />
        ) : (
          <ScaleChart
            series={series}
            markers={markers}
            xLabel="scale"
            yLabel={[...metrics].join(" / ")}
            yScale={loaded.every((f) => f.summary?.atTarget.value === null || (f.summary?.atTarget.value ?? 1) > 0) && loaded[0] && sweepOf(loaded[0].sweepId)?.direction === "lower" ? "log" : "linear"}
            handleRef={chartRef}
            testId="compare-chart"
            title="Compare methodologies"
          />
        )}
      </section>
      <div className="grid-2">
        <section className="panel" data-testid="compare-pairs">
          <div className="panel-head">
            <h2>{loaded[0] ? `${labelOf(loaded[0])} against the others` : "Pairs"}</h2>
          </div>
          {compare.error ? (
            <NotComparable error={compare.error} retry={() => void compare.refetch()} />
          ) : !compare.data ? (
            <Skeleton lines={4} label="Comparing" />
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Against</th>
                  <th className="num">Crossover</th>
                  <th className="num">Data multiplier</th>
                  <th className="num">P(first better)</th>
                </tr>
              </thead>
              <tbody>
                {compare.data.pairs.map((p) => {
                  const b = fitById.get(p.b);
                  return (
                    <tr key={p.b}>
                      <td>{b ? labelOf(b) : p.b}</td>
                      <td className="num" data-testid="crossover">
                        {p.crossover.scale ? (
                          <>
                            {formatScale(p.crossover.scale)}
                            <div className="muted small">{p.crossover.interval?.unreliable ? <NotReliable why={p.crossover.interval.unreliable} /> : formatInterval(p.crossover.interval?.lower, p.crossover.interval?.upper, formatScale)}</div>
                          </>
                        ) : (
                          "none in range"
                        )}
                      </td>
                      <td className="num">
                        {p.unreliable ? (
                          <NotReliable why={p.unreliable} />
                        ) : (
                          <>
                            {p.dataMultiplier.multiplier ? `${formatScore(p.dataMultiplier.multiplier)}×` : "—"}
                            <div className="muted small">{formatInterval(p.dataMultiplier.interval?.lower, p.dataMultiplier.interval?.upper)}</div>
                          </>
                        )}
                      </td>
                      <td className="num" data-testid="probability-better">{p.unreliable ? <NotReliable why={p.unreliable} /> : formatProbability(p.probabilityABetter)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <p className="muted small">Data multiplier: how much more scale the other methodology needs to match the first at the ranking scale.</p>
        </section>
        <section className="panel" data-testid="compare-ranking">
          <div className="panel-head">
            <h2>Ranking at {compare.data ? formatScale(compare.data.at) : "…"}</h2>
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                const v = Number(atText);
                onAt(atText.trim() && v > 0 ? v : undefined);
              }}
            >
              <input value={atText} onChange={(e) => setAtText(e.target.value)} placeholder="budget, e.g. 1e10" style={{ width: 150 }} aria-label="ranking scale" />
              <button type="submit" className="button secondary small">
                Rank
              </button>
            </form>
          </div>
          {compare.error ? (
            <NotComparable error={compare.error} retry={() => void compare.refetch()} />
          ) : compare.data ? (
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>Methodology</th>
                  <th className="num">Forecast</th>
                  <th className="num">P(best)</th>
                </tr>
              </thead>
              <tbody>
                {compare.data.ranking.map((r) => {
                  const f = fitById.get(r.fitId);
                  return (
                    <tr key={r.fitId}>
                      <td>{r.rank}</td>
                      <td>{f ? labelOf(f) : r.fitId}</td>
                      <td className="num">
                        {formatScore(r.value)}
                        <div className="muted small" title={r.interval?.unreliable}>{formatSummaryInterval(r.interval?.lower, r.interval?.upper, r.interval?.unreliable)}</div>
                      </td>
                      <td className="num" data-testid="probability-best">{r.probabilityBestUnreliable ? <NotReliable why={r.probabilityBestUnreliable} /> : formatProbability(r.probabilityBest)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <Skeleton lines={3} />
          )}
        </section>
      </div>
      {loaded.length >= 2 && <DataStrategiesPanel key={`${loaded[0]!.id}-${loaded[1]!.id}`} a={loaded[0]!} b={loaded[1]!} labelOf={labelOf} axesOf={(f) => sweepOf(f.sweepId)?.axes ?? []} />}
      {loaded.length > MAX_COMPARED_FITS && <p className="muted small">Ranked and paired: the first {MAX_COMPARED_FITS} selected; all {loaded.length} are drawn.</p>}
    </>
  );
}
