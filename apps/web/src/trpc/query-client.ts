import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/** One QueryClient configuration for the server prefetch and the browser (superjson-aware hydration). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx answer (bad input, not signed in, not found) will not change on retry: show it at once.
        retry: (failures, error) => {
          const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus;
          return !(status !== undefined && status >= 400 && status < 500) && failures < 2;
        },
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
