import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A second host on this machine: a network namespace joined to this one by a veth pair with 10.x
 * addresses, so a browser inside it reaches the app as a teammate's laptop would (by address, plain
 * http, not localhost). Needs root and `ip`.
 */
export interface TeammateHost {
  /** This machine's address as the teammate reaches it. */
  serverAddress: string;
  /** The teammate's own address (what the server sees as the peer). */
  teammateAddress: string;
  /** An executable that runs Chromium inside the namespace (for playwright-core's executablePath). */
  chromiumPath: string;
  /** Removes the namespace and the veth pair. */
  remove(): void;
}

function ip(...args: string[]): void {
  execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });
}

/** Creates the namespace and veth pair with names and a 10.x /30 unique to this run; `remove()` undoes it. */
export function createTeammateHost(): TeammateHost {
  const id = `${process.pid.toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`.slice(-8);
  const namespace = `sc-mate-${id}`;
  const hostEnd = `scv${id}`;
  const mateEnd = `scm${id}`;
  const subnet = `10.${100 + Math.floor(Math.random() * 100)}.${Math.floor(Math.random() * 256)}`;
  const block = 4 * Math.floor(Math.random() * 63);
  const serverAddress = `${subnet}.${block + 1}`;
  const teammateAddress = `${subnet}.${block + 2}`;
  const remove = () => {
    for (const args of [["link", "del", hostEnd], ["netns", "del", namespace]]) {
      try {
        ip(...args);
      } catch {
        // Already gone (or never made: set-up failed half-way).
      }
    }
  };
  try {
    ip("netns", "add", namespace);
    ip("link", "add", hostEnd, "type", "veth", "peer", "name", mateEnd);
    ip("link", "set", mateEnd, "netns", namespace);
    ip("addr", "add", `${serverAddress}/30`, "dev", hostEnd);
    ip("link", "set", hostEnd, "up");
    ip("-n", namespace, "addr", "add", `${teammateAddress}/30`, "dev", mateEnd);
    ip("-n", namespace, "link", "set", mateEnd, "up");
    ip("-n", namespace, "link", "set", "lo", "up");
  } catch (error) {
    remove();
    throw error;
  }
  const chromiumPath = join(mkdtempSync(join(tmpdir(), "scalecast-mate-")), "chromium");
  writeFileSync(chromiumPath, `#!/bin/sh\nexec ip netns exec ${namespace} ${process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"} "$@"\n`);
  chmodSync(chromiumPath, 0o755);
  return { serverAddress, teammateAddress, chromiumPath, remove };
}
