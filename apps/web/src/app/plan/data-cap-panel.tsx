"use client";

import type { RouterOutputs } from "@scalecast/api";
import { Kpi } from "~/components/ui/kpi";
import { formatScale, formatScore } from "~/lib/format";
import { intervalText, IntervalsNote } from "./plan-intervals";

/** A plan under a unique-token cap as the API answers it (a published preset's is computed in the browser with intervals null). */
export type DataCapView = NonNullable<RouterOutputs["analysis"]["plan"]["dataCap"]>;
type Field = keyof NonNullable<DataCapView["intervals"]>["bounds"];

/**
 * The plan under the cap beside the plan with unlimited data: N, D, epochs, tokens per parameter and loss;
 * the loss gap; what more unique tokens are worth (the loss they reach, the extra compute that reaches the
 * same loss, the marginal FLOPs per unique token); intervals over the fit's bootstrap draws when it has them;
 * warnings where the plan leaves the range the law was fitted on.
 */
export function DataCapPanel({ plan }: { plan: DataCapView }) {
  const interval = (field: Field, fmt: (v: number) => string = formatScale) => intervalText(plan.intervals, field, fmt);
  type Allocation = DataCapView["capped"];
  const rows: { label: string; key: keyof Allocation; fmt: (v: number) => string; field?: Field }[] = [
    { label: "Parameters N", key: "n", fmt: formatScale, field: "n" },
    { label: "Tokens D", key: "d", fmt: formatScale, field: "d" },
    { label: "Epochs (D / U)", key: "epochs", fmt: formatScore, field: "epochs" },
    { label: "Tokens per parameter", key: "tokensPerParam", fmt: formatScore },
    { label: "Predicted loss", key: "loss", fmt: formatScore, field: "loss" },
  ];
  const extra = plan.extraData;
  return (
    <div data-testid="cap-plan">
      <p className="muted small" data-testid="cap-binding">
        {plan.capBinding
          ? `${formatScale(plan.uniqueTokens)} unique tokens bind at ${formatScale(plan.compute)} FLOPs: the best plan repeats the data.`
          : `${formatScale(plan.uniqueTokens)} unique tokens are more than the compute-optimal plan reads at ${formatScale(plan.compute)} FLOPs: the cap does not bind.`}
      </p>
      <table className="table" data-testid="cap-table">
        <thead>
          <tr>
            <th />
            <th>With the cap</th>
            <th>Unlimited data</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ label, key, fmt, field }) => {
            const note = field && interval(field, fmt);
            return (
              <tr key={label}>
                <td>{label}</td>
                <td data-testid={`cap-${key}`}>
                  <strong>{fmt(plan.capped[key])}</strong>
                  {note && <small className="muted"> {note}</small>}
                </td>
                <td data-testid={`unlimited-${key}`}>{fmt(plan.unlimited[key])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="kpis">
        <Kpi label="Loss gap against unlimited data" value={formatScore(plan.lossGap)} detail={interval("lossGap", formatScore)} />
        <Kpi
          label={`${formatScale(extra.uniqueTokens)} more unique tokens`}
          value={extra.equivalentCompute === null ? "beyond any compute" : `≈ ${formatScale(extra.equivalentCompute)} FLOPs`}
          detail={`loss ${formatScore(extra.loss)} (${formatScore(extra.lossImprovement)} better)${interval("equivalentCompute") ? ` · ${interval("equivalentCompute")} FLOPs` : ""}`}
        />
        <Kpi label="One more unique token is worth" value={`${formatScale(plan.marginal.flopsPerUniqueToken)} FLOPs`} detail="at the margin, at this budget" />
      </div>
      {plan.intervals && <IntervalsNote intervals={plan.intervals} testId="cap-intervals" />}
      {plan.warnings.length > 0 && (
        <ul className="small" data-testid="cap-warnings">
          {plan.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
