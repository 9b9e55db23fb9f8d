"use client";

import type { RouterOutputs } from "@scalecast/api";
import { computeOptimal, dataStrategyProblem } from "@scalecast/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Kpi } from "~/components/ui/kpi";
import { describeError, ErrorPanel, Skeleton } from "~/components/ui/states";
import { formatPower, formatScale, formatScore } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import styles from "./data-strategies-panel.module.css";

type Fit = NonNullable<RouterOutputs["fit"]["latest"]["fit"]>;

/** The budget first shown: the first fit's largest fitted compute, else 1e21 FLOPs. */
const DEFAULT_BUDGET = 1e21;
/** The cap first shown: a quarter of the tokens the first fit's base law reads at the budget, so the cap binds (4 epochs). */
const DEFAULT_EPOCHS = 4;
/** The cap first shown when the first fit has no Chinchilla-form base (the panel then says why it cannot answer). */
const DEFAULT_UNIQUE_TOKENS = 1e10;

function defaults(a: Fit): { budget: number; uniqueTokens: number } {
  const budget = a.frontier !== null && Number.isFinite(a.frontier) && a.frontier > 0 ? a.frontier : DEFAULT_BUDGET;
  const { E, A, B, alpha, beta } = a.params;
  if ([E, A, B, alpha, beta].every((v) => typeof v === "number" && v > 0)) {
    return { budget, uniqueTokens: computeOptimal({ E: E!, A: A!, B: B!, alpha: alpha!, beta: beta! }, budget).d / DEFAULT_EPOCHS };
  }
  return { budget, uniqueTokens: DEFAULT_UNIQUE_TOKENS };
}

const positive = (text: string) => {
  const v = Number(text);
  return text.trim() !== "" && Number.isFinite(v) && v > 0 ? v : undefined;
};

/**
 * Compare data strategies: for the first two selected methodologies, fitted as data-constrained laws on the
 * same axes, how many unique tokens of the second match what the first's unique tokens reach at a budget,
 * both planned compute-optimally under their caps (analysis.dataStrategies, from the stored fits). Any other
 * pair is answered with core's reason (dataStrategyProblem), without asking the server.
 */
export function DataStrategiesPanel({ a, b, labelOf, axesOf }: { a: Fit; b: Fit; labelOf: (fit: Fit) => string; axesOf: (fit: Fit) => string[] }) {
  const trpc = useTRPC();
  const side = (fit: Fit) => ({ label: labelOf(fit), model: fit.model, axes: axesOf(fit), metric: fit.metric });
  const problem = dataStrategyProblem(side(a), side(b));
  // The fields start at the defaults rounded to 3 digits, and the first answer is for exactly what they show.
  const [initial] = useState(() => {
    const d = defaults(a);
    return { budgetText: formatPower(d.budget), uniqueText: formatPower(d.uniqueTokens) };
  });
  const [input, setInput] = useState(() => ({ budget: Number(initial.budgetText), uniqueTokens: Number(initial.uniqueText) }));
  const [budgetText, setBudgetText] = useState(initial.budgetText);
  const [uniqueText, setUniqueText] = useState(initial.uniqueText);
  const [invalid, setInvalid] = useState<string | undefined>();
  const answer = useQuery({ ...trpc.analysis.dataStrategies.queryOptions({ fitIdA: a.id, fitIdB: b.id, ...input }), retry: false, enabled: problem === undefined });
  const [nameA, nameB] = [labelOf(a), labelOf(b)];
  const refused = answer.error ? describeError(answer.error) : undefined;
  return (
    <section className="panel" data-testid="data-strategies">
      <div className="panel-head">
        <h2>Data strategies under a cap</h2>
        {!problem && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const budget = positive(budgetText);
              const uniqueTokens = positive(uniqueText);
              if (!budget || !uniqueTokens) {
                setInvalid(!budget ? `budget must be a positive number of FLOPs, got "${budgetText}"` : `unique tokens must be a positive number, got "${uniqueText}"`);
                return;
              }
              setInvalid(undefined);
              setInput({ budget, uniqueTokens });
            }}
          >
            <label className={styles.field}>
              <span className="muted small">budget C (FLOPs)</span>
              <input value={budgetText} onChange={(e) => setBudgetText(e.target.value)} aria-label="data strategies budget" data-testid="data-strategies-budget" />
            </label>
            <label className={styles.field}>
              <span className="muted small">unique tokens of {nameA}</span>
              <input value={uniqueText} onChange={(e) => setUniqueText(e.target.value)} aria-label="unique tokens of the first methodology" data-testid="data-strategies-unique" />
            </label>
            <button type="submit" className="button secondary small">
              Match
            </button>
          </form>
        )}
      </div>
      {invalid && (
        <p className={styles.invalid} role="alert" data-testid="data-strategies-invalid">
          {invalid}
        </p>
      )}
      {problem ? (
        <div className="refusal" role="status" data-testid="data-strategies-refused">
          <strong>No data multiplier for this pair</strong>
          <p>{problem.message}</p>
        </div>
      ) : refused ? (
        refused.code === "BAD_REQUEST" ? (
          <div className="refusal" role="status" data-testid="data-strategies-refused">
            <strong>No data multiplier for this pair</strong>
            <p>{refused.message.replace(/^fitId[AB]: /, "")}</p>
          </div>
        ) : (
          <ErrorPanel error={answer.error} retry={() => void answer.refetch()} />
        )
      ) : !answer.data ? (
        <Skeleton lines={3} label="Matching" />
      ) : (
        <div data-testid="data-strategies-answer">
          <div className="kpis">
            <Kpi
              label={`Loss ${nameA} reaches`}
              value={formatScore(answer.data.targetLoss)}
              detail={`${formatScale(answer.data.uniqueTokens)} unique tokens at ${formatScale(answer.data.budget)} FLOPs`}
            />
            <Kpi
              label={`Unique tokens ${nameB} needs`}
              value={answer.data.uniqueTokensB === null ? "no amount" : formatScale(answer.data.uniqueTokensB)}
              detail="for the same loss at the same budget"
            />
            <Kpi
              label="Data multiplier under the cap"
              value={answer.data.multiplier === null ? "—" : `${formatScore(answer.data.multiplier)}×`}
              detail={`unique tokens of ${nameB} per token of ${nameA}`}
            />
          </div>
          <p className="muted small" data-testid="data-strategies-sentence">
            {answer.data.uniqueTokensB === null
              ? `At ${formatScale(answer.data.budget)} FLOPs no amount of ${nameB}'s unique data reaches the loss ${formatScore(answer.data.targetLoss)} that ${formatScale(answer.data.uniqueTokens)} unique tokens of ${nameA} reach.`
              : `At ${formatScale(answer.data.budget)} FLOPs, ${formatScale(answer.data.uniqueTokens)} unique tokens of ${nameA} reach loss ${formatScore(answer.data.targetLoss)}; ${nameB} needs ${formatScale(answer.data.uniqueTokensB)} unique tokens for the same loss (${formatScore(answer.data.multiplier)}× as many). Each plan is compute-optimal under its own cap, repeating data as its fit says pays.`}
          </p>
        </div>
      )}
      <p className="muted small">The first two selected methodologies, each with a data-constrained fit on the same axes (N, D and unique tokens U).</p>
    </section>
  );
}
