/**
 * The ingest benchmark's client: POSTs prepared JSON bodies to an URL from a worker thread, `inFlight`
 * requests at a time, as a training script would from its own process (so the client's JSON and HTTP work
 * does not share the server's event loop). Returns the wall time and the inserted/duplicate totals.
 */
import { Worker } from "node:worker_threads";

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, authorization, bodies, inFlight } = workerData;
let next = 0, inserted = 0, duplicates = 0;
async function client() {
  for (let i = next++; i < bodies.length; i = next++) {
    const response = await fetch(url, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: bodies[i] });
    if (!response.ok) throw new Error("HTTP " + response.status + ": " + (await response.text()).slice(0, 300));
    const result = await response.json();
    inserted += result.inserted;
    duplicates += result.duplicates;
  }
}
const started = performance.now();
Promise.all(Array.from({ length: inFlight }, client)).then(
  () => parentPort.postMessage({ elapsedMs: performance.now() - started, inserted, duplicates }),
  (error) => parentPort.postMessage({ error: String(error) }),
);
`;

export interface PostResult {
  elapsedMs: number;
  inserted: number;
  duplicates: number;
}

export async function postBatches(options: { url: string; authorization: string; bodies: string[]; inFlight: number }): Promise<PostResult> {
  const worker = new Worker(WORKER, { eval: true, workerData: options });
  const out = await new Promise<PostResult & { error?: string }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  if (out.error) throw new Error(`ingest client: ${out.error}`);
  return out;
}
