import type { TRPCRouterRecord } from "@trpc/server";
import { createSnapshot } from "../services/snapshot/create-snapshot";
import { diffSnapshots } from "../services/snapshot/diff-snapshots";
import { getSnapshot } from "../services/snapshot/get-snapshot";
import { listSnapshots } from "../services/snapshot/list-snapshots";
import {
  ZCreateSnapshotInput,
  ZCreateSnapshotOutput,
  ZDiffSnapshotsInput,
  ZDiffSnapshotsOutput,
  ZGetSnapshotInput,
  ZGetSnapshotOutput,
  ZListSnapshotsInput,
  ZListSnapshotsOutput,
} from "../services/snapshot/schemas";
import { protectedProcedure } from "../trpc";

export const snapshotRouter = {
  create: protectedProcedure
    .input(ZCreateSnapshotInput)
    .output(ZCreateSnapshotOutput)
    .mutation(({ ctx, input }) => createSnapshot(ctx, ctx.pool, input)),
  list: protectedProcedure
    .input(ZListSnapshotsInput)
    .output(ZListSnapshotsOutput)
    .query(({ ctx, input }) => listSnapshots(ctx.db, input?.teamId)),
  get: protectedProcedure.input(ZGetSnapshotInput).output(ZGetSnapshotOutput).query(({ ctx, input }) => getSnapshot(ctx.db, input.id)),
  diff: protectedProcedure.input(ZDiffSnapshotsInput).output(ZDiffSnapshotsOutput).query(({ ctx, input }) => diffSnapshots(ctx.db, input)),
} satisfies TRPCRouterRecord;
