import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import { diffSnapshotEntries } from "./entry-diff";
import { getSnapshot } from "./get-snapshot";
import type { TDiffSnapshotsInput } from "./schemas";

/** How each methodology moved from one snapshot to another, most moved first (see byMovement); reads the two stored snapshots only. */
export async function diffSnapshots(db: Database, input: TDiffSnapshotsInput) {
  if (input.fromId === input.toId) throw new AppError("BAD_REQUEST", "toId: must differ from fromId");
  const [from, to] = await Promise.all([getSnapshot(db, input.fromId, "fromId"), getSnapshot(db, input.toId, "toId")]);
  const strip = (s: typeof from) => ({ id: s.id, title: s.title, teamId: s.teamId, createdAt: s.createdAt });
  return { from: strip(from), to: strip(to), changes: diffSnapshotEntries(from.content.entries, to.content.entries) };
}
