"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { methodologyStyles, styleForIndex, type SeriesStyle } from "~/lib/palette";
import { useTRPC } from "~/trpc/react";

const FALLBACK = styleForIndex(0);

/** A methodology's colour, the same in every view: its position among all methodologies (sorted by id). */
export function useMethodologyStyles(): (methodologyId: string) => SeriesStyle {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.methodology.list.queryOptions(), staleTime: 5 * 60_000 });
  const map = useMemo(() => methodologyStyles((list.data ?? []).map((m) => m.id)), [list.data]);
  return useCallback((id: string) => map.get(id) ?? FALLBACK, [map]);
}
