import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { cache, type ReactNode } from "react";
import { api } from "~/server/api";
import { createRequestContext } from "~/server/context";
import { createQueryClient } from "./query-client";

/** One QueryClient per request on the server. */
export const getQueryClient = cache(createQueryClient);

/** One context per request: who is calling is resolved once, however many procedures a page prefetches. */
const getRequestContext = cache(() => createRequestContext());

/** Server components call procedures in-process through this proxy and prefetch into the page. */
export const trpc = createTRPCOptionsProxy({ router: api.appRouter, ctx: getRequestContext, queryClient: getQueryClient });

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T): void {
  void getQueryClient().prefetchQuery(queryOptions);
}
