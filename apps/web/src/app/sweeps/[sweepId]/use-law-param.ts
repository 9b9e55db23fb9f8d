"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { replaceSearchParams } from "~/lib/search-params";

/**
 * The law picked on a Sweep page, kept in the link (`?law=<model>`) so a shared link shows the same law;
 * null (no `law`, or one of `models` it does not name) is the sweep's default law.
 */
export function useLawParam(models: readonly string[]): [string | null, (model: string | null) => void] {
  const params = useSearchParams();
  const [picked, setPicked] = useState<string | null>(() => {
    const law = params.get("law");
    return law !== null && models.includes(law) ? law : null;
  });
  const pick = useCallback((model: string | null) => {
    setPicked(model);
    replaceSearchParams({ law: model });
  }, []);
  return [picked, pick];
}
