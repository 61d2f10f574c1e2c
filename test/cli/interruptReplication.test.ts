// A signal stops drsim at once, even in the middle of a long replication — in-process (--workers 1)
// and with worker threads alike: the main thread never runs more than about half a second of
// simulation without hearing signals (montecarlo/pool.ts, mayRunInProcess).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, drsimAsync, tempDir } from "./helpers.js";

interface Exit {
  readonly code: number | null;
  readonly stderr: string;
  /** Milliseconds from the signal to the exit. */
  readonly after: number;
}

async function interrupt(args: readonly string[], signal: NodeJS.Signals): Promise<Exit> {
  const child = drsimAsync(args);
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on("exit", (code) => resolve({ code, at: Date.now() })));
  // Loading and compiling take a second or two on a busy machine; then the replications run for long.
  await new Promise((r) => setTimeout(r, 8_000));
  const sent = Date.now();
  child.kill(signal);
  const { code, at } = await exited;
  return { code, stderr, after: at - sent };
}

describe("a signal in the middle of a long replication", () => {
  // 64 replications of 6,000 years of the default scenario (~96,000 events each, within the limit):
  // about 1 s each on an idle machine, so the signal at 8 s always finds one in flight and tens of
  // seconds still to run — work that used to run in-process, deaf to signals until its batch ended.
  for (const [workers, signal, code] of [["1", "SIGTERM", 143], ["2", "SIGTERM", 143], ["1", "SIGINT", 130]] as const) {
    it(`--workers ${workers}, ${signal}: exits ${code} within 3 s, leaving nothing`, { timeout: 120_000 }, async () => {
      const out = join(tempDir("interrupt-replication"), "run");
      const args = ["run", DEFAULT_SCENARIO, "-n", "64", "--horizon", "6000y", "--workers", workers, "--no-progress", "--no-charts", "--out", out];
      const { code: exitCode, stderr, after } = await interrupt(args, signal);
      expect(exitCode, stderr).toBe(code);
      expect(stderr).toMatch(/interrupted/);
      // A hang detector, generous for a loaded machine: before, the process ran on until the batch ended
      // (a batch of replications of ~1 s each: seconds to tens of seconds after the signal).
      expect(after).toBeLessThan(3_000);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    });
  }
});
