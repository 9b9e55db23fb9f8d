"use client";

import { useMemo, useState } from "react";
import { formatExact } from "~/lib/format";
import type { SweepData } from "./sweep-view";

type Run = SweepData["runs"][number];

/** The sweep's metric first, then every other metric its runs record. */
export function metricsOf(runs: readonly Run[], metric: string): string[] {
  return [metric, ...new Set(runs.flatMap((r) => Object.keys(r.metrics)).filter((m) => m !== metric))];
}

/** The sweep's runs, sortable by any column (click a header; again to reverse). */
export function RunTable({ runs, axes, metric }: { runs: readonly Run[]; axes: readonly string[]; metric: string }) {
  const metrics = useMemo(() => metricsOf(runs, metric), [runs, metric]);
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: `s:${axes[0] ?? ""}`, desc: false });
  const value = (run: Run, key: string): number | string =>
    key === "runKey" ? run.runKey : key.startsWith("s:") ? (run.scales[key.slice(2)] ?? Number.NaN) : (run.metrics[key.slice(2)] ?? Number.NaN);
  const sorted = useMemo(() => {
    const out = [...runs].sort((a, b) => {
      const va = value(a, sort.key);
      const vb = value(b, sort.key);
      const c = typeof va === "string" || typeof vb === "string" ? String(va).localeCompare(String(vb), undefined, { numeric: true }) : va - vb;
      return sort.desc ? -c : c;
    });
    return out;
  }, [runs, sort]);
  const header = (key: string, label: string, numeric = true) => (
    <th className={numeric ? "num" : undefined} aria-sort={sort.key === key ? (sort.desc ? "descending" : "ascending") : "none"}>
      <button type="button" className="sort" onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : false })}>
        {label}
        {sort.key === key ? (sort.desc ? " ↓" : " ↑") : ""}
      </button>
    </th>
  );
  return (
    <div className="table-wrap">
      <table data-testid="run-table">
        <thead>
          <tr>
            {header("runKey", "run key", false)}
            {axes.map((a) => header(`s:${a}`, a))}
            {metrics.map((m) => header(`m:${m}`, m))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((run) => (
            <tr key={run.runKey}>
              <td>
                <code>{run.runKey}</code>
              </td>
              {axes.map((a) => (
                <td key={a} className="num">
                  {run.scales[a] === undefined ? "—" : formatExact(run.scales[a])}
                </td>
              ))}
              {metrics.map((m) => (
                <td key={m} className="num">
                  {run.metrics[m] === undefined ? "—" : formatExact(run.metrics[m])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
