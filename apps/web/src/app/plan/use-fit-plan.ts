"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { useDebouncedValue } from "~/components/use-debounced-value";
import { useTRPC } from "~/trpc/react";

/** How long the budget must rest before the server is asked (a drag sends one request, not one per step). */
const SETTLE_MS = 150;

/**
 * `analysis.plan` for a stored fit at `budget`, under a cap of `uniqueTokens` when given (nothing is asked
 * for a null fit). While the next answer loads, the previous answer for the same fit stays
 * (`isPlaceholderData`), so the numbers never blank out during a drag; a different fit starts empty rather
 * than showing another fit's numbers.
 */
export function useFitPlan(fitId: string | null, budget: number, uniqueTokens?: number) {
  const trpc = useTRPC();
  const settled = useDebouncedValue(budget, SETTLE_MS);
  return useQuery({
    ...trpc.analysis.plan.queryOptions(fitId === null ? skipToken : { fitId, budget: settled, ...(uniqueTokens === undefined ? {} : { uniqueTokens }) }),
    placeholderData: (previous, previousQuery) => (previousQuery && fitIdOf(previousQuery.queryKey) === fitId ? previous : undefined),
    retry: false,
  });
}

/** The fit a tRPC query key asked about. */
function fitIdOf(queryKey: readonly unknown[]): string | undefined {
  const options = queryKey[1] as { input?: { fitId?: string } } | undefined;
  return options?.input?.fitId;
}
