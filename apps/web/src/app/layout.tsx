import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { AccountMenu } from "~/components/account-menu";
import { AuthGate } from "~/components/auth-gate";
import { Nav } from "~/components/nav";
import { TRPCReactProvider } from "~/trpc/react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Scalecast",
  description: "Fit scaling laws to your sweeps, forecast, compare methodologies and plan compute.",
};

/** better-auth's session cookie (with the __Secure- prefix on https). */
const SESSION_COOKIE = /(^|-)better-auth\.session_token$/;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const hasSessionCookie = (await cookies()).getAll().some((c) => SESSION_COOKIE.test(c.name));
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>
          <header className="topbar">
            <a className="brand" href="/">
              <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden>
                <path d="M3 20 L9 12 L14 14 L21 4" fill="none" stroke="#0072B2" strokeWidth="2.6" strokeLinecap="round" />
                <circle cx="9" cy="12" r="2.2" fill="#E69F00" />
                <circle cx="14" cy="14" r="2.2" fill="#E69F00" />
              </svg>
              Scalecast
            </a>
            <Nav />
            <AccountMenu />
          </header>
          <main className="page">
            <AuthGate hasSessionCookie={hasSessionCookie}>{children}</AuthGate>
          </main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
