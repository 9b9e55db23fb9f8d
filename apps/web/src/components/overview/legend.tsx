import { RECOMMEND_DEFAULTS } from "@scalecast/core";
import { formatPercent, formatRecommendation } from "~/lib/format";
import styles from "./overview.module.css";

const T = RECOMMEND_DEFAULTS;

/** What each recommendation badge means and the rule behind it (core's recommend thresholds), plus the chart's key. */
const BADGES = [
  {
    action: "scale-further",
    rule: `The next 10× of scale is forecast to improve the score by at least ${formatPercent(T.minRelativeGainPer10x)} of today's score, and the score is more than ${formatPercent(T.minRelativeHeadroom)} away from the fitted law's limit.`,
  },
  {
    action: "plateau",
    rule: `The next 10× buys less than ${formatPercent(T.minRelativeGainPer10x)} of today's score, or the score is within ${formatPercent(T.minRelativeHeadroom)} of the fitted limit: more of the same will not pay.`,
  },
  {
    action: "switch",
    rule: `Another methodology is forecast to beat this one at the target scale with probability ${formatPercent(T.switchProbability)} or more. It needs an alternative to compare with (API or CLI recommend); the overview judges each sweep on its own.`,
  },
] as const;

export function OverviewLegend() {
  return (
    <details className={styles.legend} data-testid="overview-legend" open>
      <summary>How to read the cards</summary>
      <dl className={styles.legendBadges}>
        {BADGES.map((b) => (
          <div key={b.action}>
            <dt>
              <span className={`badge big ${b.action}`}>{formatRecommendation(b.action)}</span>
            </dt>
            <dd>{b.rule}</dd>
          </div>
        ))}
      </dl>
      <p className={styles.legendNotes}>
        The call comes from each sweep&apos;s latest fit (gain per 10× at the largest run, distance to the fitted limit).{" "}
        <span className={`badge ${styles.lowConfidence}`}>low confidence</span> means the call could flip within the bootstrap interval. Chart: dots are runs, the line
        is the fitted law (dashed beyond the largest run), the band its bootstrap band, the marker the next planned scale with its forecast. Arrows show before → after since the
        team&apos;s last snapshot: <span className={styles.better}>↑</span> better, <span className={styles.worse}>↓</span> worse.
      </p>
    </details>
  );
}
