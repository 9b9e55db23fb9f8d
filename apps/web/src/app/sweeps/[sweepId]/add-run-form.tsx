"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorPanel, rowIssues } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";
import { useRefreshRuns } from "./use-refresh-runs";

/** A scale or metric field; its path ("scales.N", "metrics.loss") is how the API names it in field errors. */
interface ValueField {
  group: "scales" | "metrics";
  name: string;
  placeholder: string;
  required: boolean;
}

const pathOf = (field: ValueField) => `${field.group}.${field.name}`;

/** The API's field errors of the batch's only run, by field path without the "runs.0." prefix. */
function errorsByField(error: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const issue of rowIssues(error)) {
    const path = issue.path.replace(/^runs\.0\./, "");
    // The API prefixes each message with its field ("scales.N: must be positive"); the label says it already.
    const message = issue.message.startsWith(`${path}: `) ? issue.message.slice(path.length + 2) : issue.message;
    out.set(path, out.has(path) ? `${out.get(path)}; ${message}` : message);
  }
  return out;
}

/** A run key for a run added by hand, unique enough within a sweep: "manual-" + time in base 36. */
function generatedRunKey(): string {
  return `manual-${Date.now().toString(36)}`;
}

/** A typed number, or NaN for text that is not one, so the API's own check names the field. */
function toNumber(text: string): number {
  return Number(text.trim());
}

/**
 * "Add one run" by hand: a field per scale axis of the sweep and per metric (the sweep's metric is required,
 * the others its runs record are optional), an optional run key (generated when left empty) and seed.
 * Sent through run.ingest; the API's per-field errors appear next to their fields, and a run key the sweep
 * already has is reported as such (the API skips duplicates instead of failing).
 */
export function AddRunForm({ sweepId, axes, metrics }: { sweepId: string; axes: readonly string[]; metrics: readonly string[] }) {
  const trpc = useTRPC();
  const refreshRuns = useRefreshRuns(sweepId);
  const fields: ValueField[] = [
    ...axes.map((name) => ({ group: "scales" as const, name, placeholder: "e.g. 1e8", required: true })),
    ...metrics.map((name, i) => ({ group: "metrics" as const, name, placeholder: i === 0 ? "e.g. 2.91" : "", required: i === 0 })),
  ];
  const [values, setValues] = useState<Record<string, string>>({});
  const ingest = useMutation(
    trpc.run.ingest.mutationOptions({
      onSuccess: async (result) => {
        if (result.inserted > 0) setValues({});
        await refreshRuns();
      },
    }),
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const run = { scales: {} as Record<string, number>, metrics: {} as Record<string, number> };
    for (const field of fields) {
      const text = values[pathOf(field)]?.trim() ?? "";
      // Left empty: not sent, and the API names a missing axis or the sweep's metric.
      if (text !== "") run[field.group][field.name] = toNumber(text);
    }
    const seed = values.seed?.trim() ?? "";
    ingest.mutate({
      sweepId,
      runs: [{ runKey: values.runKey?.trim() || generatedRunKey(), ...run, ...(seed === "" ? {} : { seed: toNumber(seed) }) }],
    });
  };

  const errors = errorsByField(ingest.error);
  const duplicate = ingest.data?.duplicateRunKeys[0];
  if (duplicate !== undefined && !errors.has("runKey")) errors.set("runKey", `this sweep already has a run "${duplicate}"; nothing was added`);
  const shown = new Set([...fields.map(pathOf), "runKey", "seed"]);
  const otherErrors = [...errors].filter(([path]) => !shown.has(path));
  const input = (path: string, label: string, placeholder: string, required = false) => (
    <label key={path} className={errors.has(path) ? "field invalid" : "field"}>
      <span>
        {label}
        {!required && <span className="muted small"> (optional)</span>}
      </span>
      <input
        name={path}
        inputMode={path === "runKey" ? undefined : "decimal"}
        autoComplete="off"
        value={values[path] ?? ""}
        placeholder={placeholder}
        aria-invalid={errors.has(path)}
        aria-describedby={errors.has(path) ? `add-run-error-${path}` : undefined}
        onChange={(e) => setValues({ ...values, [path]: e.target.value })}
        data-testid={`add-run-${path}`}
      />
      {errors.has(path) && (
        <span className="form-error small" id={`add-run-error-${path}`} data-testid="add-run-field-error">
          {errors.get(path)}
        </span>
      )}
    </label>
  );

  return (
    <form className="panel form" onSubmit={submit} data-testid="add-run" noValidate>
      <h2>Add one run</h2>
      <div className="field-grid">{fields.map((f) => input(pathOf(f), f.name, f.placeholder, f.required))}</div>
      <div className="field-grid">
        {input("runKey", "Run key", "generated when empty")}
        {input("seed", "Seed", "e.g. 0")}
      </div>
      <button type="submit" className="button" disabled={ingest.isPending} data-testid="add-run-submit">
        {ingest.isPending ? "Adding…" : "Add run"}
      </button>
      {ingest.data && ingest.data.inserted > 0 && (
        <p className="notice" data-testid="add-run-result">
          Run <code>{ingest.data.insertedRunKeys[0]}</code> added. The fit is recomputed for the new data.
        </p>
      )}
      {otherErrors.length > 0 && (
        <ul className="form-error small" role="alert">
          {otherErrors.map(([path, message]) => (
            <li key={path}>
              <code>{path}</code>: {message}
            </li>
          ))}
        </ul>
      )}
      {ingest.error && errors.size === 0 && <ErrorPanel error={ingest.error} />}
    </form>
  );
}
