"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { FormEvent } from "react";
import { ErrorPanel, QueryView, Skeleton } from "~/components/ui/states";
import { DECISION_OUTCOME_LABELS, formatDate } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import styles from "./meeting.module.css";
import type { Decision, Entry } from "./types";

type Outcome = keyof typeof DECISION_OUTCOME_LABELS;
const OUTCOMES = Object.keys(DECISION_OUTCOME_LABELS) as Outcome[];

interface DecisionsQuery {
  data: Decision[] | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Who recorded a decision and the stored fit it cites (a link to the sweep whose runs that fit saw). */
function DecisionSource({ decision: d }: { decision: Decision }) {
  return (
    <div className="muted small" data-testid="decision-source">
      {d.author ? `by ${d.author.name}` : "by an API token"} · {formatDate(d.createdAt)}
      {d.fit && (
        <>
          {" · cites "}
          <Link href={`/sweeps/${d.fit.sweep.id}`} data-testid="decision-cites">
            the {d.fit.model} fit of {d.fit.sweep.name} ({d.fit.pointCount} runs)
          </Link>
        </>
      )}
    </div>
  );
}

/** The snapshot's decision log and the form to record one, citing one of the snapshot's fits. */
export function DecisionLog({ snapshotId, entries, decisions }: { snapshotId: string; entries: readonly Entry[]; decisions: DecisionsQuery }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.decision.create.mutationOptions({
      onSuccess: () => Promise.all([queryClient.invalidateQueries(trpc.decision.pathFilter()), queryClient.invalidateQueries(trpc.snapshot.list.pathFilter())]),
    }),
  );
  const citable = entries.filter((e) => e.fit);
  return (
    <section className="panel" data-testid="decisions">
      <h2>Decision log</h2>
      <QueryView query={decisions} skeleton={<Skeleton lines={2} />}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No decisions recorded for this snapshot yet.</p>
          ) : (
            <table className={styles.stacked}>
              <tbody>
                {list.map((d) => (
                  <tr key={d.id} data-testid="decision">
                    <td className={styles.outcomeCell}>
                      <span className="badge neutral" style={{ marginLeft: 0 }}>
                        {DECISION_OUTCOME_LABELS[d.outcome]}
                      </span>
                    </td>
                    <td>
                      <strong>{d.title}</strong>
                      {d.rationale && <div className="muted">{d.rationale}</div>}
                      <DecisionSource decision={d} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
      <form
        className="form"
        style={{ marginTop: 14 }}
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const form = e.currentTarget;
          const fitId = String(f.get("fitId") ?? "");
          create.mutate(
            {
              snapshotId,
              title: String(f.get("title") ?? "").trim(),
              rationale: String(f.get("rationale") ?? "").trim(),
              outcome: String(f.get("outcome")) as Outcome,
              ...(fitId ? { fitId } : {}),
            },
            { onSuccess: () => form.reset() },
          );
        }}
      >
        <div className="inline-form">
          <label style={{ flex: 1 }}>
            Decision
            <input name="title" placeholder="Scale web crawl v2 to 10B tokens" data-testid="decision-title" />
          </label>
          <label>
            Outcome
            <select name="outcome" data-testid="decision-outcome">
              {OUTCOMES.map((k) => (
                <option key={k} value={k}>
                  {DECISION_OUTCOME_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Cites
          <select name="fitId" data-testid="decision-cites-fit">
            <option value="">No fit</option>
            {citable.map((e) => (
              <option key={e.fit!.id} value={e.fit!.id}>
                {e.methodology.name} · {e.sweep.name} ({e.fit!.model}, {e.fit!.pointCount} runs)
              </option>
            ))}
          </select>
        </label>
        <label>
          Why (the numbers)
          <input name="rationale" placeholder="gain per 10× still 0.04; crossover with synthetic math at 1e9" />
        </label>
        <div>
          <button type="submit" className="button" disabled={create.isPending} data-testid="add-decision">
            Record decision
          </button>
        </div>
        {create.error && <ErrorPanel error={create.error} />}
      </form>
    </section>
  );
}
