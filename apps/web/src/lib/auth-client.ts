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

/** Shown when the server accepted the password but the browser did not keep the session cookie. */
export const SESSION_NOT_KEPT =
  "Your password was accepted, but this browser did not keep the session cookie, so you are still signed out. " +
  "Allow cookies for this site; if the dashboard sits behind a proxy, the server may be marking cookies Secure " +
  "while you use plain http: open it over https, or ask whoever runs it to check SCALECAST_TRUSTED_PROXIES and BETTER_AUTH_URL.";

/** After sign-in or sign-up: the session check must see the new session, or the cookie was refused. */
async function requireKeptSession(): Promise<void> {
  if (!(await getSession())) throw new Error(SESSION_NOT_KEPT);
}

export async function signIn(email: string, password: string): Promise<void> {
  await post("/sign-in/email", { email, password });
  await requireKeptSession();
}

/** `invitation`: an owner's invitation code (the sign-in page's ?invitation=), accepted whatever the sign-up policy. */
export async function signUp(name: string, email: string, password: string, invitation?: string): Promise<void> {
  await post("/sign-up/email", { name, email, password, ...(invitation ? { invitation } : {}) });
  await requireKeptSession();
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
