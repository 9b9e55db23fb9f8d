import type { Database } from "@scalecast/db";
import type { Actor } from "../access/actor";
import { assertAdmin } from "../access/assert-access";
import { SIGN_UP_POLICY_SETTING } from "./read-sign-up-policy";
import type { TSignUpPolicy } from "./schemas";

/** Changes who may sign up (the instance admin only). */
export async function setSignUpPolicy(db: Database, actor: Actor, policy: TSignUpPolicy) {
  await assertAdmin({ db, actor });
  const value = JSON.stringify(policy);
  await db.prisma.setting.upsert({ where: { key: SIGN_UP_POLICY_SETTING }, create: { key: SIGN_UP_POLICY_SETTING, value }, update: { value } });
  return { policy };
}
