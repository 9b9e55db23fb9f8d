import { analysisRouter } from "./router/analysis";
import { decisionRouter } from "./router/decision";
import { fitRouter } from "./router/fit";
import { instanceRouter } from "./router/instance";
import { invitationRouter } from "./router/invitation";
import { memberRouter } from "./router/member";
import { methodologyRouter } from "./router/methodology";
import { runRouter } from "./router/run";
import { snapshotRouter } from "./router/snapshot";
import { sweepRouter } from "./router/sweep";
import { teamRouter } from "./router/team";
import { tokenRouter } from "./router/token";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  team: teamRouter,
  member: memberRouter,
  invitation: invitationRouter,
  instance: instanceRouter,
  token: tokenRouter,
  methodology: methodologyRouter,
  sweep: sweepRouter,
  run: runRouter,
  fit: fitRouter,
  analysis: analysisRouter,
  snapshot: snapshotRouter,
  decision: decisionRouter,
});

export type AppRouter = typeof appRouter;
