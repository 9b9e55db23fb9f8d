"use client";

import { ALLOCATION_RECIPES, ALLOCATION_RECIPE_NAMES, compareRecipes } from "@scalecast/core";
import { useMemo, useRef } from "react";
import { ScaleChart, type ChartHandle, type ChartMarker, type ChartSeries } from "~/components/charts/scale-chart";
import { ExportButtons } from "~/components/export-buttons";
import { styleForIndex } from "~/lib/palette";

/**
 * The published allocation recipes on one chart: model scale per token (M for DeepSeek, 6·N for the
 * parameter-counting recipes) at the compute-optimal point against the budget C, so a team sees how far
 * apart the recipes are at its budget.
 */
export function RecipesChart({ grid, markers }: { grid: readonly number[]; markers: readonly ChartMarker[] }) {
  const series: ChartSeries[] = useMemo(() => {
    const byBudget = grid.map((c) => ({ c, recipes: compareRecipes(c) }));
    return ALLOCATION_RECIPE_NAMES.map((name, i) => ({
      id: name,
      label: `${ALLOCATION_RECIPES[name].source} (${name === "deepseek-2024" ? "M" : "6·N"})`,
      style: styleForIndex(i),
      curve: byBudget.map(({ c, recipes }) => ({ x: c, y: recipes[i]!.flopsPerToken })),
    }));
  }, [grid]);
  const chartRef = useRef<ChartHandle | null>(null);
  return (
    <>
      <ExportButtons chartRef={chartRef} name="plan recipes" meta={{ title: "Published recipes against compute" }} />
      <ScaleChart
        series={series}
        markers={markers}
        xLabel="compute C (FLOPs)"
        yLabel="FLOPs per token (M or 6·N)"
        yScale="log"
        height={280}
        testId="plan-recipes"
        handleRef={chartRef}
        legendNote="compute-optimal model scale of each published recipe · scroll to zoom"
      />
    </>
  );
}
