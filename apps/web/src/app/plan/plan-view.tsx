"use client";

import {
  computeForLoss,
  computeOptimal,
  PUBLISHED_HYPERPARAMETER_LAWS,
  PUBLISHED_LAWS,
  PUBLISHED_LAW_NAMES,
  suggestHyperParameters,
  type ChinchillaLaw,
  type ComputeOptimal,
} from "@scalecast/core";
import { useMemo, useState } from "react";
import { ScaleChart, type ChartMarker, type ChartSeries } from "~/components/charts/scale-chart";
import { formatExact, formatScale, formatScore } from "~/lib/format";
import { styleForIndex } from "~/lib/palette";
import { LawSources, type LawSource } from "./law-sources";
import { Kpi } from "~/components/ui/kpi";

const DEFAULT_SOURCE: LawSource = { id: "published:hoffmann-2022", label: PUBLISHED_LAWS["hoffmann-2022"].source, law: PUBLISHED_LAWS["hoffmann-2022"].params };

export function PlanView() {
  const [source, setSource] = useState<LawSource>(DEFAULT_SOURCE);
  const [log10Budget, setLog10Budget] = useState(23);
  const [alphaShift, setAlphaShift] = useState(0);
  const [betaShift, setBetaShift] = useState(0);
  const [targetLoss, setTargetLoss] = useState("2.0");

  const law: ChinchillaLaw = useMemo(
    () => ({ ...source.law, alpha: source.law.alpha + alphaShift, beta: source.law.beta + betaShift }),
    [source, alphaShift, betaShift],
  );
  const budget = 10 ** log10Budget;
  const result = safe(() => computeOptimal(law, budget));
  const target = Number(targetLoss);
  const reach = targetLoss.trim() === "" ? null : safe(() => computeForLoss(law, target));
  const hyper = safe(() => suggestHyperParameters(PUBLISHED_HYPERPARAMETER_LAWS["deepseek-2024"].laws, budget));

  const { lossSeries, allocationSeries } = useMemo(() => {
    const grid = Array.from({ length: 161 }, (_, i) => 10 ** (17 + i * 0.06875));
    const frontier = (l: ChinchillaLaw) =>
      grid.map((c) => safe(() => computeOptimal(l, c))).filter((r): r is ComputeOptimal => r !== null && "n" in r);
    const rows = frontier(law);
    const base = frontier(source.law);
    const lossSeries: ChartSeries[] = [
      { id: "frontier", label: "what-if law", style: styleForIndex(0), curve: rows.map((r) => ({ x: r.compute, y: r.loss })) },
    ];
    if (alphaShift !== 0 || betaShift !== 0) {
      lossSeries.push({ id: "base", label: source.label, style: { color: "#888888", dash: "4 4" }, curve: base.map((r) => ({ x: r.compute, y: r.loss })) });
    }
    const allocationSeries: ChartSeries[] = [
      { id: "n", label: "parameters N*", style: styleForIndex(0), curve: rows.map((r) => ({ x: r.compute, y: r.n })) },
      { id: "d", label: "tokens D*", style: styleForIndex(1), curve: rows.map((r) => ({ x: r.compute, y: r.d })) },
    ];
    return { lossSeries, allocationSeries };
  }, [law, source, alphaShift, betaShift]);

  const markers: ChartMarker[] = useMemo(() => {
    const out: ChartMarker[] = [{ x: budget, label: `budget ${formatScale(budget)} FLOPs`, color: "#D55E00" }];
    if (reach && "compute" in reach && reach.compute < 1e30) out.push({ x: reach.compute, label: `loss ${formatScore(target)}`, color: "#009E73" });
    return out;
  }, [budget, reach, target]);

  return (
    <div className="grid-side">
      <div>
        <div className="kpis" data-testid="plan-results">
          <Kpi label="Compute-optimal N" value={result && "n" in result ? formatScale(result.n) : "—"} detail={result && "n" in result ? `${formatExact(result.n)} params` : undefined} />
          <Kpi label="Compute-optimal D" value={result && "d" in result ? formatScale(result.d) : "—"} detail={result && "d" in result ? `${formatExact(result.d)} tokens` : undefined} />
          <Kpi label="Tokens per parameter" value={result && "n" in result ? formatScore(result.tokensPerParam) : "—"} />
          <Kpi label="Predicted loss" value={result && "n" in result ? formatScore(result.loss) : "—"} detail={`E = ${formatScore(law.E)} irreducible`} />
        </div>
        {result && "error" in result && <p className="form-error">{result.error}</p>}
        <section className="panel">
          <div className="panel-head">
            <h2>Loss on the compute-optimal frontier</h2>
            <span className="muted small">{source.label}</span>
          </div>
          <ScaleChart series={lossSeries} markers={markers} xLabel="compute C (FLOPs)" yLabel="loss" yScale="log" height={340} testId="plan-frontier" legendNote="loss at the compute-optimal N, D for each budget · scroll to zoom" />
        </section>
        <section className="panel">
          <div className="panel-head">
            <h2>Optimal N and D against compute</h2>
          </div>
          <ScaleChart series={allocationSeries} markers={markers.slice(0, 1)} xLabel="compute C (FLOPs)" yLabel="count" yScale="log" height={300} testId="plan-allocation" legendNote="N* and D* for each budget · scroll to zoom" />
        </section>
      </div>
      <aside>
        <section className="panel form">
          <h2>Inputs</h2>
          <LawSources value={source} onChange={setSource} />
          <div>
            <label htmlFor="budget">Compute budget</label>
            <div className="slider-row" style={{ gridTemplateColumns: "1fr 130px" }}>
              <input id="budget" type="range" min={18} max={27} step={0.05} value={log10Budget} onChange={(e) => setLog10Budget(Number(e.target.value))} />
              <output data-testid="budget">{formatScale(budget)} FLOPs</output>
            </div>
          </div>
          <div>
            <label htmlFor="alpha">What-if α (parameters exponent)</label>
            <div className="slider-row" style={{ gridTemplateColumns: "1fr 130px" }}>
              <input id="alpha" type="range" min={-0.15} max={0.15} step={0.005} value={alphaShift} onChange={(e) => setAlphaShift(Number(e.target.value))} />
              <output>{formatScore(law.alpha)}</output>
            </div>
          </div>
          <div>
            <label htmlFor="beta">What-if β (data exponent)</label>
            <div className="slider-row" style={{ gridTemplateColumns: "1fr 130px" }}>
              <input id="beta" type="range" min={-0.15} max={0.15} step={0.005} value={betaShift} onChange={(e) => setBetaShift(Number(e.target.value))} />
              <output>{formatScore(law.beta)}</output>
            </div>
          </div>
          <label>
            Target loss
            <input value={targetLoss} inputMode="decimal" onChange={(e) => setTargetLoss(e.target.value)} />
          </label>
          <div data-testid="plan-target">
            {reach === null ? (
              <p className="muted small">Enter a loss to see the compute that reaches it.</p>
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
        <p className="muted small">Published laws: {PUBLISHED_LAW_NAMES.map((n) => PUBLISHED_LAWS[n].source).join("; ")}.</p>
      </aside>
    </div>
  );
}

function safe<T>(f: () => T): T | { error: string } | null {
  try {
    return f();
  } catch (error) {
    return { error: (error as Error).message };
  }
}
