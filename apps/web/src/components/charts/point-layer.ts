import * as d3 from "d3";
import type { ChartPoint, ChartSeries, PointHit } from "./chart-types";

/** Above this many points a series is drawn as small translucent squares (a fillRect each is far cheaper than an arc). */
const DENSE_POINTS = 2000;

interface SeriesPoints {
  series: ChartSeries;
  /** The series' plottable points, sorted by scale. */
  points: ChartPoint[];
  /** Screen y of each point for the current layout (zooming moves the scale axis only). */
  sy: Float64Array;
  radius: number;
  dense: boolean;
}

const byScale = d3.bisector((p: ChartPoint) => p.x);

/**
 * The runs of a scale chart, drawn on a canvas. Each series' points are sorted by scale once (O(n log n) when
 * the data change), so a redraw visits only the points in view (two binary searches, every one of them drawn:
 * nothing is sampled away) and hover looks only at the points within reach of the pointer's scale
 * (O(log n + points in that window)), with no index to rebuild after a zoom.
 */
export class PointLayer {
  private readonly layers: SeriesPoints[];

  constructor(series: readonly ChartSeries[], plottable: (p: ChartPoint) => boolean) {
    this.layers = series
      .filter((s) => (s.points?.length ?? 0) > 0)
      .map((s) => {
        const points = s.points!.filter(plottable).sort((a, b) => a.x - b.x);
        const dense = s.points!.length > DENSE_POINTS;
        return { series: s, points, sy: new Float64Array(points.length), radius: dense ? 2 : 4.5, dense };
      });
  }

  /** Caches every point's screen y; call after the y scale's range changes. */
  placeY(y: (value: number) => number): void {
    for (const layer of this.layers) layer.points.forEach((p, i) => (layer.sy[i] = y(p.y)));
  }

  /** Draws the points inside x's domain; the caller clips to the plot. */
  draw(ctx: CanvasRenderingContext2D, x: d3.ScaleLogarithmic<number, number>): void {
    const [from, to] = x.domain() as [number, number];
    for (const { series, points, sy, radius: r, dense } of this.layers) {
      ctx.fillStyle = series.style.color;
      ctx.strokeStyle = series.style.color;
      ctx.lineWidth = 1.5;
      ctx.globalAlpha = dense ? 0.55 : 0.9;
      const filled = new Path2D();
      const hollow = new Path2D();
      for (let i = byScale.left(points, from), end = byScale.right(points, to); i < end; i++) {
        const p = points[i]!;
        const sx = x(p.x);
        const py = sy[i]!;
        if (dense && !p.hollow) ctx.fillRect(sx - r, py - r, 2 * r, 2 * r);
        else {
          const path = p.hollow ? hollow : filled;
          path.moveTo(sx + r, py);
          path.arc(sx, py, r, 0, 2 * Math.PI);
        }
      }
      ctx.fill(filled);
      ctx.globalAlpha = 1;
      ctx.stroke(hollow);
    }
  }

  /** The point nearest to (mx, my) within `reach` pixels, among those in view. */
  nearest(mx: number, my: number, reach: number, x: d3.ScaleLogarithmic<number, number>): PointHit | undefined {
    let best: PointHit | undefined;
    let bestDistance = Infinity;
    this.scan(mx, my, reach, x, (hit, distance) => {
      if (distance <= bestDistance) {
        bestDistance = distance;
        best = hit;
      }
    });
    return best;
  }

  /** Every point in view within `reach` pixels of (mx, my): the runs drawn on top of one another there. */
  within(mx: number, my: number, reach: number, x: d3.ScaleLogarithmic<number, number>): PointHit[] {
    const hits: PointHit[] = [];
    this.scan(mx, my, reach, x, (hit) => hits.push(hit));
    return hits;
  }

  /** Visits the points in view within `reach` pixels of (mx, my) with their squared distance (O(log n + points in that window)). */
  private scan(mx: number, my: number, reach: number, x: d3.ScaleLogarithmic<number, number>, visit: (hit: PointHit, distance: number) => void): void {
    const [v0, v1] = x.domain() as [number, number];
    const from = Math.max(v0, x.invert(mx - reach));
    const to = Math.min(v1, x.invert(mx + reach));
    for (const { series, points, sy } of this.layers) {
      for (let i = byScale.left(points, from), end = byScale.right(points, to); i < end; i++) {
        const sx = x(points[i]!.x);
        const distance = (sx - mx) ** 2 + (sy[i]! - my) ** 2;
        if (distance <= reach * reach) visit({ series, point: points[i]!, sx, sy: sy[i]! }, distance);
      }
    }
  }

  /** Every point in view with its screen position (for the SVG export). */
  inView(x: d3.ScaleLogarithmic<number, number>): PointHit[] {
    const [from, to] = x.domain() as [number, number];
    const hits: PointHit[] = [];
    for (const { series, points, sy } of this.layers) {
      for (let i = byScale.left(points, from), end = byScale.right(points, to); i < end; i++) hits.push({ series, point: points[i]!, sx: x(points[i]!.x), sy: sy[i]! });
    }
    return hits;
  }
}
