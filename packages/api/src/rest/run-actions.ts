/**
 * The REST endpoints that change one run, named by its sweep and run key (percent-encoded in the path):
 *
 * POST   /api/v1/sweeps/{sweepId}/runs/{runKey}/exclude   {"reason": "diverged at step 3k"}   exclude it from fits
 * POST   /api/v1/sweeps/{sweepId}/runs/{runKey}/include                                      include it again
 * DELETE /api/v1/sweeps/{sweepId}/runs/{runKey}?reason=...                                    delete it
 *   200 the trail entry {"id", "sweepId", "runKey", "action", "reason", "actor", "scales", "metrics", "createdAt"}
 *   400 bad input · 401 no token · 403 another team's sweep · 404 unknown sweep or run key
 *   409 excluding an excluded run, including one that is not excluded
 *
 * Same zod schemas and services as run.exclude, run.include and run.delete.
 */
import { refitAfter } from "../jobs/fit-queue";
import { deleteRun } from "../services/run/delete-run";
import { excludeRun } from "../services/run/exclude-run";
import { includeRun } from "../services/run/include-run";
import { ZDeleteRunInput, ZExcludeRunInput, ZRunTarget } from "../services/run/run-schemas";
import { parseInput, readObject } from "./input";
import { requireActor, withErrors } from "./respond";
import type { AppServices } from "../services/system/app-services";

/** POST …/runs/{runKey}/exclude. */
export function handleRunExclude({ db, fitJobs }: AppServices, request: Request, sweepId: string, runKey: string): Promise<Response> {
  return withErrors(async () => {
    const actor = await requireActor(db, request);
    const body = await readObject(request, '{"reason": "..."}');
    return Response.json(await refitAfter(fitJobs, sweepId, await excludeRun(db, actor, parseInput(ZExcludeRunInput, { reason: body.reason, sweepId, runKey }))));
  });
}

/** POST …/runs/{runKey}/include. */
export function handleRunInclude({ db, fitJobs }: AppServices, request: Request, sweepId: string, runKey: string): Promise<Response> {
  return withErrors(async () => {
    const actor = await requireActor(db, request);
    return Response.json(await refitAfter(fitJobs, sweepId, await includeRun(db, actor, parseInput(ZRunTarget, { sweepId, runKey }))));
  });
}

/** DELETE …/runs/{runKey}[?reason=…]. */
export function handleRunDelete({ db, fitJobs }: AppServices, request: Request, sweepId: string, runKey: string): Promise<Response> {
  return withErrors(async () => {
    const actor = await requireActor(db, request);
    const reason = new URL(request.url).searchParams.get("reason") ?? undefined;
    return Response.json(await refitAfter(fitJobs, sweepId, await deleteRun(db, actor, parseInput(ZDeleteRunInput, { sweepId, runKey, reason }))));
  });
}
