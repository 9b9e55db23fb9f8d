/**
 * Worker-thread entry of the task pool: runs one task per message and answers with its output, or with
 * the failure: core's InputError message (the caller reports it as a bad request), else the error's stack.
 */
import { parentPort } from "node:worker_threads";
import { InputError, type InputErrorCode } from "@scalecast/core";
import { runTask, type TaskName } from "./tasks";

export interface TaskRequest {
  id: number;
  name: TaskName;
  input: unknown;
}

/** A failure carries core's InputError kind (the caller's data), or null for anything else (a bug). */
export type TaskReply = { id: number; ok: true; output: unknown } | { id: number; ok: false; message: string; code: InputErrorCode | null };

parentPort?.on("message", (request: TaskRequest) => {
  let reply: TaskReply;
  try {
    reply = { id: request.id, ok: true, output: runTask(request.name, request.input as never) };
  } catch (error) {
    const code = error instanceof InputError ? error.code : null;
    const message = error instanceof Error ? (code ? error.message : (error.stack ?? error.message)) : String(error);
    reply = { id: request.id, ok: false, message, code };
  }
  parentPort?.postMessage(reply);
});
