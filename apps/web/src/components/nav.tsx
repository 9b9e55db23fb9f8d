"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import styles from "./nav.module.css";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/compare", label: "Compare" },
  { href: "/plan", label: "Plan" },
  { href: "/meeting", label: "Meeting" },
  { href: "/settings", label: "Settings" },
] as const;

/** The main sections: a row of links, collapsed into a Menu button below 700 px (nav.module.css). */
export function Nav() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const active = (href: string) => (href === "/" ? pathname === "/" || pathname.startsWith("/sweeps") : pathname.startsWith(href));
  // The menu closes on Escape; following a link closes it (the click below).
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <div className={styles.wrap}>
      <button type="button" className={`button secondary small ${styles.toggle}`} aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)} data-testid="nav-toggle">
        {open ? "Close menu" : "Menu"}
      </button>
      <nav id="main-nav" className={`nav ${styles.links} ${open ? styles.open : ""}`} aria-label="Main">
        {LINKS.map((link) => (
          <Link
            key={link.href}
            href={link.href}
            className={active(link.href) ? "nav-link active" : "nav-link"}
            aria-current={active(link.href) ? "page" : undefined}
            onClick={() => setOpen(false)}
          >
            {link.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
