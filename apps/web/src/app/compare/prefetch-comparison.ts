import "server-only";
import { dehydrate, type DehydratedState } from "@tanstack/react-query";
import { getQueryClient, trpc } from "~/trpc/server";

/** How long the comparison waits for the reads below before it is sent without them (stored fits take 0.1–0.5 s for 20 on a busy 2-core machine). The page around it is streamed at once. */
const PREFETCH_WAIT_MS = 1000;

/** The Compare view's selection as its link carries it (`?sweeps=a,b,c`). */
export function selectedSweepIds(param: string | string[] | undefined): string[] {
  return (Array.isArray(param) ? param.join(",") : (param ?? "")).split(",").filter(Boolean);
}

/**
 * What the Compare view draws first, read in-process while the page is rendered: the sweep list, the
 * methodologies (colours) and each selected sweep's latest fit, so the page arrives with its curves instead of
 * asking for them after hydration (a fit still being computed arrives as the older one or none, with its
 * status, and the browser polls for it). Only answers are handed over: a read that fails is asked again by
 * the browser, which then shows the error's own message, and one still running after PREFETCH_WAIT_MS is
 * left to the browser too.
 */
export async function prefetchComparison(sweepIds: readonly string[]): Promise<DehydratedState> {
  const queryClient = getQueryClient();
  const reads = [
    queryClient.prefetchQuery(trpc.sweep.list.queryOptions()),
    queryClient.prefetchQuery(trpc.methodology.list.queryOptions()),
    ...sweepIds.map((sweepId) => queryClient.prefetchQuery(trpc.fit.latest.queryOptions({ sweepId }))),
  ];
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([Promise.all(reads), new Promise((resolve) => (timer = setTimeout(resolve, PREFETCH_WAIT_MS)))]);
  clearTimeout(timer);
  return dehydrate(queryClient, { shouldDehydrateQuery: (query) => query.state.status === "success" });
}
