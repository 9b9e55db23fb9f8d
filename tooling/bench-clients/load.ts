/**
 * A closed-loop HTTP load generator for the benchmarks: `connections` keep-alive clients, each sending the
 * next GET (with `headers`) as soon as the previous answer is fully read, for `seconds`, in a worker thread (so the clients
 * do not share the server's event loop). Returns every request's latency, for exact percentiles.
 */
import { Worker } from "node:worker_threads";

const WORKER = `
const http = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const { url, connections, seconds, headers } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let failures = 0, bytes = 0;
const deadline = performance.now() + seconds * 1000;
function one() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    http.get(url, { agent, headers }, (res) => {
      let n = 0;
      res.on("data", (c) => { n += c.length; });
      res.on("end", () => { if (res.statusCode === 200 || res.statusCode === 304) latencies.push(performance.now() - t0); else failures++; bytes = n; resolve(); });
      res.on("error", () => { failures++; resolve(); });
    }).on("error", () => { failures++; resolve(); });
  });
}
async function client() { while (performance.now() < deadline) await one(); }
const started = performance.now();
Promise.all(Array.from({ length: connections }, client)).then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies, failures, bytes, elapsedMs: performance.now() - started });
});
`;

export interface LoadResult {
  requests: number;
  failures: number;
  responseBytes: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

export async function runLoad(options: { url: string; connections: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const worker = new Worker(WORKER, { eval: true, workerData: options });
  const out = await new Promise<{ latencies: number[]; failures: number; bytes: number; elapsedMs: number }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  const sorted = out.latencies.sort((a, b) => a - b);
  const q = (p: number) => (sorted.length === 0 ? NaN : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10);
  return {
    requests: sorted.length,
    failures: out.failures,
    responseBytes: out.bytes,
    requestsPerSecond: Math.round((sorted.length / out.elapsedMs) * 1000),
    latencyMs: { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1) },
  };
}
