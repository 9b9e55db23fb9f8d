import type { FitModelOptions, ModelName } from "@scalecast/core";
import { metricBounds } from "../run/metric-bounds";
import type { SweepForFit } from "./sweep-rows";

/**
 * The options a model is fitted with for this sweep: the higher-is-better saturating law's ceiling is held
 * at or below 1 when the metric is bounded to [0, 1] (metricBounds). Part of the data fingerprint, so
 * marking a metric bounded refits.
 */
export function fitOptionsFor(sweep: Pick<SweepForFit, "metric" | "direction" | "metricBounded">, model: string): FitModelOptions {
  if (model !== "saturating-power-law" || sweep.direction !== "higher") return {};
  return metricBounds(sweep)?.kind === "unit" ? { ceiling: 1 } : {};
}

/** fitOptionsFor for every law model selection compares that takes options from the sweep. */
export function selectionFitOptions(sweep: Pick<SweepForFit, "metric" | "direction" | "metricBounded">): Partial<Record<ModelName, FitModelOptions>> {
  return { "saturating-power-law": fitOptionsFor(sweep, "saturating-power-law") };
}
