import type { RouterOutputs } from "@scalecast/api";
import * as d3 from "d3";
import { formatScale, formatScore } from "~/lib/format";
import styles from "./overview.module.css";

export type OverviewChart = NonNullable<RouterOutputs["team"]["overview"][number]["entries"][number]["chart"]>;

const WIDTH = 360;
const HEIGHT = 130;
const MARGIN = { top: 10, right: 12, bottom: 20, left: 40 };

/**
 * A card's small chart of a stored fit: the runs (dots), the fitted curve (solid over the runs, dashed beyond
 * the largest one), its bootstrap band and the target scale (the next planned scale) with its forecast. Scale
 * on a log axis; a fixed viewBox that scales with the card.
 */
export function Sparkline({ chart, color, label }: { chart: OverviewChart; color: string; label: string }) {
  const curve = chart.curve.filter((p): p is typeof p & { value: number } => p.value !== null && p.scale > 0);
  const runs = chart.runs.filter((r) => r.scale > 0);
  const scales = [...curve.map((p) => p.scale), ...runs.map((r) => r.scale)];
  const values = [...curve.map((p) => p.value), ...runs.map((r) => r.value), ...curve.flatMap((p) => [p.lower ?? p.value, p.upper ?? p.value])];
  if (scales.length === 0) return null;
  const x = d3
    .scaleLog()
    .domain(d3.extent(scales) as [number, number])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = d3
    .scaleLinear()
    .domain(d3.extent(values) as [number, number])
    .nice(3)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const frontier = chart.frontier ?? Infinity;
  const line = d3
    .line<(typeof curve)[number]>()
    .x((p) => x(p.scale))
    .y((p) => y(p.value));
  const band = d3
    .area<(typeof curve)[number]>()
    .defined((p) => p.lower != null && p.upper != null)
    .x((p) => x(p.scale))
    .y0((p) => y(p.lower!))
    .y1((p) => y(p.upper!));
  const fitted = curve.filter((p) => p.scale <= frontier * (1 + 1e-9));
  const extrapolated = curve.filter((p) => p.scale >= (fitted.at(-1)?.scale ?? 0));
  const target = chart.targetScale !== null && chart.targetScale > 0 ? nearestPoint(curve, chart.targetScale) : null;
  const [yLo, yHi] = y.domain() as [number, number];
  const [xLo, xHi] = x.domain();
  return (
    <svg
      className={styles.sparkline}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-testid="overview-chart"
      data-runs={runs.length}
    >
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={HEIGHT - MARGIN.bottom} y2={HEIGHT - MARGIN.bottom} className={styles.axis} />
      <text x={MARGIN.left - 4} y={y(yHi) + 4} textAnchor="end" className={styles.tick}>
        {formatScore(yHi)}
      </text>
      <text x={MARGIN.left - 4} y={y(yLo)} textAnchor="end" className={styles.tick}>
        {formatScore(yLo)}
      </text>
      <text x={MARGIN.left} y={HEIGHT - 6} className={styles.tick}>
        {formatScale(xLo!)}
      </text>
      <text x={WIDTH - MARGIN.right} y={HEIGHT - 6} textAnchor="end" className={styles.tick}>
        {formatScale(xHi!)}
      </text>
      <path d={band(curve) ?? ""} fill={color} fillOpacity={0.16} data-band="" />
      <path d={line(fitted) ?? ""} fill="none" stroke={color} strokeWidth={2} data-curve="fitted" />
      <path d={line(extrapolated) ?? ""} fill="none" stroke={color} strokeWidth={2} strokeDasharray="5 4" data-curve="extrapolated" />
      {runs.map((r, i) => (
        <circle key={i} cx={x(r.scale)} cy={y(r.value)} r={2.6} fill="#fff" stroke={color} strokeWidth={1.4} />
      ))}
      {target && (
        <g data-target={chart.targetScale}>
          <line x1={x(target.scale)} x2={x(target.scale)} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} className={styles.targetLine} />
          <circle cx={x(target.scale)} cy={y(target.value)} r={4.5} fill={color} stroke="#fff" strokeWidth={1.5} />
          <text x={x(target.scale) - 6} y={MARGIN.top + 8} textAnchor="end" className={styles.targetLabel}>
            next: {formatScale(chart.targetScale!)}
          </text>
        </g>
      )}
    </svg>
  );
}

/** The curve point nearest `scale` on a log axis (the stored curve ends at the target scale). */
function nearestPoint<P extends { scale: number }>(curve: P[], scale: number): P | null {
  const distance = (p: P) => Math.abs(Math.log(p.scale / scale));
  return curve.reduce<P | null>((best, p) => (best === null || distance(p) < distance(best) ? p : best), null);
}
