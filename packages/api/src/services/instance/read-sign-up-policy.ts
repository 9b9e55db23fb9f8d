import type { Database } from "@scalecast/db";
import { ZSignUpPolicy, type TSignUpPolicy } from "./schemas";

/** The Setting row that holds the sign-up policy (JSON). */
export const SIGN_UP_POLICY_SETTING = "auth.signUpPolicy";

/**
 * Until the admin chooses, sign-up is by invitation only: a server reachable by a whole network should not
 * hand an account (and with it every team's data) to whoever finds the port. Self-hosted Grafana, MLflow
 * and W&B start the same way (accounts made by an admin or by invitation).
 */
export const DEFAULT_SIGN_UP_POLICY: TSignUpPolicy = Object.freeze({ mode: "invitation" });

/** The instance's sign-up policy (the default when none was set). */
export async function readSignUpPolicy(db: Database): Promise<TSignUpPolicy> {
  const row = await db.prisma.setting.findUnique({ where: { key: SIGN_UP_POLICY_SETTING }, select: { value: true } });
  return row ? ZSignUpPolicy.parse(JSON.parse(row.value)) : DEFAULT_SIGN_UP_POLICY;
}
