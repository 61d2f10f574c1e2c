// Temporary files a killed process left behind. A file is written under a temporary name
// (.NAME.tmp-PID-HEX, atomicWrite.ts) and renamed when complete; SIGKILL, a crash of the machine or
// an out-of-memory kill leaves the temporary file — 46 MB for the rows of 1.5·10⁶ replications —
// and nothing else would ever remove it. Whoever writes into a directory next removes those no
// live process can still be writing: made by a process that is gone, or made under this process's
// own id but not by it (a container restarted with the same pid). One on another machine sharing
// the directory (NFS) whose pid happens to be dead here would be removed too: two drsim processes
// writing into one directory at once replace each other's results anyway.
import { readdirSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { notice } from "./notices.js";

const TEMP_NAME = /^\..+\.tmp-(\d+)-[0-9a-f]+$/;

function size(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${bytes} bytes`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes from `dir` the temporary files no live process is writing (`ours`: this process's, still pending). */
export function removeAbandonedTempFiles(dir: string, ours: ReadonlySet<string>): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (match === null) continue;
    const path = join(dir, name);
    const pid = Number(match[1]);
    if (pid === process.pid ? ours.has(path) : alive(pid)) continue;
    try {
      const bytes = statSync(path).size;
      unlinkSync(path);
      notice(`removed ${path} (${size(bytes)}), a temporary file left by an interrupted drsim (process ${pid})`);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
}
