import { AppError } from "../../errors";
import { TaskError, type TaskPool } from "../../workers/pool";
import type { TaskInput, TaskName, TaskOutput } from "../../workers/tasks";

/** Runs a task in the pool; core's messages about the input become BAD_REQUEST with `prefix`. */
export async function runAnalysisTask<N extends TaskName>(pool: TaskPool, name: N, input: TaskInput<N>, prefix: string): Promise<TaskOutput<N>> {
  try {
    return await pool.run(name, input);
  } catch (error) {
    if (error instanceof TaskError) throw new AppError("BAD_REQUEST", `${prefix}${error.message}`);
    throw error;
  }
}
