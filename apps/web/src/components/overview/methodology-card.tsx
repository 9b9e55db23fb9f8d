import type { RecommendationAction } from "@scalecast/core";
import Link from "next/link";
import { FitStatusBadge, fitStatusText } from "~/components/fit-status";
import { useMethodologyStyles } from "~/components/use-methodology-styles";
import { formatIntervalKind, formatRecommendation, formatScale, formatScore, formatSummaryInterval } from "~/lib/format";
import styles from "./overview.module.css";
import { recommendationSentence } from "./recommendation-sentence";
import { SnapshotChange, type Entry, type EntryChange } from "./snapshot-change";
import { Sparkline } from "./sparkline";

/**
 * One methodology's sweep: its recommendation badge, the small chart of its stored fit, the recommendation in
 * plain words, gain per 10× and the forecast at the target scale, what changed since the team's snapshot, and
 * the deciding reason.
 */
export function MethodologyCard({ entry, change }: { entry: Entry; change: EntryChange | undefined }) {
  const methodologyStyles = useMethodologyStyles();
  const color = methodologyStyles(entry.methodology.id).color;
  const action = entry.recommendation?.action as RecommendationAction | undefined;
  const sentence = recommendationSentence(entry);
  const failed = !entry.fit && entry.fitStatus.state === "failed";
  return (
    <Link href={`/sweeps/${entry.sweep.id}`} className={`card card-link ${styles.card}`} data-testid="sweep-card">
      <div className={styles.cardHead}>
        <h3 className={styles.cardTitle}>
          <span className="swatch" style={{ background: color }} />
          {entry.methodology.name}
          {entry.methodology.synthetic && <span className="badge">synthetic demo</span>}
        </h3>
        {action && (
          <span className={`badge big ${action}`} data-testid="recommendation-badge">
            {formatRecommendation(action)}
          </span>
        )}
      </div>
      <div className="muted small">
        {entry.sweep.name} · {entry.sweep.metric} ({entry.sweep.direction} is better) · {entry.runCount} runs <FitStatusBadge status={entry.fitStatus} />
      </div>
      {failed ? (
        <p className="muted" data-testid="fit-failed">
          {fitStatusText(entry.fitStatus)}
        </p>
      ) : (
        <>
          {entry.chart && <Sparkline chart={entry.chart} color={color} label={`${entry.methodology.name}: runs, fitted ${entry.fit?.model ?? ""} law and forecast`} />}
          {sentence && (
            <p className={styles.sentence}>
              <span data-testid="recommendation-sentence">{sentence}</span>
              {entry.recommendation?.confidence === "low" && <span className={`badge ${styles.lowConfidence}`}>low confidence</span>}
            </p>
          )}
          <div className="stat">
            <span>Law</span>
            <strong>{entry.fit ? entry.fit.model : "—"}</strong>
          </div>
          <div className="stat">
            <span>Gain per 10×</span>
            <strong>{formatScore(entry.gainPer10x)}</strong>
          </div>
          <div className="stat">
            <span>Forecast at {entry.forecast ? formatScale(entry.forecast.scale) : "target"}</span>
            <strong>
              {formatScore(entry.forecast?.value)}{" "}
              <span className="muted small" title={entry.forecast?.unreliable}>
                {entry.forecast ? formatSummaryInterval(entry.forecast.lower, entry.forecast.upper, entry.forecast.unreliable) : ""}
              </span>
            </strong>
          </div>
          {entry.forecast && entry.forecast.unreliable === undefined ? (
            <div className="muted small" data-testid="forecast-interval-kind" title={entry.forecast.reason}>
              {formatIntervalKind(entry.forecast)}
            </div>
          ) : null}
        </>
      )}
      <SnapshotChange change={change} />
      {entry.recommendation?.reasons[0] && (
        <p className={styles.reason} data-testid="reason">
          {entry.recommendation.reasons[0]}
        </p>
      )}
    </Link>
  );
}
