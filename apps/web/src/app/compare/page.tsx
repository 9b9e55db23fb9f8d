import { HydrationBoundary } from "@tanstack/react-query";
import { Suspense } from "react";
import { Skeleton } from "~/components/ui/states";
import { CompareView } from "./compare-view";
import { prefetchComparison, selectedSweepIds } from "./prefetch-comparison";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <>
      <h1>Compare methodologies</h1>
      <p className="lede">Overlay fitted scaling curves from any team: where they cross, how much more scale one needs to match another, and who wins at your budget.</p>
      <Suspense fallback={<Skeleton chart lines={2} />}>
        <PrefetchedCompareView searchParams={searchParams} />
      </Suspense>
    </>
  );
}

/** The view with the selection's fits already read on the server (see prefetchComparison). */
async function PrefetchedCompareView({ searchParams }: { searchParams: SearchParams }) {
  const state = await prefetchComparison(selectedSweepIds((await searchParams).sweeps));
  return (
    <HydrationBoundary state={state}>
      <CompareView />
    </HydrationBoundary>
  );
}
