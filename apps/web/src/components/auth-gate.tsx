"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { useSession } from "./account-menu";
import { Skeleton } from "./ui/states";

/** Pages need a signed-in user: without one, go to the sign-in page and come back afterwards. */
export function AuthGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const pathname = usePathname();
  const router = useRouter();
  const open = pathname === "/sign-in";
  const signedOut = !session.isPending && !session.data;
  useEffect(() => {
    if (!open && signedOut) router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [open, signedOut, pathname, router]);
  if (open) return <>{children}</>;
  if (session.isPending || signedOut) return <Skeleton lines={4} label="Checking sign-in" />;
  return <>{children}</>;
}
