import { Suspense } from "react";
import { Skeleton } from "~/components/ui/states";
import { PlanView } from "./plan-view";

export const dynamic = "force-dynamic";

export default function PlanPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Plan compute</h1>
          <p className="lede">
            Compute budget in, compute-optimal parameters N and tokens D out (C ≈ 6·N·D), from a team&apos;s own Chinchilla fit or a
            published law. Move the sliders: everything redraws as you drag.
          </p>
        </div>
      </div>
      <Suspense fallback={<Skeleton chart lines={2} />}>
        <PlanView />
      </Suspense>
    </>
  );
}
