import { formatPower } from "~/lib/format";

/** The budget slider: log10 of the FLOPs, from 1e18 to 1e27 in steps of 0.05. */
export const BUDGET_SLIDER = { min: 18, max: 27, step: 0.05, initial: 23 } as const;

/**
 * The slider position of a link's `budget` (FLOPs, e.g. 3.2e21): snapped to the slider's steps and kept in
 * its range; the initial position for none or a value that is not a positive number.
 */
export function log10BudgetFromSearch(params: { get(name: string): string | null }): number {
  const text = params.get("budget");
  const value = text === null || text.trim() === "" ? Number.NaN : Number(text);
  if (!(value > 0 && Number.isFinite(value))) return BUDGET_SLIDER.initial;
  const snapped = Math.round(Math.log10(value) / BUDGET_SLIDER.step) * BUDGET_SLIDER.step;
  return Math.min(BUDGET_SLIDER.max, Math.max(BUDGET_SLIDER.min, Math.round(snapped * 100) / 100));
}

/** The `budget` a link carries for a slider position: the FLOPs with three significant digits (1.12e23). */
export const budgetParam = (log10Budget: number) => formatPower(10 ** log10Budget);
