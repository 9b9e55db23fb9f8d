import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import { LOGGED_DECISION_SELECT } from "../decision/list-decisions";
import type { TSnapshotContent } from "./schemas";

/** One snapshot with its frozen content and its decisions. */
export async function getSnapshot(db: Database, id: string, field = "id") {
  const row = await db.prisma.snapshot.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      teamId: true,
      createdAt: true,
      content: true,
      createdBy: { select: { id: true, name: true } },
      decisions: { orderBy: { createdAt: "desc" }, select: LOGGED_DECISION_SELECT },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", `${field}: snapshot ${id} does not exist`);
  return { ...row, content: row.content as unknown as TSnapshotContent };
}
