import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import { diffEntries } from "../overview/sweep-entry";
import { getSnapshot } from "./get-snapshot";
import type { TDiffSnapshotsInput } from "./schemas";

/** What changed from one snapshot to another, per sweep: new runs, parameter shifts, forecast shifts. */
export async function diffSnapshots(db: Database, input: TDiffSnapshotsInput) {
  if (input.fromId === input.toId) throw new AppError("BAD_REQUEST", "toId: must differ from fromId");
  const [from, to] = await Promise.all([getSnapshot(db, input.fromId, "fromId"), getSnapshot(db, input.toId, "toId")]);
  const strip = (s: typeof from) => ({ id: s.id, title: s.title, teamId: s.teamId, createdAt: s.createdAt });
  return { from: strip(from), to: strip(to), changes: diffEntries(from.content.entries, to.content.entries) };
}
