import type { TRPCRouterRecord } from "@trpc/server";
import { getTeamOverview } from "../services/overview/get-team-overview";
import { ZGetTeamOverviewOutput } from "../services/overview/schemas";
import { createTeam } from "../services/team/create-team";
import { getTeam } from "../services/team/get-team";
import { listTeams } from "../services/team/list-teams";
import { ZCreateTeamInput, ZCreateTeamOutput, ZGetTeamInput, ZGetTeamOutput, ZListTeamsOutput } from "../services/team/team-schemas";
import { protectedProcedure, publicProcedure } from "../trpc";

export const teamRouter = {
  // Public: the home page lists the teams before anyone signs in.
  list: publicProcedure.output(ZListTeamsOutput).query(({ ctx }) => listTeams(ctx.db)),
  get: protectedProcedure.input(ZGetTeamInput).output(ZGetTeamOutput).query(({ ctx, input }) => getTeam(ctx.db, ctx.actor, input)),
  create: protectedProcedure
    .input(ZCreateTeamInput)
    .output(ZCreateTeamOutput)
    .mutation(({ ctx, input }) => createTeam(ctx.db, ctx.actor, input)),
  overview: protectedProcedure.output(ZGetTeamOverviewOutput).query(({ ctx }) => getTeamOverview(ctx.db)),
} satisfies TRPCRouterRecord;
