// drsim run, run --shard, merge and chart are flag wiring: their use cases, called as functions
// with the options the flags map to, write the same files byte for byte, and the command prints
// the renderer's text of the use case's result.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chartRuns } from "../../src/app/chart.js";
import { mergeShards } from "../../src/app/merge.js";
import { runShard } from "../../src/app/runShard.js";
import { planRuns, runStudy } from "../../src/app/runStudy.js";
import { terminalSummary } from "../../src/report/terminal.js";
import { DEFAULT_SCENARIO, drsim, readDir, tempDir } from "./helpers.js";

const SETTINGS = { runs: 300, seed: 3, workers: 1 } as const;
const FLAGS = ["-n", "300", "--seed", "3", "--workers", "1", "--no-progress"];

function cli(args: string[]): string {
  const r = drsim(args);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}

describe("run, shard, merge and chart as functions equal the commands", () => {
  it("runStudy is drsim run", async () => {
    const [a, b] = [tempDir("study-lib"), tempDir("study-cli")];
    const outcome = await runStudy({ scenario: DEFAULT_SCENARIO, ...SETTINGS, out: a, charts: false });
    const stdout = cli(["run", DEFAULT_SCENARIO, ...FLAGS, "--no-charts", "--out", b]);
    expect(readDir(a)).toEqual(readDir(b));
    expect([...outcome.files].map((f) => f.slice(a.length + 1)).sort()).toEqual([...readDir(a).keys()].sort());
    expect(stdout).toBe(`${terminalSummary(outcome.summary)}\nwritten to ${b}/\n`);
  });

  it("runShard and mergeShards are drsim run --shard and drsim merge; chartRuns is drsim chart", async () => {
    const root = tempDir("shards");
    const lib = [1, 2].map((i) => join(root, `lib-${i}`));
    const viaCli = [1, 2].map((i) => join(root, `cli-${i}`));
    for (const [k, out] of lib.entries()) {
      const shard = { index: k + 1, count: 2 };
      const { range } = await runShard({ scenario: DEFAULT_SCENARIO, ...SETTINGS, shard, out });
      const stdout = cli(["run", DEFAULT_SCENARIO, ...FLAGS, "--shard", `${k + 1}/2`, "--out", viaCli[k]!]);
      expect(stdout).toBe(`default: shard ${k + 1}/2 (replications ${range.start}–${range.end - 1}) written to ${viaCli[k]!}/\n`);
      expect(readDir(out)).toEqual(readDir(viaCli[k]!));
    }
    const [a, b] = [join(root, "merged-lib"), join(root, "merged-cli")];
    const outcome = await mergeShards({ dirs: lib, out: a });
    const stdout = cli(["merge", ...viaCli, "--out", b, "--no-progress"]);
    expect(readDir(a)).toEqual(readDir(b));
    expect(stdout).toBe(`${terminalSummary(outcome.summary)}\nwritten to ${b}/\n`);
    // Charts redrawn from the files are the ones the merge drew.
    const before = readDir(a);
    await chartRuns({ dirs: [a] });
    expect(readDir(a)).toEqual(before);
  });

  it("planRuns checks every scenario and directory before anything runs", async () => {
    const out = tempDir("plan");
    expect(await planRuns({ scenarios: [DEFAULT_SCENARIO], out, shard: { index: 1, count: 2 } })).toEqual([{ scenario: DEFAULT_SCENARIO, out }]);
    await expect(planRuns({ scenarios: [DEFAULT_SCENARIO, DEFAULT_SCENARIO], out })).rejects.toThrow(/two scenarios would write to/);
  });
});
