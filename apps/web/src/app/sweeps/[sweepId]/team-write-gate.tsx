"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorPanel, Skeleton } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";

/**
 * Shows `children` (controls that write to the team) only to those who may write: the team's members.
 * Anyone else signed in reads every team, so instead of a control that would answer 403 they get a line
 * saying who can `action` (the API's rule: the team's members and its API tokens) and whom to ask:
 * as a panel headed `title` (`as="panel"`, e.g. in place of the add-runs forms) or a plain line.
 */
export function TeamWriteGate({
  team,
  children,
  action = "add runs to this sweep",
  title = "Add runs",
  as = "panel",
}: {
  team: { slug: string; name: string };
  children: ReactNode;
  action?: string;
  title?: string;
  as?: "panel" | "line";
}) {
  const trpc = useTRPC();
  const access = useQuery(trpc.team.get.queryOptions({ slug: team.slug }));
  if (access.error) return <ErrorPanel error={access.error} retry={() => void access.refetch()} />;
  if (!access.data) return as === "panel" ? <Skeleton lines={3} label="Checking access" /> : null;
  if (access.data.viewer.canWrite) return <>{children}</>;
  const owners = access.data.members.filter((m) => m.role === "owner").map((m) => m.name);
  const line = `Only members of team ${team.name} (or its API tokens) can ${action}.${owners.length > 0 ? ` Ask an owner (${owners.join(", ")}) to add you.` : ""}`;
  if (as === "line") {
    return (
      <p className="muted small" data-testid="write-locked">
        {line}
      </p>
    );
  }
  return (
    <section className="panel" data-testid="add-runs-locked">
      <h2>{title}</h2>
      <p className="muted" style={{ margin: 0 }}>
        {line}
      </p>
    </section>
  );
}
