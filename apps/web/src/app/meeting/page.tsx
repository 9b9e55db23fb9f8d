import { Suspense } from "react";
import { Skeleton } from "~/components/ui/states";
import { MeetingView } from "./meeting-view";

export const dynamic = "force-dynamic";

export default function MeetingPage() {
  return (
    <>
      <h1>Weekly meeting</h1>
      <p className="lede">Freeze this week&apos;s fits and forecasts, see what changed since last week, record what you decided, and take it all away as SVG, PNG, CSV and Markdown.</p>
      <Suspense fallback={<Skeleton lines={4} />}>
        <MeetingView />
      </Suspense>
    </>
  );
}
