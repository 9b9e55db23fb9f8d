"use client";

/** The three states every view shows besides its content: loading (skeletons), empty and error. */
import type { ReactNode } from "react";

export function Skeleton({ lines = 3, chart = false, label = "Loading" }: { lines?: number; chart?: boolean; label?: string }) {
  return (
    <div className="skeleton" aria-busy="true" aria-label={label} data-testid="skeleton">
      {chart && <div className="skeleton-block" style={{ height: 320 }} />}
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" style={{ width: `${92 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

export function CardsSkeleton({ count = 3 }: { count?: number }) {
  return (
    <div className="cards" aria-busy="true" data-testid="skeleton">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="card">
          <div className="skeleton-line" style={{ width: "60%", height: 20 }} />
          <div className="skeleton-line" />
          <div className="skeleton-line" style={{ width: "75%" }} />
        </div>
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty" data-testid="empty">
      <strong>{title}</strong>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

/** A readable error: the server's message, what to do next, and a retry when the caller gives one. */
export function ErrorPanel({ error, retry }: { error: unknown; retry?: () => void }) {
  const { message, code } = describeError(error);
  return (
    <div className="error-panel" role="alert" data-testid="error">
      <strong>{code === "UNAUTHORIZED" ? "Please sign in" : "Something went wrong"}</strong>
      <p>{message}</p>
      {code === "UNAUTHORIZED" ? (
        <a className="button" href="/sign-in">
          Sign in
        </a>
      ) : (
        retry && (
          <button type="button" className="button secondary" onClick={retry}>
            Try again
          </button>
        )
      )}
    </div>
  );
}

export function describeError(error: unknown): { message: string; code?: string } {
  if (error && typeof error === "object") {
    const e = error as { message?: unknown; data?: { code?: unknown; fieldErrors?: { path: string; message: string }[] | null } };
    const fields = e.data?.fieldErrors;
    const message = typeof e.message === "string" && e.message ? e.message : fields && fields.length > 0 ? fields.map((f) => `${f.path}: ${f.message}`).join("; ") : String(error);
    return { message, code: typeof e.data?.code === "string" ? e.data.code : undefined };
  }
  return { message: String(error) };
}

/** Renders a query's states: skeleton while pending, error panel, then the content. */
export function QueryView<T>({
  query,
  skeleton,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  skeleton?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.error) return <ErrorPanel error={query.error} retry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <>{skeleton ?? <Skeleton />}</>;
  return <>{children(query.data)}</>;
}

export interface RowIssue {
  path: string;
  message: string;
  row?: number;
}

/** The per-row problems behind a rejected batch (tRPC error data.fieldErrors). */
export function rowIssues(error: unknown): RowIssue[] {
  const fields = (error as { data?: { fieldErrors?: RowIssue[] | null } } | null)?.data?.fieldErrors;
  return Array.isArray(fields) ? fields : [];
}
