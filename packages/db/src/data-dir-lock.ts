import { closeSync, constants, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { DatabaseStartError } from "./errors";

/** fs-native-extensions (prebuilt OS file locks) ships no types: the one function used here. */
const { tryLock } = createRequire(import.meta.url)("fs-native-extensions") as {
  /** Takes an exclusive lock on the open file `fd` without waiting; false when another process holds it. */
  tryLock(fd: number): boolean;
};

/** A lock whose file was removed between our open and our lock is retried; more than this means a busy loop. */
const MAX_ATTEMPTS = 10;

/**
 * A PGlite folder may be opened by one process only. `<dataDir>.lock` carries an OS file lock (an
 * open-file-description fcntl lock on Linux, flock on macOS) that the kernel releases when its process
 * ends, however it ends: kill -9 included, and before a killed process that nobody reaps lingers as a
 * zombie. Taking it is one atomic step, so there is no stale lock to detect or take over, and two starts
 * can never both win. The file also holds the owner's pid, for the message a second instance shows.
 */
export function lockDataDir(dataDir: string): () => void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new DatabaseStartError(`cannot use the data folder ${dataDir}: ${reason(error)}`);
  }
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(lockPath, constants.O_RDWR | constants.O_CREAT, 0o644);
    } catch (error) {
      throw new DatabaseStartError(`the data folder ${dataDir} is not writable: ${reason(error)}`);
    }
    if (!tryLock(fd)) {
      closeSync(fd);
      const owner = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
      const pid = Number.isInteger(owner) && owner > 0 ? ` (pid ${owner})` : "";
      throw new DatabaseStartError(
        `the data folder ${dataDir} is in use by another Scalecast process${pid}; stop it, or set SCALECAST_DATA_DIR to another folder`,
      );
    }
    // The previous owner removes the file as it unlocks: if that happened after our open, we hold a lock on a
    // file the next process will not see. Start again with the file now at the path.
    if (!isFileAt(fd, lockPath)) {
      closeSync(fd);
      continue;
    }
    ftruncateSync(fd);
    writeSync(fd, String(process.pid), 0);
    return () => {
      rmSync(lockPath, { force: true });
      closeSync(fd);
    };
  }
  throw new DatabaseStartError(`could not lock the data folder ${dataDir}`);
}

function isFileAt(fd: number, path: string): boolean {
  try {
    const held = fstatSync(fd);
    const current = statSync(path);
    return held.ino === current.ino && held.dev === current.dev;
  } catch {
    return false;
  }
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? e.message;
}
