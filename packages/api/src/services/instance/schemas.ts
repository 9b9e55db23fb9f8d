import { z } from "zod";

/** An email domain as the sign-up policy lists it: lowercase, without "@" (" @Example.COM " → "example.com"). */
export const ZEmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ""))
  .pipe(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "must be an email domain like example.com"));

/**
 * Who may create an account by signing up: anyone who reaches the server, addresses at listed domains, or
 * only people an owner invited. Invitations are accepted whatever the policy; `scalecast users create`
 * (run on the server) is never limited by it.
 */
export const ZSignUpPolicy = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("open") }),
  z.object({ mode: z.literal("domains"), domains: z.array(ZEmailDomain).min(1, "list at least one domain").max(50, "list at most 50 domains") }),
  z.object({ mode: z.literal("invitation") }),
]);
export type TSignUpPolicy = z.infer<typeof ZSignUpPolicy>;

export const ZGetSignUpPolicyOutput = z.object({ policy: ZSignUpPolicy, viewerIsAdmin: z.boolean() });
export type TGetSignUpPolicyOutput = z.infer<typeof ZGetSignUpPolicyOutput>;

export const ZSetSignUpPolicyInput = ZSignUpPolicy;
export type TSetSignUpPolicyInput = z.input<typeof ZSetSignUpPolicyInput>;

export const ZSetSignUpPolicyOutput = z.object({ policy: ZSignUpPolicy });
export type TSetSignUpPolicyOutput = z.infer<typeof ZSetSignUpPolicyOutput>;
