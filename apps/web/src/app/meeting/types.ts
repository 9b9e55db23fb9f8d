import type { RouterOutputs } from "@scalecast/api";
import type { RecommendationAction } from "@scalecast/core";
import { formatRecommendation } from "~/lib/format";

export type Snapshot = RouterOutputs["snapshot"]["get"];
export type SnapshotHeader = RouterOutputs["snapshot"]["list"][number];
export type Entry = Snapshot["content"]["entries"][number];
export type EntryDiff = RouterOutputs["snapshot"]["diff"]["changes"][number];
export type Decision = RouterOutputs["decision"]["list"][number];
export type Fit = RouterOutputs["fit"]["get"];

/** A recommendation as the API stores it (core's action, typed as text) in the one spelling of format.ts. */
export function recommendationWords(action: string | null | undefined): string {
  return formatRecommendation(action as RecommendationAction | null | undefined);
}
