"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { useSession } from "./account-menu";
import { Skeleton } from "./ui/states";

/** Pages anyone may see. */
const OPEN_PAGES = new Set(["/sign-in", "/api/docs"]);

/**
 * Pages but OPEN_PAGES need a signed-in user: without one, go to the sign-in page and come back afterwards. The server
 * says whether the request carried a session cookie; with one the page renders at once (its reads run in
 * parallel with the session check), without one nothing protected is requested.
 */
export function AuthGate({ children, hasSessionCookie }: { children: ReactNode; hasSessionCookie: boolean }) {
  const session = useSession();
  const pathname = usePathname();
  const router = useRouter();
  const open = OPEN_PAGES.has(pathname);
  const signedOut = !session.isPending && !session.data;
  useEffect(() => {
    if (!open && signedOut) router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [open, signedOut, pathname, router]);
  if (open) return <>{children}</>;
  if (signedOut || (session.isPending && !hasSessionCookie)) return <Skeleton lines={4} label="Checking sign-in" />;
  return <>{children}</>;
}
