/**
 * `@scalecast/api/ingest`: the parts of ingest that need no database (file parsing and the row checks),
 * for clients such as the CLI that check a file completely before sending any of it.
 */
export { IMPORT_FORMATS, parseRunFile, type ParsedFile, type TImportFormat } from "./services/import/parse-run-file";
export { checkRuns } from "./services/run/ingest-runs";
export { MAX_RUNS_PER_BATCH, type TIngestResult, type TRunInput } from "./services/run/run-schemas";
export { describeIssues } from "./validation";
export type { FieldIssue } from "./errors";
