"use client";

import { formatDate } from "~/lib/format";
import styles from "./meeting.module.css";
import type { SnapshotHeader } from "./types";

/**
 * The snapshot opened and the one it is compared with: those the URL names when the team has them, else the
 * newest, compared with the one taken just before the opened one (none for the first snapshot).
 */
export function chosenSnapshots(list: readonly SnapshotHeader[], openedId: string | null, againstId: string | null) {
  const openedIndex = Math.max(0, list.findIndex((s) => s.id === openedId));
  const opened = list[openedIndex]!;
  const named = list.find((s) => s.id === againstId && s.id !== opened.id);
  return { opened, against: named ?? list[openedIndex + 1] ?? null };
}

/** Every snapshot of the team, newest first: open any one, and compare it with any other. */
export function SnapshotList({
  list,
  opened,
  against,
  onChoose,
}: {
  list: readonly SnapshotHeader[];
  opened: SnapshotHeader;
  against: SnapshotHeader | null;
  onChoose: (choice: { snapshot: string; against?: string }) => void;
}) {
  return (
    <section className="panel" data-testid="snapshot-list">
      <div className="panel-head">
        <h2>Snapshots</h2>
        <span className="muted small">Open one, then pick another to compare it with.</span>
      </div>
      <ul className={styles.snapshotList}>
        {list.map((s) => {
          const isOpened = s.id === opened.id;
          const isAgainst = s.id === against?.id;
          return (
            <li key={s.id} className={isOpened ? styles.opened : isAgainst ? styles.against : undefined} data-testid="snapshot-row">
              <div className={styles.snapshotName}>
                <strong>{s.title}</strong>
                <span className="muted small">
                  {formatDate(s.createdAt)}
                  {s.createdBy ? ` · by ${s.createdBy.name}` : ""} · {s.decisionCount === 1 ? "1 decision" : `${s.decisionCount} decisions`}
                </span>
              </div>
              <div className="toolbar">
                {isOpened ? (
                  <span className="badge neutral">open</span>
                ) : (
                  <button type="button" className="button secondary small" onClick={() => onChoose({ snapshot: s.id })} data-testid="open-snapshot">
                    Open
                  </button>
                )}
                {isAgainst ? (
                  <span className="badge plateau">compared with</span>
                ) : (
                  !isOpened && (
                    <button type="button" className="button secondary small" onClick={() => onChoose({ snapshot: opened.id, against: s.id })} data-testid="compare-snapshot">
                      Compare
                    </button>
                  )
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
