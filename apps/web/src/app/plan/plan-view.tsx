"use client";

import {
  computeForLoss,
  computeOptimal,
  DATA_CAP_MESSAGES,
  planUnderDataCap,
  PUBLISHED_HYPERPARAMETER_LAWS,
  PUBLISHED_LAWS,
  PUBLISHED_LAW_NAMES,
  suggestHyperParameters,
  type ChinchillaLaw,
  type ComputeOptimal,
} from "@scalecast/core";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { ScaleChart, type ChartHandle, type ChartMarker, type ChartSeries } from "~/components/charts/scale-chart";
import { ExportButtons } from "~/components/export-buttons";
import { pollWhileFitting } from "~/components/fit-status";
import { Kpi } from "~/components/ui/kpi";
import { ErrorPanel, Skeleton } from "~/components/ui/states";
import { formatDelta, formatExact, formatScale, formatScore } from "~/lib/format";
import { styleForIndex } from "~/lib/palette";
import { replaceSearchParams } from "~/lib/search-params";
import { useTRPC } from "~/trpc/react";
import { DataCapPanel, type DataCapView } from "./data-cap-panel";
import { fitLabel, LawSources, presetOf, sourceFromSearch, sourceKey, sourceParams, type LawSource } from "./law-sources";
import { BUDGET_SLIDER, budgetParam, log10BudgetFromSearch } from "./plan-link";
import { intervalText, IntervalsNote } from "./plan-intervals";
import { RecipesChart } from "./recipes-chart";
import { useFitPlan } from "./use-fit-plan";

/** Keeps an interval ("90 % [1B, 2B]") on one line beside the exact number. */
const NBSP = "\u00a0";
const FRONTIER_GRID = Array.from({ length: 161 }, (_, i) => 10 ** (17 + i * 0.06875));

export function PlanView() {
  const trpc = useTRPC();
  const params = useSearchParams();
  // The law, the budget and the cap live in the URL (a plan is shareable) and in state, read from the URL once.
  const [source, setSource] = useState<LawSource>(() => sourceFromSearch(params));
  const [log10Budget, setLog10Budget] = useState(() => log10BudgetFromSearch(params));
  const [uniqueTokensText, setUniqueTokensText] = useState(() => params.get("cap") ?? "");
  const choose = (next: LawSource) => {
    setSource(next);
    replaceSearchParams(sourceParams(next));
  };
  const frontierRef = useRef<ChartHandle | null>(null);
  const moveBudget = (next: number) => {
    setLog10Budget(next);
    replaceSearchParams({ budget: budgetParam(next) });
  };
  const typeCap = (text: string) => {
    setUniqueTokensText(text);
    replaceSearchParams({ cap: text.trim() === "" ? null : text.trim() });
  };
  // What-if exponents belong to the law they were set on: another law (or fit) starts from the law as it is.
  const [whatIfShifts, setWhatIfShifts] = useState({ source: sourceKey(source), alpha: 0, beta: 0 });
  const shiftsApply = whatIfShifts.source === sourceKey(source);
  const alphaShift = shiftsApply ? whatIfShifts.alpha : 0;
  const betaShift = shiftsApply ? whatIfShifts.beta : 0;
  const shift = (change: { alpha?: number; beta?: number }) => setWhatIfShifts({ source: sourceKey(source), alpha: alphaShift, beta: betaShift, ...change });
  const [targetLoss, setTargetLoss] = useState("2.0");
  const budget = 10 ** log10Budget;
  const cap = parseCap(uniqueTokensText);
  const whatIf = alphaShift !== 0 || betaShift !== 0;

  // Polled while a listed fit is being computed, so a sweep's new fit becomes a source when it lands.
  const fits = useQuery({ ...trpc.fit.plannable.queryOptions(), refetchInterval: pollWhileFitting((d) => d.map((f) => f.fitStatus)) });
  const fitId = source.kind === "fit" ? source.fitId : null;
  const served = useFitPlan(fitId, budget);
  // The capped plan of a fit is asked for separately, so a fit that cannot take a cap keeps its plan.
  const cappedServed = useFitPlan(typeof cap === "number" ? fitId : null, budget, typeof cap === "number" ? cap : undefined);
  const listed = fits.data?.find((f) => f.fitId === fitId);
  const preset = useMemo(() => (source.kind === "published" ? presetOf(source.name) : null), [source]);
  const label = preset ? preset.source : listed ? fitLabel(listed) : (served.data?.source ?? `fit ${fitId}`);

  const s = served.data?.law;
  const baseLaw: ChinchillaLaw | null = useMemo(
    () => (preset ? preset.law : s ? { E: s.E, A: s.A, B: s.B, alpha: s.alpha, beta: s.beta } : null),
    // The fit's law by value: each answer (one per budget) carries the same law in a new object.
    [preset, s?.E, s?.A, s?.B, s?.alpha, s?.beta],
  );
  const law: ChinchillaLaw | null = useMemo(
    () => baseLaw && { ...baseLaw, alpha: baseLaw.alpha + alphaShift, beta: baseLaw.beta + betaShift },
    [baseLaw, alphaShift, betaShift],
  );
  // A fit's own plan is the server's answer; a published law, or a what-if on either, is computed here with the same core functions.
  const result = source.kind === "fit" && !whatIf ? (served.data?.optimal ?? null) : law && safe(() => computeOptimal(law, budget));
  const target = Number(targetLoss);
  const reach = useMemo(() => (targetLoss.trim() === "" || !law ? null : safe(() => computeForLoss(law, Number(targetLoss)))), [law, targetLoss]);
  const hyper = safe(() => suggestHyperParameters(PUBLISHED_HYPERPARAMETER_LAWS["deepseek-2024"].laws, budget));
  // Under a cap: a published data-constrained law is planned here with core; a fit's plan comes from the server.
  const capped: DataCapView | { error: string } | null = useMemo(() => {
    if (cap === null || typeof cap !== "number") return cap;
    if (!preset) return null;
    if (!preset.dataConstrained) return { error: DATA_CAP_MESSAGES.needsDataConstrained(preset.source) };
    const { dataConstrained, fittedRange = {} } = preset;
    const plan = safe(() => planUnderDataCap(dataConstrained, { compute: budget, uniqueTokens: cap, fittedRange }));
    if (!plan || "error" in plan) return plan;
    return { ...plan, fittedRange: { ...fittedRange } as DataCapView["fittedRange"], intervals: null };
  }, [cap, preset, budget]);
  const capPlan = source.kind === "fit" && typeof cap === "number" ? (cappedServed.data?.dataCap ?? null) : capped && !("error" in capped) ? capped : null;
  const capError = source.kind === "fit" && typeof cap === "number" ? (cappedServed.error?.message ?? null) : capped && "error" in capped ? capped.error : null;

  const charts = useMemo(() => {
    if (!law || !baseLaw) return null;
    const frontier = (l: ChinchillaLaw) =>
      FRONTIER_GRID.map((c) => safe(() => computeOptimal(l, c))).filter((r): r is ComputeOptimal => r !== null && "n" in r);
    const rows = frontier(law);
    const lossSeries: ChartSeries[] = [
      { id: "frontier", label: whatIf ? "what-if law" : label, style: styleForIndex(0), curve: rows.map((r) => ({ x: r.compute, y: r.loss })) },
    ];
    if (whatIf) {
      lossSeries.push({ id: "base", label, style: { color: "#888888", dash: "4 4" }, curve: frontier(baseLaw).map((r) => ({ x: r.compute, y: r.loss })) });
    }
    const allocationSeries: ChartSeries[] = [
      { id: "n", label: "parameters N*", style: styleForIndex(0), curve: rows.map((r) => ({ x: r.compute, y: r.n })) },
      { id: "d", label: "tokens D*", style: styleForIndex(1), curve: rows.map((r) => ({ x: r.compute, y: r.d })) },
    ];
    return { lossSeries, allocationSeries };
  }, [law, baseLaw, whatIf, label]);

  const markers: ChartMarker[] = useMemo(() => {
    const out: ChartMarker[] = [{ x: budget, label: `budget ${formatScale(budget)} FLOPs`, color: "#D55E00" }];
    if (reach && "compute" in reach && reach.compute < 1e30) out.push({ x: reach.compute, label: `loss ${formatScore(target)}`, color: "#009E73" });
    return out;
  }, [budget, reach, target]);

  const ok = result && "n" in result ? result : null;
  // Intervals belong to the fit's own plan: a what-if law has no draws.
  const intervals = source.kind === "fit" && !whatIf ? served.data?.optimalIntervals : null;
  const withInterval = (exact: string | undefined, field: "n" | "d" | "tokensPerParam" | "loss", fmt: (v: number) => string) =>
    [exact, intervalText(intervals, field, fmt)?.replaceAll(" ", NBSP)].filter(Boolean).join(" · ") || undefined;
  return (
    <div className="grid-side">
      <div>
        <p className="muted small" data-testid="plan-source">
          Planned from <strong>{label}</strong>
          {listed && (
            <>
              {" "}
              · <Link href={`/sweeps/${listed.sweep.id}`}>sweep</Link> · fit {listed.fitId}
            </>
          )}
          {whatIf && " with what-if exponents"}
        </p>
        {served.error ? (
          <ErrorPanel error={served.error} retry={() => void served.refetch()} />
        ) : (
          <div className="kpis" data-testid="plan-results" aria-busy={served.isFetching} style={{ opacity: served.isPlaceholderData && !whatIf ? 0.65 : 1 }}>
            <Kpi label="Compute-optimal N" value={ok ? formatScale(ok.n) : "—"} detail={withInterval(ok ? `${formatExact(ok.n)} params` : undefined, "n", formatScale)} />
            <Kpi label="Compute-optimal D" value={ok ? formatScale(ok.d) : "—"} detail={withInterval(ok ? `${formatExact(ok.d)} tokens` : undefined, "d", formatScale)} />
            <Kpi label="Tokens per parameter" value={ok ? formatScore(ok.tokensPerParam) : "—"} detail={withInterval(undefined, "tokensPerParam", formatScore)} />
            <Kpi label="Predicted loss" value={ok ? formatScore(ok.loss) : "—"} detail={withInterval(law ? `E = ${formatScore(law.E)} irreducible` : undefined, "loss", formatScore)} />
          </div>
        )}
        <div data-testid="plan-intervals-note">
          {intervals ? (
            <IntervalsNote intervals={intervals} testId="plan-intervals" />
          ) : (
            <p className="muted small">
              {source.kind === "published"
                ? "A published law has no bootstrap draws here: its plan has no intervals."
                : whatIf
                  ? "No intervals for a what-if law: the fit's bootstrap draws are of the law as fitted."
                  : served.data
                    ? "This fit was stored without bootstrap draws: its plan has no intervals."
                    : ""}
            </p>
          )}
        </div>
        {result && "error" in result && <p className="form-error">{result.error}</p>}
        <section className="panel" data-testid="cap-section">
          <div className="panel-head">
            <h2>Against the data wall</h2>
            <span className="muted small">data-constrained law (Muennighoff et al. 2023)</span>
          </div>
          {cap === null ? (
            <p className="muted small">Enter the unique tokens you have (Inputs, e.g. 5e10) to plan with that cap: the best N, the epochs, the loss against unlimited data and what more unique data is worth.</p>
          ) : capError ? (
            <p className="form-error" data-testid="cap-error">
              {capError}
            </p>
          ) : capPlan ? (
            <div style={{ opacity: cappedServed.isPlaceholderData ? 0.65 : 1 }}>
              <DataCapPanel plan={capPlan} />
              {whatIf && <p className="muted small">The what-if exponents do not apply here: the cap is planned with the law as fitted.</p>}
            </div>
          ) : (
            <Skeleton lines={2} label="Planning under the cap" />
          )}
        </section>
        <section className="panel">
          <div className="panel-head">
            <h2>Loss on the compute-optimal frontier</h2>
            <span className="muted small">{label}</span>
            <ExportButtons chartRef={frontierRef} name="plan frontier" meta={{ title: `Loss on the compute-optimal frontier: ${label}`, ...(listed ? { team: listed.team.name } : {}) }} />
          </div>
          {charts ? (
            <ScaleChart series={charts.lossSeries} markers={markers} xLabel="compute C (FLOPs)" yLabel="loss" yScale="log" height={340} testId="plan-frontier" handleRef={frontierRef} legendNote="loss at the compute-optimal N, D for each budget · scroll to zoom" />
          ) : (
            <Skeleton chart lines={0} label="Reading the fit" />
          )}
        </section>
        <section className="panel">
          <div className="panel-head">
            <h2>Optimal N and D against compute</h2>
          </div>
          {charts ? (
            <ScaleChart series={charts.allocationSeries} markers={markers.slice(0, 1)} xLabel="compute C (FLOPs)" yLabel="count" yScale="log" height={300} testId="plan-allocation" legendNote="N* and D* for each budget · scroll to zoom" />
          ) : (
            <Skeleton chart lines={0} />
          )}
        </section>
        <section className="panel">
          <div className="panel-head">
            <h2>Published recipes against compute</h2>
          </div>
          <RecipesChart grid={FRONTIER_GRID} markers={markers.slice(0, 1)} />
        </section>
      </div>
      <aside>
        <section className="panel form">
          <h2>Inputs</h2>
          <LawSources value={source} fits={fits.data} unlistedLabel={served.data?.source ?? `fit ${fitId}`} onChange={choose} />
          {fits.error && <ErrorPanel error={fits.error} retry={() => void fits.refetch()} />}
          <div>
            <label htmlFor="budget">Compute budget</label>
            <div className="slider-row" style={{ gridTemplateColumns: "1fr 130px" }}>
              <input id="budget" type="range" min={BUDGET_SLIDER.min} max={BUDGET_SLIDER.max} step={BUDGET_SLIDER.step} value={log10Budget} onChange={(e) => moveBudget(Number(e.target.value))} />
              <output data-testid="budget">{formatScale(budget)} FLOPs</output>
            </div>
          </div>
          <div>
            <label htmlFor="alpha">What-if α (parameters exponent)</label>
            <div className="slider-row" style={{ gridTemplateColumns: "1fr 130px" }}>
              <input id="alpha" type="range" min={-0.15} max={0.15} step={0.005} value={alphaShift} onChange={(e) => shift({ alpha: Number(e.target.value) })} />
              <output data-testid="alpha-value">{law ? formatScore(law.alpha) : "—"}</output>
            </div>
          </div>
          <div>
            <label htmlFor="beta">What-if β (data exponent)</label>
            <div className="slider-row" style={{ gridTemplateColumns: "1fr 130px" }}>
              <input id="beta" type="range" min={-0.15} max={0.15} step={0.005} value={betaShift} onChange={(e) => shift({ beta: Number(e.target.value) })} />
              <output data-testid="beta-value">{law ? formatScore(law.beta) : "—"}</output>
            </div>
          </div>
          <div className="toolbar">
            <button type="button" className="button secondary small" disabled={!whatIf} onClick={() => shift({ alpha: 0, beta: 0 })} data-testid="reset-what-if">
              Reset α and β to the law&apos;s
            </button>
            <span className="muted small">{whatIf ? `what-if: α ${formatDelta(alphaShift)}, β ${formatDelta(betaShift)}` : "the law as it is"}</span>
          </div>
          <label>
            Unique tokens (data cap)
            <input id="unique-tokens" data-testid="unique-tokens" value={uniqueTokensText} inputMode="decimal" placeholder="e.g. 5e10; empty: unlimited" onChange={(e) => typeCap(e.target.value)} />
          </label>
          <label>
            Target loss
            <input value={targetLoss} inputMode="decimal" onChange={(e) => setTargetLoss(e.target.value)} />
          </label>
          <div data-testid="plan-target">
            {reach === null ? (
              <p className="muted small">{law ? "Enter a loss to see the compute that reaches it." : "Waiting for the fit's law."}</p>
            ) : "error" in reach ? (
              <p className="form-error">{reach.error}</p>
            ) : (
              <div>
                <div className="stat">
                  <span>Compute needed</span>
                  <strong>{formatScale(reach.compute)} FLOPs</strong>
                </div>
                <div className="stat">
                  <span>with N, D</span>
                  <strong>
                    {formatScale(reach.n)} · {formatScale(reach.d)}
                  </strong>
                </div>
                <div className="stat">
                  <span>× your budget</span>
                  <strong>{formatScore(reach.compute / budget)}×</strong>
                </div>
              </div>
            )}
          </div>
        </section>
        <section className="panel">
          <h2>Hyper-parameters at this budget</h2>
          {hyper && !("error" in hyper) ? (
            <>
              <div className="stat">
                <span>Peak learning rate η</span>
                <strong data-testid="plan-lr">{formatExact(hyper.learningRate)}</strong>
              </div>
              <div className="stat">
                <span>Batch size (tokens)</span>
                <strong>{formatScale(hyper.batchSize)}</strong>
              </div>
              <p className="muted small">{PUBLISHED_HYPERPARAMETER_LAWS["deepseek-2024"].source}: η = 0.3118·C^−0.125, B = 0.2920·C^0.3271.</p>
            </>
          ) : (
            <p className="form-error">{hyper?.error}</p>
          )}
        </section>
        <p className="muted small">Published laws: {PUBLISHED_LAW_NAMES.map((n) => PUBLISHED_LAWS[n].source).join("; ")}; with a cap, {presetOf("muennighoff-2023-c4").source}.</p>
      </aside>
    </div>
  );
}

/** The cap typed in the unique-tokens field: null when empty, core's message when it is not a positive number. */
function parseCap(text: string): number | { error: string } | null {
  if (text.trim() === "") return null;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : { error: DATA_CAP_MESSAGES.badUniqueTokens(text.trim()) };
}

function safe<T>(f: () => T): T | { error: string } | null {
  try {
    return f();
  } catch (error) {
    return { error: (error as Error).message };
  }
}
