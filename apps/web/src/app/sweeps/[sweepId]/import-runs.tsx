"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type ChangeEvent } from "react";
import { ErrorPanel, rowIssues } from "~/components/ui/states";
import type { TImportFormat } from "@scalecast/api/ingest";
import { useTRPC } from "~/trpc/react";
import { useRefreshRuns } from "./use-refresh-runs";

type Format = TImportFormat;
type Stage = "idle" | "reading" | "sending" | "done";

/**
 * "Add runs / import file": a CSV, JSON, JSONL, MLflow runs table or W&B export (recognised by the server
 * from the content unless a format is chosen), all or nothing, with per-row errors.
 */
export function ImportRuns({ sweepId, axes, metric }: { sweepId: string; axes: readonly string[]; metric: string }) {
  const trpc = useTRPC();
  const refreshRuns = useRefreshRuns(sweepId);
  const [format, setFormat] = useState<Format>("auto");
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>("idle");
  const [readProgress, setReadProgress] = useState(0);
  const importRuns = useMutation(
    trpc.run.import.mutationOptions({
      onSuccess: async () => {
        setStage("done");
        await refreshRuns();
      },
      onError: () => setStage("idle"),
    }),
  );

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    const reader = new FileReader();
    setStage("reading");
    reader.onprogress = (e) => e.lengthComputable && setReadProgress(e.loaded / e.total);
    reader.onload = () => {
      setContent(String(reader.result ?? ""));
      setReadProgress(1);
      setStage("idle");
    };
    reader.readAsText(file);
  };

  const rows = estimatedRows(format, content);
  const issues = rowIssues(importRuns.error);
  const progress = stage === "reading" ? readProgress * 0.3 : stage === "sending" || importRuns.isPending ? 0.6 : stage === "done" ? 1 : 0;
  const example = `run_key,${axes.join(",")},${metric}\nmy-run-1,${axes.map(() => "1e8").join(",")},2.91`;

  return (
    <section className="panel form" data-testid="import-runs">
      <h2>Add runs / import file</h2>
      <p className="muted small" style={{ margin: 0 }}>
        Columns: a run key, the scale axes ({axes.join(", ")}) and metrics ({metric}…). Runs already in the sweep (same key) are skipped; a bad row
        rejects the whole file.
      </p>
      <label>
        File
        <input type="file" accept=".csv,.json,.jsonl,.ndjson,text/csv,application/json" onChange={onFile} data-testid="import-file" />
      </label>
      <label>
        Format
        <select value={format} onChange={(e) => setFormat(e.target.value as Format)} data-testid="import-format">
          <option value="auto">Recognise from the content</option>
          <option value="csv">CSV</option>
          <option value="mlflow">MLflow runs table (CSV)</option>
          <option value="wandb">W&amp;B runs export (CSV)</option>
          <option value="json">JSON</option>
          <option value="jsonl">JSONL</option>
        </select>
      </label>
      <label>
        {fileName ? `Contents of ${fileName}` : "Or paste"}
        <textarea value={content} onChange={(e) => setContent(e.target.value)} placeholder={example} data-testid="import-content" />
      </label>
      {progress > 0 && (
        <div className="progress" aria-label="import progress" role="progressbar" aria-valuenow={Math.round(progress * 100)}>
          <div style={{ width: `${progress * 100}%` }} />
        </div>
      )}
      <button
        type="button"
        className="button"
        disabled={content.trim() === "" || importRuns.isPending || stage === "reading"}
        onClick={() => {
          setStage("sending");
          importRuns.mutate({ sweepId, format, content });
        }}
        data-testid="import-submit"
      >
        {importRuns.isPending ? "Importing…" : rows ? `Import ${rows} row${rows === 1 ? "" : "s"}` : "Import"}
      </button>
      {importRuns.data && stage === "done" && (
        <p className="notice" data-testid="import-result">
          {importRuns.data.inserted} run{importRuns.data.inserted === 1 ? "" : "s"} added, {importRuns.data.duplicates} already present
          {importRuns.data.skipped.length > 0 ? `, ${importRuns.data.skipped.length} skipped` : ""}. The fit is recomputed for the new data.
        </p>
      )}
      {importRuns.error && issues.length === 0 && <ErrorPanel error={importRuns.error} />}
      {issues.length > 0 && (
        <div className="error-panel" role="alert" data-testid="import-errors">
          <strong>{importRuns.error?.message}</strong>
          <table>
            <thead>
              <tr>
                <th>Row</th>
                <th>Field</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {issues.slice(0, 50).map((issue, i) => (
                <tr key={i} className="error-row">
                  <td>{issue.row ?? "—"}</td>
                  <td>
                    <code>{issue.path}</code>
                  </td>
                  <td>{issue.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {issues.length > 50 && <p>…and {issues.length - 50} more.</p>}
        </div>
      )}
    </section>
  );
}

/** Rows the button promises: lines of a table (less its header) or of JSONL; null when not countable (JSON). */
function estimatedRows(format: Format, content: string): number | null {
  const text = content.trim();
  if (text === "") return 0;
  const lines = text.split(/\r?\n/).length;
  if (format === "jsonl") return lines;
  if (format === "json" || (format === "auto" && (text.startsWith("[") || text.startsWith("{")))) return null;
  return lines - 1;
}
