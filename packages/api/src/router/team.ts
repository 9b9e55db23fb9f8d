import type { TRPCRouterRecord } from "@trpc/server";
import { listTeams } from "../services/team/list-teams";
import { publicProcedure } from "../trpc";

export const teamRouter = {
  list: publicProcedure.query(({ ctx }) => listTeams(ctx.db)),
} satisfies TRPCRouterRecord;
