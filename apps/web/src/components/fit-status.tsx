"use client";

import type { RouterOutputs } from "@scalecast/api";

/** A stored fit's status as every read returns it beside the fit (fit jobs compute fits; reads only read). */
export type FitStatus = RouterOutputs["fit"]["latest"]["fitStatus"];

/** How often a page re-reads while a fit it shows is being computed (a read is a few indexed lookups). */
export const FIT_POLL_MS = 1000;

/** Whether a job is still computing the fit: the page shows the older fit (or none) and polls. */
export function isFitPending(status: FitStatus | null | undefined): boolean {
  return status?.state === "refitting" || status?.state === "fitting";
}

/**
 * A React Query `refetchInterval` for a query whose answer carries fit statuses: every FIT_POLL_MS while any
 * of them is pending, so the new fit is swapped in when it lands; no polling once all are current or failed.
 */
export function pollWhileFitting<T>(statusesOf: (data: T) => readonly (FitStatus | null | undefined)[]) {
  return (query: { state: { data?: T } }): number | false => {
    const data = query.state.data;
    return data !== undefined && statusesOf(data).some(isFitPending) ? FIT_POLL_MS : false;
  };
}

/** What a status says to a reader: nothing when current, else "refitting…", "fitting…" or "fit failed: <reason>". */
export function fitStatusText(status: FitStatus | null | undefined): string | null {
  if (!status || status.state === "current") return null;
  if (status.state === "failed") return `fit failed: ${status.reason ?? "unknown reason"}`;
  return `${status.state}…`;
}

/** The status as a badge beside a fit (nothing when current). */
export function FitStatusBadge({ status }: { status: FitStatus | null | undefined }) {
  const text = fitStatusText(status);
  if (text === null) return null;
  return (
    <span className={`badge fit-status ${status!.state}`} title={text} data-testid="fit-status" data-state={status!.state}>
      {text}
    </span>
  );
}
