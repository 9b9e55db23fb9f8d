"use client";

import { useEffect, useState } from "react";

/** `value` once it has stayed the same for `delayMs` (a slider's resting position rather than every step of a drag). */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
