import type { TRPCRouterRecord } from "@trpc/server";
import { createTeam, ZCreateTeamInput, ZTeam } from "../services/team/create-team";
import { getTeam, ZGetTeamInput } from "../services/team/get-team";
import { getTeamOverview } from "../services/overview/get-team-overview";
import { listTeams } from "../services/team/list-teams";
import { protectedProcedure, publicProcedure } from "../trpc";
import { getTaskPool } from "../workers/pool";

export const teamRouter = {
  // Public: the home page lists the teams before anyone signs in.
  list: publicProcedure.query(({ ctx }) => listTeams(ctx.db)),
  get: protectedProcedure.input(ZGetTeamInput).query(({ ctx, input }) => getTeam(ctx.db, ctx.actor, input)),
  create: protectedProcedure
    .input(ZCreateTeamInput)
    .output(ZTeam)
    .mutation(({ ctx, input }) => createTeam(ctx.db, ctx.actor, input)),
  overview: protectedProcedure.query(({ ctx }) => getTeamOverview(ctx.db, getTaskPool())),
} satisfies TRPCRouterRecord;
