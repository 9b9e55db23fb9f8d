"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { formatScale, formatScore } from "~/lib/format";
import type { SweepData } from "./sweep-view";

type Run = SweepData["runs"][number];

/** The sweep's metric first, then every other metric its runs record. */
export function metricsOf(runs: readonly Run[], metric: string): string[] {
  return [metric, ...new Set(runs.flatMap((r) => Object.keys(r.metrics)).filter((m) => m !== metric))];
}

/**
 * The sweep's runs, sortable by any column (click a header; again to reverse). Excluded runs are struck
 * through, with who excluded them and why on hover. With `onToggle`, each row has a checkbox to select it
 * (for RunActions). A run newly selected elsewhere (a click on the chart) is scrolled into view.
 */
export function RunTable({
  runs,
  axes,
  metric,
  selected,
  onToggle,
}: {
  runs: readonly Run[];
  axes: readonly string[];
  metric: string;
  selected?: ReadonlySet<string>;
  onToggle?: (runKey: string) => void;
}) {
  const metrics = useMemo(() => metricsOf(runs, metric), [runs, metric]);
  const tableRef = useRef<HTMLTableElement>(null);
  const shownSelection = useRef(selected);
  useEffect(() => {
    const added = [...(selected ?? [])].filter((key) => !shownSelection.current?.has(key));
    shownSelection.current = selected;
    const last = added[added.length - 1];
    if (last !== undefined) tableRef.current?.querySelector(`tr[data-run-key="${CSS.escape(last)}"]`)?.scrollIntoView({ block: "center" });
  }, [selected]);
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
      <table data-testid="run-table" ref={tableRef}>
        <thead>
          <tr>
            {onToggle && (
              <th aria-label="select" />
            )}
            {header("runKey", "run key", false)}
            {axes.map((a) => header(`s:${a}`, a))}
            {metrics.map((m) => header(`m:${m}`, m))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((run) => (
            <tr
              key={run.runKey}
              className={run.excluded ? "excluded" : undefined}
              aria-selected={selected?.has(run.runKey) ?? undefined}
              title={run.excluded ? `excluded by ${run.excluded.by} on ${run.excluded.at.toISOString().slice(0, 10)}: ${run.excluded.reason}` : undefined}
              data-testid="run-row"
              data-run-key={run.runKey}
            >
              {onToggle && (
                <td>
                  <input type="checkbox" checked={selected?.has(run.runKey) ?? false} onChange={() => onToggle(run.runKey)} aria-label={`select run ${run.runKey}`} />
                </td>
              )}
              <td>
                <code>{run.runKey}</code>
                {run.excluded && <span className="muted small"> excluded</span>}
              </td>
              {axes.map((a) => (
                <td key={a} className="num">
                  {run.scales[a] === undefined ? "—" : formatScale(run.scales[a])}
                </td>
              ))}
              {metrics.map((m) => (
                <td key={m} className="num">
                  {run.metrics[m] === undefined ? "—" : formatScore(run.metrics[m])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
