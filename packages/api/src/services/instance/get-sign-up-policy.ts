import type { Database } from "@scalecast/db";
import type { SignedInActor } from "../access/actor";
import { isAdmin } from "../access/assert-access";
import { readSignUpPolicy } from "./read-sign-up-policy";

/** The sign-up policy, and whether the caller may change it (the Settings page shows the form to admins). */
export async function getSignUpPolicy(db: Database, actor: SignedInActor) {
  return { policy: await readSignUpPolicy(db), viewerIsAdmin: await isAdmin(db, actor) };
}
