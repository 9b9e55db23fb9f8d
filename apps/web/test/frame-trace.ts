/**
 * Main-thread CPU per frame from a Chromium performance trace (categories in TRACE_CATEGORIES): the thread
 * time of the renderer main thread's tasks between consecutive main-thread frame starts. Thread time, not
 * wall time, so other processes competing for the CPU do not inflate it: it is what each frame costs.
 */
export const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "disabled-by-default-devtools.timeline.frame", "toplevel"];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface FrameCost {
  frames: number;
  mean: number;
  p95: number;
  max: number;
  /** The largest kinds of work over the whole window (ms of thread time), e.g. "Paint 120". */
  largest: string;
}

const TASK = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);

export function mainThreadCostPerFrame(trace: string): FrameCost {
  const parsed = JSON.parse(trace) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  if (!main) throw new Error("the trace has no renderer main thread");
  const own = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
  const tasks = own.filter((e) => e.ph === "X" && TASK.has(e.name)).sort((a, b) => a.ts - b.ts);
  const frameStarts = own.filter((e) => e.name === "BeginMainThreadFrame").map((e) => e.ts).sort((a, b) => a - b);
  const perFrame: number[] = [];
  let k = 0;
  for (let i = 0; i + 1 < frameStarts.length; i++) {
    let sum = 0;
    for (; k < tasks.length && tasks[k]!.ts < frameStarts[i + 1]!; k++) if (tasks[k]!.ts >= frameStarts[i]!) sum += cpu(tasks[k]!);
    perFrame.push(sum);
  }
  const byKind = new Map<string, number>();
  for (const e of own) if (e.ph === "X" && !TASK.has(e.name)) byKind.set(e.name, (byKind.get(e.name) ?? 0) + cpu(e));
  const sorted = [...perFrame].sort((a, b) => a - b);
  return {
    frames: perFrame.length,
    mean: perFrame.reduce((a, b) => a + b, 0) / Math.max(1, perFrame.length),
    p95: sorted[Math.floor(0.95 * (sorted.length - 1))] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    largest: [...byKind]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
      .join(", "),
  };
}
