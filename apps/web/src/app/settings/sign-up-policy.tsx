"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorPanel } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";

type Mode = "open" | "domains" | "invitation";

const DESCRIPTION: Record<Mode, string> = {
  open: "anyone who can reach this server",
  domains: "addresses at the listed domains",
  invitation: "only people a team owner invited",
};

/** Who may create an account: the instance admin changes it; everyone else sees it. */
export function SignUpPolicy() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.instance.signUpPolicy.queryOptions());
  const set = useMutation(trpc.instance.setSignUpPolicy.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.instance.signUpPolicy.pathFilter()) }));
  const [mode, setMode] = useState<Mode | null>(null);
  if (!current.data) return null;
  const { policy, viewerIsAdmin } = current.data;
  const shown = mode ?? policy.mode;
  return (
    <section className="panel" data-testid="sign-up-policy">
      <h2>Sign-up</h2>
      <p className="muted small">
        Who may create an account: {DESCRIPTION[policy.mode]}
        {policy.mode === "domains" ? ` (${policy.domains.join(", ")})` : ""}.
      </p>
      {viewerIsAdmin && (
        <form
          className="form"
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            const domains = String(new FormData(e.currentTarget).get("domains") ?? "")
              .split(/[\s,]+/)
              .filter(Boolean);
            set.mutate(shown === "domains" ? { mode: "domains", domains } : { mode: shown });
          }}
        >
          <label>
            Who may sign up
            <select name="mode" value={shown} onChange={(e) => setMode(e.target.value as Mode)}>
              <option value="invitation">invitation only</option>
              <option value="domains">email domains</option>
              <option value="open">anyone</option>
            </select>
          </label>
          {shown === "domains" && (
            <label>
              Domains
              <input name="domains" placeholder="example.com, lab.example.org" defaultValue={policy.mode === "domains" ? policy.domains.join(", ") : ""} />
            </label>
          )}
          <button className="button" type="submit" disabled={set.isPending}>
            Save
          </button>
          {set.error && <ErrorPanel error={set.error} />}
        </form>
      )}
    </section>
  );
}
