"use client";

import type { RouterOutputs } from "@scalecast/api";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";

type Sweep = RouterOutputs["sweep"]["list"][number];

/** An example value per scale axis (any positive number is accepted; these read as plausible sizes). */
const EXAMPLE_SCALE: Record<string, string> = { N: "1e8", D: "1e9", U: "1e9", C: "1e18" };

/** The run body a snippet posts: the sweep's own methodology, name, axes and metric, or placeholders without a sweep. */
function runBody(sweep: Sweep | undefined): string {
  if (!sweep) return `{"methodology": "<methodology name>", "sweep": "<sweep name>",\n       "runKey": "run-42", "scales": {"D": 1e9}, "metrics": {"loss": 2.91}}`;
  const scales = sweep.axes.map((axis) => `${JSON.stringify(axis)}: ${EXAMPLE_SCALE[axis] ?? "1e9"}`).join(", ");
  const metric = `${JSON.stringify(sweep.metric)}: ${sweep.direction === "lower" ? "2.91" : "0.62"}`;
  return `{"methodology": ${JSON.stringify(sweep.methodology.name)}, "sweep": ${JSON.stringify(sweep.name)},\n       "runKey": "run-42", "scales": {${scales}}, "metrics": {${metric}}}`;
}

/** Quotes `text` for a POSIX shell's single quotes. */
const shellQuoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * curl and Python snippets that log a run into one of the team's sweeps with an API token, naming that
 * sweep's methodology, axes and metric (the first sweep unless another is picked).
 */
export function IngestSnippets({ teamId, token }: { teamId: string; token: string }) {
  const trpc = useTRPC();
  const sweeps = useQuery(trpc.sweep.list.queryOptions({ teamId }));
  const [sweepId, setSweepId] = useState<string | null>(null);
  const list = sweeps.data ?? [];
  const sweep = list.find((s) => s.id === sweepId) ?? list[0];
  const origin = typeof window === "undefined" ? "http://localhost:3000" : window.location.origin;
  const body = runBody(sweep);
  return (
    <>
      <h3 style={{ marginTop: 18 }}>Log runs from a training script</h3>
      {list.length > 0 && (
        <label className="inline-label small">
          Into sweep{" "}
          <select value={sweep?.id} onChange={(e) => setSweepId(e.target.value)} data-testid="snippet-sweep" style={{ maxWidth: "100%" }}>
            {list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.methodology.name}: {s.name} ({s.metric})
              </option>
            ))}
          </select>
        </label>
      )}
      <pre className="snippet" data-testid="curl-snippet">{`curl -X POST ${origin}/api/v1/runs \\
  -H "Authorization: Bearer ${token}" \\
  -H "Content-Type: application/json" \\
  -d ${shellQuoted(body)}`}</pre>
      <pre className="snippet" data-testid="python-snippet">{`import requests

requests.post(
    "${origin}/api/v1/runs",
    headers={"Authorization": "Bearer ${token}"},
    json=${body.replace("\n       ", "\n         ")},
    timeout=30,
).raise_for_status()`}</pre>
    </>
  );
}
