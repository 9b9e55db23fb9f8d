import { TeamsSummary } from "~/components/teams-summary";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export default function HomePage() {
  prefetch(trpc.team.list.queryOptions());
  return (
    <HydrateClient>
      <h1>Teams</h1>
      <p className="lede">Every team&apos;s methodologies and sweeps. Fit, forecast and compare them across teams.</p>
      <TeamsSummary />
    </HydrateClient>
  );
}
