import { describeError, ErrorPanel } from "~/components/ui/states";

/**
 * What a comparison panel shows when analysis.compare refuses the selection: a 400 says why the fits cannot
 * share a chart (metric, direction, scale axis), shown as that reason rather than as a failure; any other
 * error is an ErrorPanel with a retry.
 */
export function NotComparable({ error, retry }: { error: unknown; retry: () => void }) {
  const { message, code } = describeError(error);
  if (code !== "BAD_REQUEST") return <ErrorPanel error={error} retry={retry} />;
  return (
    <div className="refusal" role="status" data-testid="compare-refused">
      <strong>These sweeps cannot be compared</strong>
      <p>{message.replace(/^fitIds: /, "")}</p>
    </div>
  );
}

/** In place of a number drawn from an unreliable bootstrap: "not reliable", with why. */
export function NotReliable({ why }: { why: string }) {
  return (
    <span className="not-reliable" title={why} data-testid="not-reliable">
      not reliable
      <span className="muted small">{why}</span>
    </span>
  );
}
