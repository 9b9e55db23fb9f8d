import { isUniqueViolation, type Database } from "@scalecast/db";
import type { z } from "zod";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { assertCanWrite } from "../access/assert-access";
import type { ZCreateMethodologyInput } from "./schemas";

/** Adds a methodology to a team (its members and tokens). Names are unique within a team. */
export async function createMethodology(db: Database, actor: Actor, input: z.output<typeof ZCreateMethodologyInput>) {
  await assertCanWrite({ db, actor }, input.teamId);
  try {
    return await db.prisma.methodology.create({
      data: { teamId: input.teamId, name: input.name, description: input.description },
      select: { id: true, teamId: true, name: true, description: true, synthetic: true, createdAt: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `this team already has a methodology named "${input.name}"`);
    throw error;
  }
}
