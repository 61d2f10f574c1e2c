// End to end: a scenario whose file name is an injection payload, through `drsim slurm` and
// `drsim k8s` (the built CLI). The printed driver is run under bash with stub sbatch/drsim, and
// the printed manifest parsed: nothing runs, the documents stay ConfigMap, PVC, Job, Job.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { drsim } from "./cli.js";

const NAME = "s $(touch pwned) `touch pwned`; touch pwned && x\nDRSIM_SHARDS\n---\nkind: Secret\n\u2028--- ${IFS}touch pwned '\" #.yaml";

function project(): string {
  const root = mkdtempSync(join(tmpdir(), "drsim-inject-cli-"));
  const fixtures = resolve("test/fixtures/scenarios");
  writeFileSync(join(root, NAME), `extends: ${join(fixtures, "base.yaml")}\nrun: { runs: 50 }\n`);
  return root;
}

const pwned = (dir: string): string[] => (readdirSync(dir, { recursive: true }) as string[]).filter((p) => p.split("/").includes("pwned"));

describe("a scenario file named with shell and YAML syntax", () => {
  it("drsim slurm prints a driver that runs nothing but sbatch and drsim, with the name intact", () => {
    const root = project();
    const workdir = join(root, "work $(touch pwned)\nDRSIM_MERGE");
    mkdirSync(workdir);
    copyFileSync(join(root, NAME), join(workdir, NAME));
    const result = drsim(["slurm", NAME, "--shards", "2", "--runs", "100", "--workdir", workdir, "--drsim", "drsim $(touch pwned)"], {}, root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const bin = join(root, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "sbatch"), '#!/bin/bash\ncp "${@: -1}" "$RECORD/$(ls "$RECORD" | wc -l).sh"\necho 42\n');
    writeFileSync(join(bin, "drsim"), '#!/bin/bash\nprintf "%s\\0" "$@" > "$RECORD/drsim.args"\n');
    chmodSync(join(bin, "sbatch"), 0o755);
    chmodSync(join(bin, "drsim"), 0o755);
    const record = join(root, "record");
    mkdirSync(record);
    const env = { PATH: `${bin}:${process.env["PATH"]}`, RECORD: record };
    writeFileSync(join(root, "submit.sh"), result.stdout);
    const run = spawnSync("bash", ["--norc", "--noprofile", join(root, "submit.sh")], { cwd: root, env, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const task = spawnSync("bash", ["--norc", "--noprofile", "-c", readFileSync(join(record, "0.sh"), "utf8")], {
      cwd: workdir,
      env: { ...env, SLURM_ARRAY_TASK_ID: "1" },
      encoding: "utf8",
    });
    expect(task.status).toBe(0);
    const args = readFileSync(join(record, "drsim.args"), "utf8").split("\0").slice(0, -1);
    expect(args.slice(0, 4)).toEqual(["$(touch", "pwned)", "run", NAME]);
    expect(pwned(root)).toEqual([]);
  });

  it("drsim k8s prints exactly ConfigMap, PVC, Job, Job, with the name as a value", () => {
    const root = project();
    const result = drsim(["k8s", NAME, "--shards", "2", "--runs", "100", "--image", "drsim:test"], {}, root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/[\u0085\u2028\u2029]/);
    const docs = parseAllDocuments(result.stdout).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS() as { kind: string; spec?: { template: { spec: { containers: { args: string[] }[] } } } };
    });
    expect(docs.map((d) => d.kind)).toEqual(["ConfigMap", "PersistentVolumeClaim", "Job", "Job"]);
    expect(result.stdout.split("\n").filter((line) => line.startsWith("---"))).toHaveLength(4);
    const arg = docs[2]!.spec!.template.spec.containers[0]!.args[1]!;
    expect(arg.replaceAll("$$", "$").endsWith(`/${NAME}`)).toBe(true);
  });
});
