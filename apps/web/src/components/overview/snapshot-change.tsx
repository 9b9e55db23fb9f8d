import type { RouterOutputs } from "@scalecast/api";
import type { RecommendationAction } from "@scalecast/core";
import { formatRecommendation, formatScale, formatScore } from "~/lib/format";
import styles from "./overview.module.css";

type TeamOverview = RouterOutputs["team"]["overview"][number];
export type Entry = TeamOverview["entries"][number];
export type EntryChange = NonNullable<TeamOverview["sinceSnapshot"]>["changes"][number];

/** ↑ for an improvement, ↓ for a loss (coloured by whether it is good), → for no change. */
function Arrow({ better }: { better: boolean | null }) {
  if (better === null) return <span className={styles.flat}>→</span>;
  return better ? (
    <span className={styles.better} aria-label="better">
      ↑
    </span>
  ) : (
    <span className={styles.worse} aria-label="worse">
      ↓
    </span>
  );
}

function Row({ label, from, to, better }: { label: string; from: string; to: string; better: boolean | null }) {
  return (
    <li>
      <span className="muted">{label}</span>{" "}
      <span className={styles.fromTo}>
        {from} → <strong>{to}</strong>
      </span>{" "}
      <Arrow better={better} />
    </li>
  );
}

/** Whether `to` is better than `from` for the sweep's direction (null when equal or unknown). */
function betterOf(direction: "higher" | "lower", from: number | null, to: number | null): boolean | null {
  if (from === null || to === null || from === to) return null;
  return direction === "higher" ? to > from : to < from;
}

/**
 * What changed for one sweep since the team's last snapshot, as "before → after" lines with arrows: runs,
 * the forecast at the target scale, the gain per 10×, and the recommendation.
 */
export function SnapshotChange({ entry, change }: { entry: Entry; change: EntryChange | undefined }) {
  if (!change) return null;
  if (change.status === "added") return <p className={styles.change} data-testid="change">New since the snapshot</p>;
  if (change.status === "unchanged" || !change.before) return <p className={`${styles.change} muted`} data-testid="change">No change since the snapshot</p>;
  const before = change.before;
  const forecastTo = entry.forecast?.value ?? null;
  const sameScale = before.forecastScale !== null && before.forecastScale === (entry.forecast?.scale ?? null);
  const rows = [
    change.newRuns !== 0 && <Row key="runs" label="Runs" from={String(before.runCount)} to={String(entry.runCount)} better={change.newRuns > 0} />,
    sameScale && before.forecastValue !== forecastTo && (
      <Row
        key="forecast"
        label={`Forecast at ${formatScale(before.forecastScale!)}`}
        from={formatScore(before.forecastValue)}
        to={formatScore(forecastTo)}
        better={betterOf(entry.sweep.direction, before.forecastValue, forecastTo)}
      />
    ),
    before.gainPer10x !== entry.gainPer10x && (
      <Row key="gain" label="Gain per 10×" from={formatScore(before.gainPer10x)} to={formatScore(entry.gainPer10x)} better={betterOf("higher", before.gainPer10x, entry.gainPer10x)} />
    ),
    change.recommendation && (
      <Row
        key="call"
        label="Recommendation"
        from={formatRecommendation(change.recommendation.from as RecommendationAction | null)}
        to={formatRecommendation(change.recommendation.to as RecommendationAction | null)}
        better={null}
      />
    ),
  ].filter(Boolean);
  if (rows.length === 0) return <p className={styles.change} data-testid="change">Refitted since the snapshot{change.modelChanged ? " with another law" : ""}</p>;
  return (
    <ul className={styles.change} data-testid="change">
      {rows}
    </ul>
  );
}
