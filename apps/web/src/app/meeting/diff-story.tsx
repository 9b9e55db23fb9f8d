"use client";
import { formatRecommendation } from "~/lib/format";

import { DIFF_STATUS_LABELS, diffFigures } from "./diff-figures";
import styles from "./meeting.module.css";
import type { EntryDiff } from "./types";

/**
 * The diff as a story: one block per methodology that moved, the one whose decision moved most first (the
 * API's order: recommendation changed, then the larger relative forecast shift, then the larger relative
 * change of the gain per 10×), each figure before → after; the unchanged ones named in one line.
 */
export function DiffStory({ changes }: { changes: readonly EntryDiff[] }) {
  const moved = changes.filter((c) => c.status !== "unchanged");
  const still = changes.filter((c) => c.status === "unchanged");
  return (
    <>
      <p className="muted small">Most moved first: a changed recommendation, then the larger relative shift of the forecast at the target, then of the gain per 10×.</p>
      {moved.length === 0 && <p className="muted">Nothing changed: no new runs, no parameter, forecast or recommendation shifts.</p>}
      {moved.map((c) => (
        <MethodologyDiff key={c.sweepId} change={c} />
      ))}
      {still.length > 0 && (
        <p className="muted small" data-testid="diff-unchanged">
          Unchanged: {still.map((c) => c.methodologyName).join(", ")}.
        </p>
      )}
    </>
  );
}

function MethodologyDiff({ change: c }: { change: EntryDiff }) {
  return (
    <article className={styles.diffEntry} data-testid="diff-entry">
      <header className={styles.diffHead}>
        <h3>
          {c.methodologyName} <span className="muted small">{c.sweepName}</span>
        </h3>
        <span className={`badge ${c.recommendation.changed ? "switch" : "neutral"}`}>
          {c.recommendation.changed ? `${formatRecommendation(c.recommendation.from)} → ${formatRecommendation(c.recommendation.to)}` : DIFF_STATUS_LABELS[c.status]}
        </span>
      </header>
      <div className={styles.tableScroll}>
        <table className={`${styles.figures} ${styles.stacked}`}>
          <thead>
            <tr>
              <th>Figure</th>
              <th className="num">Before</th>
              <th className="num">After</th>
              <th>Change</th>
            </tr>
          </thead>
          <tbody>
            {diffFigures(c).map((f) => (
              <tr key={f.key} className={f.moved ? styles.moved : undefined} data-testid={`diff-${f.key}`}>
                <td>{f.label}</td>
                <td className="num" data-label="Before">{f.before}</td>
                <td className="num" data-label="After">{f.after}</td>
                <td data-label="Change">{f.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
