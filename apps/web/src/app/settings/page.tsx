import { Suspense } from "react";
import { Skeleton } from "~/components/ui/states";
import { SettingsView } from "./settings-view";

export const dynamic = "force-dynamic";

export default function SettingsPage() {
  return (
    <>
      <h1>Settings</h1>
      <p className="lede">Teams, members, API tokens for training scripts, and the methodologies and sweeps runs are logged into.</p>
      <Suspense fallback={<Skeleton lines={4} />}>
        <SettingsView />
      </Suspense>
    </>
  );
}
