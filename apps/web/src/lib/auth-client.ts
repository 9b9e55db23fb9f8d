/**
 * The browser side of sign-in: better-auth's email + password endpoints under /api/auth, called with
 * fetch (same origin, the session cookie is set by the server).
 */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(`/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  if (!response.ok) {
    const data = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(data?.message || `sign-in service answered ${response.status}`);
  }
}

export function signIn(email: string, password: string): Promise<void> {
  return post("/sign-in/email", { email, password });
}

/** `invitation`: an owner's invitation code (the sign-in page's ?invitation=), accepted whatever the sign-up policy. */
export function signUp(name: string, email: string, password: string, invitation?: string): Promise<void> {
  return post("/sign-up/email", { name, email, password, ...(invitation ? { invitation } : {}) });
}

export function signOut(): Promise<void> {
  return post("/sign-out", {});
}

/** The signed-in user, or null. */
export async function getSession(): Promise<SessionUser | null> {
  const response = await fetch("/api/auth/get-session", { credentials: "same-origin" });
  if (!response.ok) return null;
  const data = (await response.json().catch(() => null)) as { user?: SessionUser } | null;
  return data?.user ?? null;
}
