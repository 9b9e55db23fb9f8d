import type { SeriesStyle } from "~/lib/palette";

export interface ChartPoint {
  x: number;
  y: number;
  /** Shown on hover, e.g. the run key. */
  label?: string;
  /** Drawn hollow: held-out runs of a backtest, or runs outside the fit. */
  hollow?: boolean;
  /** The run's scales by axis name (hover and keyboard read-out). */
  scales?: Readonly<Record<string, number>>;
  /** Whether a member excluded the run from the fit (read-out); undefined when the view does not say. */
  excluded?: boolean;
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

/** The level and method of the shaded band (as fit intervals carry them; see formatIntervalKind). */
export interface BandKind {
  level?: number;
  method?: "calibrated" | "parameter-only";
}

/** What an exported chart says about itself: a title, who and when, and what its shaded band is. */
export interface ExportMeta {
  title: string;
  team?: string;
  /** The day the chart stands for; the export's own date when left out. */
  date?: Date;
  /** The band's level and method, printed in the key when the chart draws a band. */
  band?: BandKind;
}

export interface ChartHandle {
  /** A standalone SVG of the chart for slides: title, team and date above, the plot, the key below. */
  toSvg(meta: ExportMeta): string;
  /** The same picture as a PNG at twice its pixel size. */
  toPng(meta: ExportMeta): Promise<Blob>;
  /** The chart's data (runs and curves), one row per point. */
  toCsv(): string;
  /** The same data as a Markdown document headed by the title, team and date. */
  toMarkdown(meta: ExportMeta): string;
}

/** A run on screen: its series, the point and where it is drawn. */
export interface PointHit {
  series: ChartSeries;
  point: ChartPoint;
  sx: number;
  sy: number;
}
