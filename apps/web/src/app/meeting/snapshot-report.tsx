"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorPanel, QueryView, Skeleton } from "~/components/ui/states";
import { download } from "~/lib/download";
import { formatDate } from "~/lib/format";
import { useTRPC } from "~/trpc/react";
import { DecisionLog } from "./decision-log";
import { DiffStory } from "./diff-story";
import { EntriesTable } from "./entries-table";
import { MeetingCharts } from "./meeting-charts";
import { snapshotCsv, toMarkdown } from "./meeting-export";
import type { SnapshotHeader } from "./types";

/** One snapshot opened: its entries, the diff from the snapshot it is compared with, its charts (with that snapshot's curves as ghosts) and decisions. */
export function SnapshotReport({ id, against, teamName }: { id: string; against: SnapshotHeader | null; teamName: string }) {
  const trpc = useTRPC();
  const snapshot = useQuery(trpc.snapshot.get.queryOptions({ id }));
  const diff = useQuery({ ...trpc.snapshot.diff.queryOptions({ fromId: against?.id ?? id, toId: id }), enabled: against !== null });
  const decisions = useQuery(trpc.decision.list.queryOptions({ snapshotId: id }));
  return (
    <QueryView query={snapshot} skeleton={<Skeleton chart lines={3} />}>
      {(s) => {
        const changes = diff.data?.changes;
        const markdown = () => toMarkdown(s, teamName, against && changes ? { against, changes } : null, decisions.data ?? []);
        const slug = s.title.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
        return (
          <>
            <section className="panel" data-testid="snapshot">
              <div className="panel-head">
                <h2>
                  {s.title} <span className="muted small">{formatDate(s.createdAt)}</span>
                </h2>
                <div className="toolbar">
                  <button type="button" className="button secondary small" onClick={() => download(`${slug}.csv`, snapshotCsv(s), "text/csv")} data-testid="export-csv">
                    Data CSV
                  </button>
                  <button type="button" className="button secondary small" disabled={against !== null && !changes} onClick={() => download(`${slug}.md`, markdown(), "text/markdown")} data-testid="export-markdown">
                    Markdown summary
                  </button>
                </div>
              </div>
              <EntriesTable entries={s.content.entries} />
            </section>
            <section className="panel" data-testid="changes">
              <h2>{against ? `From ${against.title} to ${s.title}` : "Changes"}</h2>
              {!against ? (
                <p className="muted">This is the team&apos;s first snapshot: next time, the changes since it appear here.</p>
              ) : diff.error ? (
                <ErrorPanel error={diff.error} />
              ) : !changes ? (
                <Skeleton lines={3} />
              ) : (
                <DiffStory changes={changes} />
              )}
            </section>
            <MeetingCharts entries={s.content.entries} changes={changes ?? []} againstTitle={against?.title ?? null} takenAt={new Date(s.createdAt)} />
            <DecisionLog snapshotId={s.id} entries={s.content.entries} decisions={decisions} />
          </>
        );
      }}
    </QueryView>
  );
}
