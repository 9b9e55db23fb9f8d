/**
 * Worker-thread entry of the task pool: runs one task per message and answers with its output, or with
 * the thrown message (core's documented input errors) so the caller can report it as a bad request.
 */
import { parentPort } from "node:worker_threads";
import { runTask, type TaskName } from "./tasks";

export interface TaskRequest {
  id: number;
  name: TaskName;
  input: unknown;
}

export type TaskReply = { id: number; ok: true; output: unknown } | { id: number; ok: false; message: string };

parentPort?.on("message", (request: TaskRequest) => {
  let reply: TaskReply;
  try {
    reply = { id: request.id, ok: true, output: runTask(request.name, request.input as never) };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
