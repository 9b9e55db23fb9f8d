import type { SeriesStyle } from "~/lib/palette";

export interface ChartPoint {
  x: number;
  y: number;
  /** Shown on hover, e.g. the run key. */
  label?: string;
  /** Drawn hollow: held-out runs of a backtest, or runs outside the fit. */
  hollow?: boolean;
}

export interface ChartCurvePoint {
  x: number;
  y: number;
  lo?: number | null;
  hi?: number | null;
}

export interface ChartSeries {
  id: string;
  label: string;
  style: SeriesStyle;
  points?: readonly ChartPoint[];
  curve?: readonly ChartCurvePoint[];
  /** The scales the fit saw: the curve is solid inside, dashed (extrapolation) outside. */
  fittedRange?: readonly [number, number];
}

export interface ChartMarker {
  x: number;
  lo?: number | null;
  hi?: number | null;
  label: string;
  color?: string;
}

export interface ChartHandle {
  /** A standalone SVG of the chart as shown (points included as circles). */
  toSvg(): string;
  /** The same chart as a PNG. */
  toPng(): Promise<Blob>;
}

/** A run on screen: its series, the point and where it is drawn. */
export interface PointHit {
  series: ChartSeries;
  point: ChartPoint;
  sx: number;
  sy: number;
}
