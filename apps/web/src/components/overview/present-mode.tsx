import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect } from "react";

/**
 * Present mode for the meeting room, kept in the URL (?present=1&team=slug) so a reload stays on the same
 * team: one team per screen, ←/→ move between teams, Escape leaves.
 */
export function usePresentMode(teamSlugs: readonly string[]) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const presenting = params.get("present") === "1";
  const requested = params.get("team");
  const index = Math.max(0, requested === null ? 0 : teamSlugs.indexOf(requested));
  const show = useCallback((slug: string | null) => router.replace(slug === null ? pathname : `${pathname}?present=1&team=${encodeURIComponent(slug)}`, { scroll: false }), [router, pathname]);
  const step = useCallback(
    (by: number) => {
      if (teamSlugs.length === 0) return;
      // From the address bar, not the last render: a key pressed right after a move must step from the new team.
      const at = Math.max(0, teamSlugs.indexOf(new URLSearchParams(window.location.search).get("team") ?? ""));
      show(teamSlugs[(at + by + teamSlugs.length) % teamSlugs.length]!);
    },
    [show, teamSlugs],
  );
  useEffect(() => {
    if (!presenting) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "ArrowRight") step(1);
      else if (event.key === "ArrowLeft") step(-1);
      else if (event.key === "Escape") show(null);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [presenting, step, show]);
  return {
    presenting,
    index,
    start: () => show(teamSlugs[0] ?? null),
    next: () => step(1),
    previous: () => step(-1),
    exit: () => show(null),
  };
}
