// Ctrl-C in the middle of a run: exit 130, and the run directory holds no temporary file and no
// partial output (the run's files are only written, all at once, after the simulation).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, drsim, drsimAsync, tempDir } from "./helpers.js";

function waitForExit(child: ReturnType<typeof drsimAsync>): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

describe("interrupting a run", () => {
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`${signal} mid-run leaves no partial file`, async () => {
      const out = join(tempDir("interrupt"), "run");
      // Far more replications than can finish before the signal.
      const child = drsimAsync(["run", DEFAULT_SCENARIO, "-n", "200000", "--horizon", "50y", "--workers", "2", "--no-progress", "--out", out]);
      const exited = waitForExit(child);
      await new Promise((r) => setTimeout(r, 1_500));
      child.kill(signal);
      const { code: exitCode, stderr } = await exited;
      expect(exitCode).toBe(code);
      expect(stderr).toMatch(/interrupted/);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    });
  }
});

describe("interrupting a merge", () => {
  it("SIGINT mid-merge removes its scratch and temporary files: no partial output", { timeout: 120_000 }, async () => {
    const root = tempDir("interrupt-merge");
    const shards = [1, 2].map((i) => join(root, `shard-${i}`));
    for (const [k, dir] of shards.entries()) {
      const r = drsim(["run", DEFAULT_SCENARIO, "-n", "300000", "--shard", `${k + 1}/2`, "--workers", "2", "--quiet", "--no-charts", "--out", dir]);
      expect(r.status, r.stderr).toBe(0);
    }
    const out = join(root, "merged");
    const child = drsimAsync(["merge", ...shards, "--out", out, "--no-progress", "--no-charts"]);
    const exited = waitForExit(child);
    // Interrupt once the merge is writing: its scratch file and the CSVs' temporary files exist.
    for (let waited = 0; !(existsSync(out) && readdirSync(out).length >= 2) && waited < 30_000; waited += 10) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(readdirSync(out).length).toBeGreaterThanOrEqual(2);
    child.kill("SIGINT");
    const { code, stderr } = await exited;
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    expect(readdirSync(out)).toEqual([]);
  });
});
