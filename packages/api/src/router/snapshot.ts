import type { TRPCRouterRecord } from "@trpc/server";
import { createSnapshot } from "../services/snapshot/create-snapshot";
import { diffSnapshots } from "../services/snapshot/diff-snapshots";
import { getSnapshot } from "../services/snapshot/get-snapshot";
import { listSnapshots } from "../services/snapshot/list-snapshots";
import { ZCreateSnapshotInput, ZDiffSnapshotsInput, ZGetSnapshotInput, ZListSnapshotsInput } from "../services/snapshot/schemas";
import { protectedProcedure } from "../trpc";
import { getTaskPool } from "../workers/pool";

export const snapshotRouter = {
  create: protectedProcedure.input(ZCreateSnapshotInput).mutation(({ ctx, input }) => createSnapshot(ctx, getTaskPool(), input)),
  list: protectedProcedure.input(ZListSnapshotsInput).query(({ ctx, input }) => listSnapshots(ctx.db, input?.teamId)),
  get: protectedProcedure.input(ZGetSnapshotInput).query(({ ctx, input }) => getSnapshot(ctx.db, input.id)),
  diff: protectedProcedure.input(ZDiffSnapshotsInput).query(({ ctx, input }) => diffSnapshots(ctx.db, input)),
} satisfies TRPCRouterRecord;
