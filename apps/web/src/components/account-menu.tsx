"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { getSession, signOut } from "~/lib/auth-client";
import styles from "./account-menu.module.css";

export const SESSION_KEY = ["session"] as const;

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: getSession, staleTime: 60_000 });
}

export function AccountMenu() {
  const session = useSession();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  if (session.isPending) return <span className="account" />;
  if (!session.data) {
    if (pathname === "/sign-in") return <span className="account" />;
    return (
      <a className="account button secondary" href={`/sign-in?next=${encodeURIComponent(pathname)}`}>
        Sign in
      </a>
    );
  }
  return (
    <span className="account" data-testid="account" title={`Signed in as ${session.data.name || session.data.email}`}>
      <span className={`account-name ${styles.name}`}>{session.data.name || session.data.email}</span>
      <button
        type="button"
        className="button secondary small"
        onClick={async () => {
          await signOut();
          queryClient.clear();
          router.push("/sign-in");
        }}
      >
        Sign out
      </button>
    </span>
  );
}
