import { computeForLoss, computeOptimal, InputError, publishedLaw, PUBLISHED_HYPERPARAMETER_LAWS, suggestHyperParameters, type ChinchillaLaw } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { TPlanInput } from "./schemas";

const CHINCHILLA_PARAMS = ["E", "A", "B", "alpha", "beta"] as const;

/**
 * Compute-optimal N and D for a budget from a team's stored Chinchilla-form fit (chinchilla or
 * data-constrained) or a law (a published preset or explicit parameters); tokens per parameter; the
 * published DeepSeek hyper-parameter suggestions at that budget; with `targetLoss`, the compute (and N, D)
 * needed to reach it.
 */
export async function planCompute(db: Database, input: TPlanInput) {
  let law: ChinchillaLaw;
  let source: string;
  if (input.fitId !== undefined) {
    const fit = await db.prisma.fit.findUnique({ where: { id: input.fitId }, select: { id: true, model: true, params: true } });
    if (!fit) throw new AppError("NOT_FOUND", `fitId: fit ${input.fitId} does not exist`);
    const p = fit.params as Record<string, number>;
    if (!CHINCHILLA_PARAMS.every((k) => typeof p[k] === "number")) {
      throw new AppError("BAD_REQUEST", `fitId: fit ${fit.id} is a ${fit.model} fit; planning needs a Chinchilla-form fit (chinchilla or data-constrained)`);
    }
    law = { E: p.E!, A: p.A!, B: p.B!, alpha: p.alpha!, beta: p.beta! };
    source = `fit ${fit.id} (${fit.model})`;
  } else if (typeof input.law === "string") {
    const preset = publishedLaw(input.law);
    law = { ...preset.params };
    source = preset.source;
  } else {
    law = input.law!;
    source = "given parameters";
  }
  try {
    const optimal = computeOptimal(law, input.budget);
    const deepseek = PUBLISHED_HYPERPARAMETER_LAWS["deepseek-2024"];
    const hyperParameters = { source: deepseek.source, ...suggestHyperParameters(deepseek.laws, input.budget) };
    const target = input.targetLoss === undefined ? null : { targetLoss: input.targetLoss, ...computeForLoss(law, input.targetLoss) };
    return { source, law, optimal, hyperParameters, target };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new AppError("BAD_REQUEST", `${input.fitId !== undefined ? "fitId" : "law"}: ${error.message}`);
  }
}
