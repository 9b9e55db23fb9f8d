import type { RouterOutputs } from "@scalecast/api";

export type Snapshot = RouterOutputs["snapshot"]["get"];
export type SnapshotHeader = RouterOutputs["snapshot"]["list"][number];
export type Entry = Snapshot["content"]["entries"][number];
export type EntryDiff = RouterOutputs["snapshot"]["diff"]["changes"][number];
export type Decision = RouterOutputs["decision"]["list"][number];
export type Fit = RouterOutputs["fit"]["get"];
