// The scale-out contract end to end: shards run as separate processes — by explicit --shard i/n, and
// by --shard auto under a Kubernetes Indexed Job's and a Slurm array's environment — then merged,
// give exactly the bytes of the unsharded run.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drsim } from "./cli.js";

const RUNS = "400";
const SCENARIO = "scenarios/default.yaml";
const root = mkdtempSync(join(tmpdir(), "drsim-merge-"));
const whole = join(root, "whole");

function ok(args: string[], env: NodeJS.ProcessEnv = {}): void {
  const result = drsim(args, env);
  expect(result.stderr, args.join(" ")).toBe("");
  expect(result.status, args.join(" ")).toBe(0);
}

function run(out: string, extra: string[], env: NodeJS.ProcessEnv = {}): void {
  ok(["run", SCENARIO, "-n", RUNS, "--seed", "11", "--workers", "1", "--quiet", "--out", out, ...extra], env);
}

/** Every file below `dir` (charts/ included: they must be byte-identical too), relative paths. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

function expectSameBytes(dir: string): void {
  const names = files(whole);
  expect(names).toContain(join("charts", "exceedance.png"));
  expect(files(dir)).toEqual(names);
  for (const name of names) {
    const a = readFileSync(join(whole, name));
    const b = readFileSync(join(dir, name));
    expect(b.equals(a), `${name} differs`).toBe(true);
  }
}

function mergeAndCompare(label: string, shardDirs: string[]): void {
  const merged = join(root, label, "merged");
  ok(["merge", ...shardDirs, "--out", merged, "--quiet"]);
  expectSameBytes(merged);
}

beforeAll(() => {
  run(whole, []);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("merged shards equal the unsharded run byte for byte", () => {
  for (const n of [1, 3, 16]) {
    it(`--shard i/${n}`, () => {
      const dirs = Array.from({ length: n }, (_, k) => join(root, `explicit-${n}`, String(k + 1)));
      dirs.forEach((dir, k) => run(dir, ["--shard", `${k + 1}/${n}`]));
      mergeAndCompare(`explicit-${n}`, dirs);
    });
  }

  it("--shard auto in a Kubernetes Indexed Job of 3 completions", () => {
    const dirs = [0, 1, 2].map((k) => join(root, "k8s", String(k)));
    dirs.forEach((dir, k) => run(dir, ["--shard", "auto"], { JOB_COMPLETION_INDEX: String(k), DRSIM_SHARD_COUNT: "3" }));
    mergeAndCompare("k8s", dirs);
  });

  it("--shard auto in a Slurm array --array=0-2", () => {
    const dirs = [0, 1, 2].map((id) => join(root, "slurm", String(id)));
    dirs.forEach((dir, id) =>
      run(dir, ["--shard", "auto"], {
        SLURM_ARRAY_TASK_ID: String(id),
        SLURM_ARRAY_TASK_MIN: "0",
        SLURM_ARRAY_TASK_MAX: "2",
        SLURM_ARRAY_TASK_COUNT: "3",
      }),
    );
    mergeAndCompare("slurm", dirs);
  });
});
