"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "~/components/ui/confirm-button";
import { ErrorPanel } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";
import type { SweepData } from "./sweep-view";
import { useRefreshRuns } from "./use-refresh-runs";

type Run = SweepData["runs"][number];

/**
 * What a member can do with the runs selected in the run table (or clicked on the chart): exclude them
 * from fits with a reason, include excluded ones again, or delete them (after a confirmation). Each run is one call;
 * the sweep, its fits and its trail are re-read afterwards.
 */
export function RunActions({ sweepId, runs, selected, onDone }: { sweepId: string; runs: readonly Run[]; selected: ReadonlySet<string>; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refreshRuns = useRefreshRuns(sweepId);
  const [reason, setReason] = useState("");
  const exclude = useMutation(trpc.run.exclude.mutationOptions());
  const include = useMutation(trpc.run.include.mutationOptions());
  const remove = useMutation(trpc.run.delete.mutationOptions());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const chosen = runs.filter((r) => selected.has(r.runKey));
  const included = chosen.filter((r) => !r.excluded);
  const excluded = chosen.filter((r) => r.excluded);

  const apply = async (each: (run: Run) => Promise<unknown>, targets: readonly Run[]) => {
    setBusy(true);
    setError(null);
    try {
      for (const run of targets) await each(run);
      setReason("");
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
      await Promise.all([refreshRuns(), queryClient.invalidateQueries(trpc.run.events.queryFilter({ sweepId }))]);
    }
  };

  return (
    <section className="panel form" data-testid="run-actions">
      <h2>Selected runs</h2>
      {chosen.length === 0 ? (
        <p className="muted small" style={{ margin: 0 }}>
          Select runs in the table (or click a point on the chart) to exclude them from fits, include them again, or delete them.
        </p>
      ) : (
        <>
          <p className="small" style={{ margin: 0 }}>
            {chosen.map((r) => r.runKey).join(", ")}
          </p>
          <div className="run-actions">
            <label className="field">
              <span>Reason</span>
              <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. diverged at step 3k" data-testid="exclude-reason" />
            </label>
            <button
              type="button"
              className="button"
              disabled={busy || included.length === 0 || reason.trim() === ""}
              onClick={() => void apply((run) => exclude.mutateAsync({ sweepId, runKey: run.runKey, reason }), included)}
              data-testid="exclude-runs"
            >
              Exclude {included.length} from fits
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy || excluded.length === 0}
              onClick={() => void apply((run) => include.mutateAsync({ sweepId, runKey: run.runKey }), excluded)}
              data-testid="include-runs"
            >
              Include {excluded.length} again
            </button>
            <ConfirmButton
              label={`Delete ${chosen.length}…`}
              title={`Delete ${chosen.length} ${chosen.length === 1 ? "run" : "runs"} for good?`}
              confirmLabel={`Delete ${chosen.length} for good`}
              className="button danger"
              disabled={busy}
              onConfirm={() => void apply((run) => remove.mutateAsync({ sweepId, runKey: run.runKey, ...(reason.trim() ? { reason } : {}) }), chosen)}
              testId="delete-runs"
            >
              {chosen.map((r) => r.runKey).join(", ")} will be removed from the sweep and its fits; the trail keeps who deleted them{reason.trim() ? ` and why (${reason.trim()})` : ""}. To keep a run but leave it out of fits, exclude it instead.
            </ConfirmButton>
          </div>
        </>
      )}
      {error !== null && <ErrorPanel error={error} />}
    </section>
  );
}

/** The sweep's trail: who excluded, included or deleted which run, when and why (newest first). */
export function RunTrail({ sweepId }: { sweepId: string }) {
  const trpc = useTRPC();
  const events = useQuery(trpc.run.events.queryOptions({ sweepId }));
  if (events.error) return <ErrorPanel error={events.error} retry={() => void events.refetch()} />;
  if (!events.data || events.data.length === 0) return null;
  return (
    <section className="panel" data-testid="run-trail">
      <h2>Excluded and deleted runs</h2>
      <ul className="run-trail small">
        {events.data.map((e) => (
          <li key={e.id}>
            <code>{e.runKey}</code> {e.action === "exclude" ? "excluded" : e.action === "include" ? "included again" : "deleted"} by {e.actor} on{" "}
            {e.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC{e.reason ? `: ${e.reason}` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
