import type { RouterOutputs } from "@scalecast/api";
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
 * the forecast at the target scale, the gain per 10×, and the recommendation (the Meeting diff's figures).
 */
export function SnapshotChange({ change }: { change: EntryChange | undefined }) {
  if (!change) return null;
  if (change.status === "added") return <p className={styles.change} data-testid="change">New since the snapshot</p>;
  if (change.status !== "changed") return <p className={`${styles.change} muted`} data-testid="change">No change since the snapshot</p>;
  const { runs, forecast, gainPer10x, recommendation } = change;
  const rows = [
    change.newRuns !== 0 && <Row key="runs" label="Runs" from={String(runs.from)} to={String(runs.to)} better={change.newRuns > 0} />,
    forecast.sameTarget && forecast.value.from !== forecast.value.to && (
      <Row
        key="forecast"
        label={`Forecast at ${formatScale(forecast.to!.scale)}`}
        from={formatScore(forecast.value.from)}
        to={formatScore(forecast.value.to)}
        better={betterOf(change.direction, forecast.value.from, forecast.value.to)}
      />
    ),
    gainPer10x.from !== gainPer10x.to && (
      <Row key="gain" label="Gain per 10×" from={formatScore(gainPer10x.from)} to={formatScore(gainPer10x.to)} better={betterOf("higher", gainPer10x.from, gainPer10x.to)} />
    ),
    recommendation.changed && (
      <Row
        key="call"
        label="Recommendation"
        from={formatRecommendation(recommendation.from)}
        to={formatRecommendation(recommendation.to)}
        better={null}
      />
    ),
  ].filter(Boolean);
  if (rows.length === 0) return <p className={styles.change} data-testid="change">Refitted since the snapshot{change.law.changed ? " with another law" : ""}</p>;
  return (
    <ul className={styles.change} data-testid="change">
      {rows}
    </ul>
  );
}
