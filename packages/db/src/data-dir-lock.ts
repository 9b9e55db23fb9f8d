import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { DatabaseStartError } from "./errors";

/**
 * A PGlite folder may be opened by one process only. This lock file (`<dataDir>.lock`, holding the
 * owner's pid) makes a second instance stop with a clear message instead of corrupting the folder.
 * A lock left by a process that no longer runs is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new DatabaseStartError(`cannot use the data folder ${dataDir}: ${reason(error)}`);
  }
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, "wx");
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new DatabaseStartError(`the data folder ${dataDir} is not writable: ${reason(error)}`);
      }
      const owner = Number(readFileSync(lockPath, "utf8"));
      if (owner !== process.pid && isRunning(owner)) {
        throw new DatabaseStartError(
          `the data folder ${dataDir} is in use by another Scalecast process (pid ${owner}); stop it, or set SCALECAST_DATA_DIR to another folder`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseStartError(`could not lock the data folder ${dataDir}`);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? e.message;
}
