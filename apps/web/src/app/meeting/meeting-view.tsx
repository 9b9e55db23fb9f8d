"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { EmptyState, ErrorPanel, QueryView, Skeleton } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";
import { chosenSnapshots, SnapshotList } from "./snapshot-list";
import { SnapshotReport } from "./snapshot-report";

/** The Meeting page: a team picker, then the team's snapshots. The URL holds the team, the snapshot opened and the one it is compared with. */
export function MeetingView() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const teams = useQuery(trpc.team.list.queryOptions());
  const slug = params.get("team") ?? teams.data?.[0]?.slug;
  const team = teams.data?.find((t) => t.slug === slug);
  return (
    <>
      <div className="toolbar" style={{ marginBottom: 16 }}>
        {(teams.data ?? []).map((t) => (
          <button key={t.id} type="button" className={t.slug === slug ? "button small" : "button secondary small"} onClick={() => router.replace(`${pathname}?team=${t.slug}`)}>
            {t.name}
          </button>
        ))}
      </div>
      {teams.error ? (
        <ErrorPanel error={teams.error} />
      ) : !team ? (
        teams.isPending ? (
          <Skeleton lines={4} />
        ) : (
          <EmptyState title="No teams yet">Create a team in Settings first.</EmptyState>
        )
      ) : (
        <TeamMeeting teamId={team.id} teamSlug={team.slug} teamName={team.name} />
      )}
    </>
  );
}

function TeamMeeting({ teamId, teamSlug, teamName }: { teamId: string; teamSlug: string; teamName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const snapshots = useQuery(trpc.snapshot.list.queryOptions({ teamId }));
  const [title, setTitle] = useState(() => `Week of ${new Date().toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" })}`);
  /** Opens `snapshot` compared with `against` (either left out: the newest, and the one before the opened one). */
  const show = (choice: { snapshot?: string; against?: string }) => {
    const query = new URLSearchParams({ team: teamSlug, ...choice });
    router.replace(`${pathname}?${query.toString()}`);
  };
  const create = useMutation(
    trpc.snapshot.create.mutationOptions({
      onSuccess: async () => {
        await Promise.all([queryClient.invalidateQueries(trpc.snapshot.pathFilter()), queryClient.invalidateQueries(trpc.team.overview.pathFilter())]);
        show({});
      },
    }),
  );
  return (
    <>
      <section className="panel">
        <form
          className="inline-form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            create.mutate({ teamId, title });
          }}
        >
          <label style={{ flex: 1 }}>
            Snapshot title
            <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="snapshot-title" />
          </label>
          <button className="button" type="submit" disabled={create.isPending} data-testid="take-snapshot">
            {create.isPending ? "Freezing fits…" : "Take snapshot"}
          </button>
        </form>
        {create.error && <ErrorPanel error={create.error} />}
      </section>
      <QueryView query={snapshots} skeleton={<Skeleton lines={5} />}>
        {(list) => {
          if (list.length === 0) {
            return <EmptyState title={`No snapshot of ${teamName} yet`}>Take one to freeze this week&apos;s fits and forecasts; next week you will see what changed.</EmptyState>;
          }
          const { opened, against } = chosenSnapshots(list, params.get("snapshot"), params.get("against"));
          return (
            <>
              <SnapshotList list={list} opened={opened} against={against} onChoose={show} />
              <SnapshotReport key={`${opened.id}-${against?.id ?? ""}`} id={opened.id} against={against} teamName={teamName} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}
