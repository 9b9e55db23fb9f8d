import { Suspense } from "react";
import { Skeleton } from "~/components/ui/states";
import { CompareView } from "./compare-view";

export const dynamic = "force-dynamic";

export default function ComparePage() {
  return (
    <>
      <h1>Compare methodologies</h1>
      <p className="lede">Overlay fitted scaling curves from any team: where they cross, how much more scale one needs to match another, and who wins at your budget.</p>
      <Suspense fallback={<Skeleton chart lines={2} />}>
        <CompareView />
      </Suspense>
    </>
  );
}
