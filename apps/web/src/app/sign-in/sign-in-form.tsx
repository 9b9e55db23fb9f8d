"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signIn, signUp } from "~/lib/auth-client";

export function SignInForm() {
  const params = useSearchParams();
  const invitation = params.get("invitation") ?? undefined;
  const [mode, setMode] = useState<"sign-in" | "sign-up">(invitation ? "sign-up" : "sign-in");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const queryClient = useQueryClient();
  const next = params.get("next");
  const target = next && next.startsWith("/") && !next.startsWith("//") && next !== "/sign-in" ? next : "/";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "").trim();
    if (!email) return setError("Enter your email address.");
    if (!password) return setError("Enter your password.");
    if (mode === "sign-up" && !name) return setError("Enter your name.");
    setBusy(true);
    setError(null);
    try {
      if (mode === "sign-in") await signIn(email, password);
      else await signUp(name, email, password, invitation);
      await queryClient.invalidateQueries();
      router.push(target);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="sign-in-form">
      <h1>{mode === "sign-in" ? "Sign in" : "Create an account"}</h1>
      <p className="lede">Everyone signed in can read every team; only a team&apos;s members can change it.</p>
      {invitation && mode === "sign-up" && (
        <p className="muted" data-testid="invitation-note">
          You were invited to a team: create your account with the email address the invitation was sent to.
        </p>
      )}
      {mode === "sign-up" && (
        <label>
          Name
          <input name="name" autoComplete="name" />
        </label>
      )}
      <label>
        Email
        <input name="email" type="email" autoComplete="email" />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete={mode === "sign-in" ? "current-password" : "new-password"} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button className="button" type="submit" disabled={busy}>
        {busy ? "Please wait…" : mode === "sign-in" ? "Sign in" : "Create account"}
      </button>
      <button type="button" className="linklike" onClick={() => (setMode(mode === "sign-in" ? "sign-up" : "sign-in"), setError(null))}>
        {mode === "sign-in" ? "No account yet? Create one" : "Have an account? Sign in"}
      </button>
    </form>
  );
}
