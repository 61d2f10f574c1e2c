// The driver script runs here for real under bash, against a fake `sbatch` that records what it is
// given and a fake `drsim` that records its arguments; each array task is then run with the
// environment Slurm gives it.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { shardFromEnvironment } from "../../src/app/scaleout/shardEnv.js";
import { shardRange } from "../../src/montecarlo/shard.js";
import { arraySpec, slurmScript, type SlurmOptions } from "../../src/app/scaleout/slurm.js";

const FAKE_SBATCH = `#!/bin/bash
n=$(ls "$RECORD"/sbatch-*.args 2>/dev/null | wc -l)
printf '%s\\n' "$@" > "$RECORD/sbatch-$n.args"
cp "\${@: -1}" "$RECORD/sbatch-$n.sh"
echo "$((4200 + n));cluster-a"
`;
const FAKE_DRSIM = `#!/bin/bash
printf '%s\\n' "$@" > "$RECORD/drsim-\${SLURM_ARRAY_TASK_ID:-merge}.args"
`;

/** bash without rc files (a socket on stdin makes bash read ~/.bashrc), failing the test on a non-zero exit. */
function bash(args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  return execFileSync("bash", ["--norc", "--noprofile", ...args], { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

interface Submission {
  args: string[];
  script: string;
}

function submit(options: SlurmOptions): { dir: string; record: string; stdout: string; submissions: Submission[]; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), "drsim-slurm-"));
  const record = join(dir, "record");
  const bin = join(dir, "bin");
  execFileSync("mkdir", ["-p", record, bin]);
  writeFileSync(join(bin, "sbatch"), FAKE_SBATCH);
  writeFileSync(join(bin, "drsim"), FAKE_DRSIM);
  chmodSync(join(bin, "sbatch"), 0o755);
  chmodSync(join(bin, "drsim"), 0o755);
  const driver = join(dir, "submit.sh");
  writeFileSync(driver, slurmScript(options));
  const env = { PATH: `${bin}:${process.env["PATH"]}`, RECORD: record };
  bash(["-n", driver], dir, env);
  const stdout = bash([driver], dir, env);
  const submissions = readdirSync(record)
    .filter((f) => f.endsWith(".args"))
    .sort()
    .map((f) => ({
      args: readFileSync(join(record, f), "utf8").split("\n").slice(0, -1),
      script: readFileSync(join(record, f.replace(/\.args$/, ".sh")), "utf8"),
    }));
  return { dir, record, stdout, submissions, env };
}

function directive(script: string, option: string): string | undefined {
  return new RegExp(`^#SBATCH --${option}=(.*)$`, "m").exec(script)?.[1];
}

function recorded(record: string, task: string): string[] {
  return readFileSync(join(record, `drsim-${task}.args`), "utf8").split("\n").slice(0, -1);
}

function option(args: readonly string[], name: string): string {
  return args[args.indexOf(name) + 1]!;
}

const base: SlurmOptions = {
  scenario: "scenarios/my study.yaml",
  shards: 3,
  runs: 1001,
  name: "study",
  out: "results/study",
  incidentsPerReplication: 1.3,
};

describe("drsim slurm driver", () => {
  for (const shards of [1, 3, 16]) {
    it(`submits a ${shards}-task array whose tasks cover every replication once, then a merge after it`, () => {
      const runs = 1001;
      const { dir, record, stdout, submissions, env } = submit({ ...base, shards, runs, cpus: 2, seed: 5 });
      expect(submissions).toHaveLength(2);
      const [array, merge] = submissions as [Submission, Submission];
      expect(array.args).toEqual(["--parsable", "results/study/shards.sbatch"]);
      expect(merge.args.at(-1)).toBe("results/study/merge.sbatch");
      expect(merge.args).toContain("--parsable");
      expect(merge.args).toContain("--dependency=afterok:4200"); // the array's id, cluster suffix stripped
      expect(merge.args).toContain("--kill-on-invalid-dep=yes");
      expect(stdout).toContain("job array 4200");
      expect(stdout).toContain("merge: job 4201");

      const range = directive(array.script, "array")!;
      expect(range).toBe(`1-${shards}`);
      const [min, max] = range.split("-").map(Number) as [number, number];
      expect(directive(array.script, "cpus-per-task")).toBe("2");

      const hits = new Array<number>(runs).fill(0);
      const outs: string[] = [];
      for (let id = min; id <= max; id++) {
        // The environment Slurm gives task `id` of `--array=min-max`.
        const slurm = {
          SLURM_ARRAY_JOB_ID: "4200",
          SLURM_ARRAY_TASK_ID: String(id),
          SLURM_ARRAY_TASK_MIN: String(min),
          SLURM_ARRAY_TASK_MAX: String(max),
          SLURM_ARRAY_TASK_COUNT: String(max - min + 1),
          SLURM_ARRAY_TASK_STEP: "1",
        };
        bash(["-c", array.script], dir, { ...env, ...slurm });
        const args = recorded(record, String(id));
        expect(args.slice(0, 2)).toEqual(["run", "scenarios/my study.yaml"]);
        // The explicit shard the task passes is the one --shard auto derives from the array's environment.
        expect(option(args, "--shard")).toBe(`${id}/${shards}`);
        expect(option(args, "--workers")).toBe("2");
        expect(option(args, "--seed")).toBe("5");
        const shard = shardFromEnvironment(slurm);
        expect(shard).toEqual({ index: id, count: shards });
        const [index, count] = option(args, "--shard").split("/").map(Number) as [number, number];
        const { start, end } = shardRange(Number(option(args, "--runs")), index, count);
        for (let r = start; r < end; r++) hits[r]! += 1;
        outs.push(option(args, "--out"));
      }
      expect(hits.every((h) => h === 1)).toBe(true);
      expect(new Set(outs).size).toBe(shards);

      bash(["-c", merge.script], dir, env);
      const mergeArgs = recorded(record, "merge");
      expect(mergeArgs).toEqual(["merge", ...outs, "--out", "results/study/merged"]);
      expect(directive(merge.script, "job-name")).toBe("study-merge");
    });
  }

  it("creates the log directory, runs in --workdir and passes the scheduling options", () => {
    const { dir, submissions } = submit({
      ...base,
      workdir: ".",
      partition: "compute",
      account: "proj-42",
      time: "2:00:00",
      mergeTime: "30:00",
      memory: "4G",
      parallelism: 2,
      drsim: "drsim",
    });
    expect(readdirSync(join(dir, "results/study"))).toContain("logs");
    const [array, merge] = submissions as [Submission, Submission];
    expect(directive(array.script, "array")).toBe("1-3%2");
    expect(directive(array.script, "partition")).toBe("compute");
    expect(directive(merge.script, "partition")).toBe("compute");
    expect(directive(array.script, "account")).toBe("proj-42");
    expect(directive(array.script, "time")).toBe("2:00:00");
    expect(directive(merge.script, "time")).toBe("30:00");
    expect(directive(array.script, "mem")).toBe("4G");
    expect(directive(array.script, "output")).toBe("results/study/logs/shard-%a.out");
  });

  it("estimates memory when none is given, from the replications and incidents of a task", () => {
    const mem = (options: Partial<SlurmOptions>): (string | undefined)[] =>
      [...slurmScript({ ...base, ...options }).matchAll(/#SBATCH --mem=(\S+)/g)].map((m) => m[1]);
    // A task streams its replications: 1.25 × 256 MiB for one worker whatever its size or incidents;
    // the merge streams too: 2G whatever the study.
    expect(mem({ runs: 100_000_000, shards: 100 })).toEqual(["320M", "2G"]);
    expect(mem({ runs: 100_000_000, shards: 100, incidentsPerReplication: 13 })).toEqual(["320M", "2G"]);
    expect(mem({ runs: 1_000, shards: 10 })).toEqual(["320M", "2G"]);
    // Each further worker thread adds its own heap and model.
    expect(mem({ runs: 1_000, shards: 10, cpus: 2 })).toEqual(["560M", "2G"]);
  });

  it("throttles only below the shard count", () => {
    expect(arraySpec(16)).toBe("1-16");
    expect(arraySpec(16, 16)).toBe("1-16");
    expect(arraySpec(16, 4)).toBe("1-16%4");
  });

  it("refuses values sbatch can't take and impossible splits", () => {
    expect(() => slurmScript({ ...base, out: "my results" })).toThrow(UserError);
    expect(() => slurmScript({ ...base, partition: "a b" })).toThrow(/--partition/);
    expect(() => slurmScript({ ...base, shards: 0 })).toThrow(/--shards/);
    expect(() => slurmScript({ ...base, shards: 2000, runs: 1000 })).toThrow(/more than --runs/);
    expect(() => slurmScript({ ...base, cpus: 1.5 })).toThrow(/--cpus/);
  });
});
