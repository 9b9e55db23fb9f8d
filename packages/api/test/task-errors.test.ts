/**
 * The task pool tells bad data from bugs: core's InputError becomes TaskError (the services answer 400 with
 * its message), anything else stays a plain Error (500, logged). TaskError is recognised across the two
 * copies of this package the server loads (the class identity differs; its registered symbol does not).
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

  it("rejects a fit with too few points with TaskError carrying core's message", async () => {
    const failure = await pool.run("fit", fitInput([{ x: 1e9, y: 3 }])).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TaskError);
    expect((failure as Error).message).toBe("power-law fit needs at least 2 points, got 1");
  });

  it("rejects a bug (rows that are not a list) with a plain Error, not TaskError", async () => {
    const failure = await pool.run("fit", fitInput(null)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(TaskError);
  });
});

it("TaskError matches a TaskError made by another copy of the module (same registered symbol)", () => {
  const fromOtherCopy = Object.assign(new Error("power-law fit needs at least 2 points, got 1"), { [Symbol.for("scalecast.TaskError")]: true });
  expect(fromOtherCopy).toBeInstanceOf(TaskError);
  expect(new Error("x")).not.toBeInstanceOf(TaskError);
});
