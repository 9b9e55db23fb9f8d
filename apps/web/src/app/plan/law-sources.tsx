"use client";

import type { RouterOutputs } from "@scalecast/api";
import {
  PUBLISHED_DATA_CONSTRAINED_LAWS,
  PUBLISHED_DATA_CONSTRAINED_LAW_NAMES,
  PUBLISHED_LAWS,
  PUBLISHED_LAW_NAMES,
  type ChinchillaLaw,
  type DataConstrainedParams,
  type FittedRange,
  type PublishedDataConstrainedLawName,
  type PublishedLawName,
} from "@scalecast/core";
import { fitStatusText } from "~/components/fit-status";

export type PlannableFit = RouterOutputs["fit"]["plannable"][number];

/** Every published law a plan can use: the Chinchilla-form ones and the data-constrained ones (their base law without a cap). */
export type PresetName = PublishedLawName | PublishedDataConstrainedLawName;
const PRESET_NAMES: readonly PresetName[] = [...PUBLISHED_LAW_NAMES, ...PUBLISHED_DATA_CONSTRAINED_LAW_NAMES];

export interface Preset {
  source: string;
  law: ChinchillaLaw;
  /** The full law, for a data-constrained preset (what a unique-token cap needs). */
  dataConstrained?: DataConstrainedParams;
  fittedRange?: FittedRange;
}

export function presetOf(name: PresetName): Preset {
  if (name in PUBLISHED_DATA_CONSTRAINED_LAWS) {
    const p = PUBLISHED_DATA_CONSTRAINED_LAWS[name as PublishedDataConstrainedLawName];
    return { source: p.source, law: p.params, dataConstrained: p.params, fittedRange: p.fittedRange };
  }
  const p = PUBLISHED_LAWS[name as PublishedLawName];
  return { source: p.source, law: p.params };
}

/** Where a plan's law comes from: a published preset (known here) or a team's stored fit (read through `analysis.plan`). */
export type LawSource = { kind: "published"; name: PresetName } | { kind: "fit"; fitId: string };

export const DEFAULT_SOURCE: LawSource = { kind: "published", name: "hoffmann-2022" };

/** The source a plan link names (`?fit=<id>` or `?law=<preset>`); the default for none or an unknown preset. */
export function sourceFromSearch(params: { get(name: string): string | null }): LawSource {
  const fitId = params.get("fit");
  if (fitId) return { kind: "fit", fitId };
  const name = params.get("law");
  return PRESET_NAMES.find((n) => n === name) ? { kind: "published", name: name as PresetName } : DEFAULT_SOURCE;
}

/** The query parameters that name `source` in a shareable link (replaceSearchParams: null removes one). */
export function sourceParams(source: LawSource): { fit: string | null; law: string | null } {
  return source.kind === "fit" ? { fit: source.fitId, law: null } : { fit: null, law: source.name };
}

/** "team · methodology · sweep (model)": how a fit is named wherever a plan shows it. */
export function fitLabel(fit: PlannableFit): string {
  return `${fit.team.name} · ${fit.methodology.name} · ${fit.sweep.name} (${fit.model})`;
}

/** One string per source ("fit:<id>", "published:<name>"): the picker's option value, and what a what-if belongs to. */
export const sourceKey = (source: LawSource) => (source.kind === "fit" ? `fit:${source.fitId}` : `published:${source.name}`);
const sourceOfOption = (value: string): LawSource =>
  value.startsWith("fit:") ? { kind: "fit", fitId: value.slice("fit:".length) } : { kind: "published", name: value.slice("published:".length) as PresetName };

/**
 * Picks the law to plan with: a published preset, or any team's Chinchilla-form fit (`fits`, undefined while
 * they load). A fit the link names but the list does not (an older fit of a sweep) is offered as `unlistedLabel`.
 */
export function LawSources({
  value,
  fits,
  unlistedLabel,
  onChange,
}: {
  value: LawSource;
  fits: readonly PlannableFit[] | undefined;
  unlistedLabel: string;
  onChange: (source: LawSource) => void;
}) {
  const unlisted = value.kind === "fit" && !fits?.some((f) => f.fitId === value.fitId);
  return (
    <label>
      Law
      <select value={sourceKey(value)} onChange={(e) => onChange(sourceOfOption(e.target.value))} data-testid="law-source" style={{ width: "100%" }}>
        <optgroup label="Published laws">
          {PRESET_NAMES.map((name) => (
            <option key={name} value={sourceKey({ kind: "published", name })}>
              {presetOf(name).source}
            </option>
          ))}
        </optgroup>
        <optgroup label="Team fits (Chinchilla form)">
          {unlisted && <option value={sourceKey(value)}>{unlistedLabel}</option>}
          {fits === undefined ? (
            <option disabled>Loading team fits…</option>
          ) : fits.length === 0 ? (
            <option disabled>No sweep with N and D axes has a Chinchilla-form fit yet</option>
          ) : (
            fits.map((fit) =>
              fit.fitId === null ? (
                <option key={`${fit.sweep.id}:${fit.model}`} disabled title={fit.fitStatus.reason ?? undefined}>
                  {fitLabel(fit)}: {fitStatusText(fit.fitStatus)}
                </option>
              ) : (
                <option key={fit.fitId} value={sourceKey({ kind: "fit", fitId: fit.fitId })} title={fit.fitStatus.reason ?? undefined}>
                  {fitLabel(fit)}
                  {fit.fitStatus.state === "current" ? "" : ` (${fitStatusText(fit.fitStatus)})`}
                </option>
              ),
            )
          )}
        </optgroup>
      </select>
    </label>
  );
}
