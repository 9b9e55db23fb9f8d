"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorPanel, Skeleton } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";

/**
 * Shows `children` (forms that write to the team) only to those who may write: the team's members. Anyone
 * else signed in reads every team, so instead of a form that would answer 403 they get a line saying who
 * can add runs (the API's rule: the team's members and its API tokens).
 */
export function TeamWriteGate({ team, children }: { team: { slug: string; name: string }; children: ReactNode }) {
  const trpc = useTRPC();
  const access = useQuery(trpc.team.get.queryOptions({ slug: team.slug }));
  if (access.error) return <ErrorPanel error={access.error} retry={() => void access.refetch()} />;
  if (!access.data) return <Skeleton lines={3} label="Checking access" />;
  if (access.data.viewer.canWrite) return <>{children}</>;
  const owners = access.data.members.filter((m) => m.role === "owner").map((m) => m.name);
  return (
    <section className="panel" data-testid="add-runs-locked">
      <h2>Add runs</h2>
      <p className="muted" style={{ margin: 0 }}>
        Only members of team {team.name} (or its API tokens) can add runs to this sweep.
        {owners.length > 0 ? ` Ask an owner (${owners.join(", ")}) to add you.` : ""}
      </p>
    </section>
  );
}
