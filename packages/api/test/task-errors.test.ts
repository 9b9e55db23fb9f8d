/**
 * The task pool tells bad data from bugs: core's InputError becomes TaskError with its kind and message (the
 * services answer 400 with it), anything else stays a plain Error (500, logged).
 */
import { afterAll, describe, expect, it } from "vitest";
import { createTaskPool, TaskError } from "../src/workers/pool";
import type { FitTaskInput } from "../src/workers/tasks";

const fitInput = (rows: unknown): FitTaskInput =>
  ({ model: "power-law", rows, runKeys: ["a"], direction: "lower", fitOptions: {}, bootstrap: 0, seed: 0, targetScale: null }) as FitTaskInput;

describe.each([
  ["in-process", 0],
  ["workers", 1],
] as const)("task pool (%s)", (_mode, size) => {
  const pool = createTaskPool({ size });
  afterAll(() => pool.close());

  it("rejects a fit with too few points with TaskError carrying core's kind and message", async () => {
    const failure = await pool.run("fit", fitInput([{ x: 1e9, y: 3 }])).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TaskError);
    expect(failure).toMatchObject({ code: "too-few-points", message: "power-law fit needs at least 2 points, got 1" });
  });

  it("rejects a bug (rows that are not a list) with a plain Error, not TaskError", async () => {
    const failure = await pool.run("fit", fitInput(null)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(TaskError);
  });
});
