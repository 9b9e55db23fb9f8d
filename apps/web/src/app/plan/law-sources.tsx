"use client";

import { PUBLISHED_LAWS, PUBLISHED_LAW_NAMES, type ChinchillaLaw } from "@scalecast/core";

export interface LawSource {
  id: string;
  label: string;
  law: ChinchillaLaw;
}

/** Picks the law to plan with: a published preset (and, once fits are stored, a team's Chinchilla fit). */
export function LawSources({ value, onChange }: { value: LawSource; onChange: (source: LawSource) => void }) {
  const sources: LawSource[] = PUBLISHED_LAW_NAMES.map((name) => ({ id: `published:${name}`, label: PUBLISHED_LAWS[name].source, law: PUBLISHED_LAWS[name].params }));
  return (
    <label>
      Law
      <select value={value.id} onChange={(e) => onChange(sources.find((s) => s.id === e.target.value) ?? value)} data-testid="law-source">
        {sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
    </label>
  );
}
