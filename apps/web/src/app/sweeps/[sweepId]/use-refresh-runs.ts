"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "~/trpc/react";

/** After runs were added to a sweep: re-read the sweep (run table, chart), its fits and its analyses. */
export function useRefreshRuns(sweepId: string): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.sweep.get.queryFilter({ sweepId })),
      queryClient.invalidateQueries(trpc.fit.latest.pathFilter()),
      queryClient.invalidateQueries(trpc.analysis.pathFilter()),
    ]);
  }, [queryClient, trpc, sweepId]);
}
