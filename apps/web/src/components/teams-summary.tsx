"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

export function TeamsSummary() {
  const trpc = useTRPC();
  const { data: teams } = useSuspenseQuery(trpc.team.list.queryOptions());
  if (teams.length === 0) {
    return <p className="empty">No teams yet. Create one in Settings, or run `npm run db:seed` for the demo data.</p>;
  }
  return (
    <div className="cards">
      {teams.map((team) => (
        <section className="card" key={team.id} data-testid="team-card">
          <h2>
            {team.name}
            {team.synthetic && <span className="badge">synthetic demo</span>}
          </h2>
          <div className="stat">
            <span>Methodologies</span>
            <strong>{team.methodologyCount}</strong>
          </div>
          <div className="stat">
            <span>Sweeps</span>
            <strong>{team.sweepCount}</strong>
          </div>
        </section>
      ))}
    </div>
  );
}
