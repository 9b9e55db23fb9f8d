"use client";

import Link from "next/link";
import { FitStatusBadge, fitStatusText } from "~/components/fit-status";
import { formatInterval, formatIntervalKind, formatRecommendation, formatScale, formatScore } from "~/lib/format";
import styles from "./meeting.module.css";
import type { Entry } from "./types";

/** Why a frozen entry has no fit: its status (fitting, failed with the reason), or the `problem` older snapshots froze. */
function notFitted(e: Entry): string | null {
  return e.fitStatus ? fitStatusText(e.fitStatus) : (e.problem ?? null);
}

/** The snapshot's sweeps as frozen: law, runs, gain per 10×, forecast at the target with its interval, recommendation. */
export function EntriesTable({ entries }: { entries: readonly Entry[] }) {
  if (entries.length === 0) return <p className="muted">The team had no sweeps when this snapshot was taken.</p>;
  return (
    <div className={styles.tableScroll}>
      <table className={styles.stacked}>
        <thead>
          <tr>
            <th>Methodology</th>
            <th>Model</th>
            <th className="num">Runs</th>
            <th className="num">Gain per 10×</th>
            <th className="num">Forecast</th>
            <th>Recommendation</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const why = notFitted(e);
            return (
              <tr key={e.sweep.id}>
                <td>
                  <Link href={`/sweeps/${e.sweep.id}`}>{e.methodology.name}</Link>
                  <div className="muted small">
                    {e.sweep.name} · {e.sweep.metric}
                  </div>
                </td>
                <td data-label="Model">
                  {e.fit ? (
                    <>
                      {e.fit.model}
                      <FitStatusBadge status={e.fitStatus} />
                    </>
                  ) : why ? (
                    <>
                      <span className="badge" title={why} data-testid="not-fitted">
                        not fitted
                      </span>
                      <div className="muted small">{why}</div>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="num" data-label="Runs">{e.runCount}</td>
                <td className="num" data-label="Gain per 10×">{formatScore(e.gainPer10x)}</td>
                <td className="num" data-label="Forecast">
                  {formatScore(e.forecast?.value)}
                  <div className="muted small" title={e.forecast?.reason}>
                    {e.forecast ? `at ${formatScale(e.forecast.scale)} ${formatInterval(e.forecast.lower, e.forecast.upper)} (${formatIntervalKind(e.forecast)})` : ""}
                  </div>
                </td>
                <td data-label="Recommendation">{e.recommendation ? <span className={`badge ${e.recommendation.action}`}>{formatRecommendation(e.recommendation.action)}</span> : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
