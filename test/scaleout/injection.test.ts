// Injection payloads in every value that reaches a generated artefact. The Slurm driver is run for
// real under bash with stub sbatch/srun/drsim/apptainer on PATH, and its array task and merge job
// too: no payload may run (no `pwned` file may appear) and each value must arrive intact as one
// argument. The Kubernetes manifest is parsed back: exactly ConfigMap, PVC, Job, Job, with the
// payload intact as a value, in no place where Kubernetes would expand it, and with no character
// that kubectl's YAML 1.1 parser reads as a line break. Each value is either refused (a UserError
// naming its option) or carried safely: both are checked, never assumed.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Job, type IJob } from "kubernetes-models/batch/v1";
import { ConfigMap, PersistentVolumeClaim, type IConfigMap, type IPersistentVolumeClaim } from "kubernetes-models/v1";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { kubernetesManifest, type KubernetesOptions } from "../../src/app/scaleout/k8s.js";
import type { ScenarioBundle } from "../../src/app/scaleout/scenarioFiles.js";
import { shellQuote } from "../../src/app/scaleout/shell.js";
import { slurmScript, type SlurmOptions } from "../../src/app/scaleout/slurm.js";

/** Each would create `pwned` in the working directory if it reached a shell unquoted. */
const SHELL_PAYLOADS = [
  "$(touch pwned)",
  "`touch pwned`",
  "x; touch pwned",
  "x && touch pwned",
  "x || touch pwned",
  "x | touch pwned",
  "x & touch pwned",
  "x\ntouch pwned",
  "x\rtouch pwned",
  "x'; touch pwned; '",
  'x"; touch pwned; "',
  "x'\"$(touch pwned)\"'",
  "x\nDRSIM_SHARDS\ntouch pwned\n",
  "x\nDRSIM_MERGE\ntouch pwned\n",
  "DRSIM_SHARDS",
  "${IFS}touch${IFS}pwned",
  "$'\\x0a'touch pwned",
  "x\\\ntouch pwned",
  "x\\",
  "'",
  "x # ; touch pwned",
  "x\u2028touch pwned",
  "*",
  "~",
  "!!",
  "-rf",
  " leading and trailing ",
  "tab\there",
  "ünïcødé ✓ 😀",
];

/** Each would change the manifest's documents if written into YAML unencoded. */
const YAML_PAYLOADS = [
  "a\n---\nkind: Secret\nmetadata: { name: pwned }\n",
  "---",
  "...",
  "key: value",
  "x: y: z",
  "# comment",
  "x #not a comment",
  "{a: 1}",
  "[1, 2]",
  "*alias",
  "&anchor x",
  "!!python/object:os.system pwned",
  "!tag",
  "- item",
  "? key",
  "%YAML 1.1",
  "@x",
  "|",
  ">",
  '"',
  "'",
  "null",
  "~",
  "true",
  "0x10",
  "1e400",
  "a\u2028---\u2028kind: Secret",
  "a\u2029---\u2029kind: Secret",
  "a\u0085---\u0085kind: Secret",
  "\ufeffbom",
  "a\u0000b\u001bc\u007fd\u009fe",
  "a\r\n---\r\nkind: Secret",
  "$(JOB_COMPLETION_INDEX)",
  "$(DRSIM_SHARD_COUNT)",
  "$$(JOB_COMPLETION_INDEX)",
  "x$",
];

const PAYLOADS = [...new Set([...SHELL_PAYLOADS, ...YAML_PAYLOADS])];

/** Outcome of building an artefact from a hostile value: refused with a UserError, or built. */
function attempt<T>(build: () => T): { refused: UserError } | { built: T } {
  try {
    return { built: build() };
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(UserError);
    return { refused: error as UserError };
  }
}

describe("shellQuote", () => {
  it("gives one bash word, on one line, that expands to exactly the value", () => {
    const dir = mkdtempSync(join(tmpdir(), "drsim-quote-"));
    for (const payload of PAYLOADS.filter((p) => !p.includes("\0"))) {
      const quoted = shellQuote(payload);
      expect(quoted, payload).not.toMatch(/[\r\n]/);
      const out = execFileSync("bash", ["--norc", "--noprofile", "-c", `printf '%s' ${quoted}`], { cwd: dir, encoding: "utf8" });
      expect(out).toBe(payload);
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(() => shellQuote("a\0b")).toThrow(UserError);
  });
});

// Stubs: each records its arguments NUL-separated (arguments may hold line breaks).
const STUB_SBATCH = `#!/bin/bash
n=$(ls "$RECORD"/sbatch-*.args 2>/dev/null | wc -l)
printf '%s\\0' "$@" > "$RECORD/sbatch-$n.args"
pwd > "$RECORD/sbatch-$n.pwd"
cp "\${@: -1}" "$RECORD/sbatch-$n.sh"
echo "$((4200 + n));cluster-a"
`;
const STUB_RECORDER = (name: string): string => `#!/bin/bash
printf '%s\\0' "$@" > "$RECORD/${name}-\${SLURM_ARRAY_TASK_ID:-merge}.args"
`;

interface Driven {
  /** Arguments the array task (id 1) started drsim with, or undefined if it never started it. */
  readonly taskArgs: string[] | undefined;
  readonly sbatchPwd: string;
  readonly root: string;
}

function runDriver(options: SlurmOptions, root: string): Driven {
  const record = join(root, "record");
  const bin = join(root, "bin");
  mkdirSync(record, { recursive: true });
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "sbatch"), STUB_SBATCH);
  for (const name of ["drsim", "srun", "apptainer"]) writeFileSync(join(bin, name), STUB_RECORDER(name));
  for (const name of ["sbatch", "drsim", "srun", "apptainer"]) chmodSync(join(bin, name), 0o755);
  const driver = join(root, "submit.sh");
  writeFileSync(driver, slurmScript(options));
  const env = { PATH: `${bin}:${process.env["PATH"]}`, RECORD: record };
  const bash = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    spawnSync("bash", ["--norc", "--noprofile", ...args], { cwd: root, env: { ...env, ...extra }, encoding: "utf8" });
  const syntax = bash(["-n", driver]);
  expect(syntax.stderr).toBe("");
  expect(syntax.status).toBe(0);
  const run = bash([driver]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const script = (n: number): string => readFileSync(join(record, `sbatch-${n}.sh`), "utf8");
  // The array task and the merge job, as Slurm would run them (a stub drsim records what it got).
  bash(["-c", script(0)], { SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "3" });
  bash(["-c", script(1)]);
  const args = join(record, "drsim-1.args");
  return {
    taskArgs: existsSync(args) ? readFileSync(args, "utf8").split("\0").slice(0, -1) : undefined,
    sbatchPwd: readFileSync(join(record, "sbatch-0.pwd"), "utf8").slice(0, -1), // pwd ends with one newline
    root,
  };
}

/** Every file named `pwned` under `dir`: a payload that ran. */
function pwned(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((path) => path.split("/").includes("pwned"));
}

const SLURM_BASE: SlurmOptions = { scenario: "s.yaml", shards: 3, runs: 300, name: "study", out: "results/study", incidentsPerReplication: 1 };

describe("the Slurm driver runs no payload", () => {
  it("in the scenario path: bash runs the driver, the task and the merge, and drsim gets the path intact", () => {
    for (const payload of PAYLOADS) {
      const root = mkdtempSync(join(tmpdir(), "drsim-inject-"));
      const outcome = attempt(() => runDriver({ ...SLURM_BASE, scenario: payload }, root));
      if ("refused" in outcome) {
        expect(payload).toContain("\0");
        continue;
      }
      // A path starting with "-" is passed as "./-…", the same file, so it can't be read as an option.
      const asArgument = payload.startsWith("-") ? `./${payload}` : payload;
      expect(outcome.built.taskArgs?.slice(0, 2), JSON.stringify(payload)).toEqual(["run", asArgument]);
      expect(pwned(root), JSON.stringify(payload)).toEqual([]);
    }
  });

  it("in --workdir: the driver runs in exactly that directory", () => {
    for (const payload of PAYLOADS.filter((p) => !/[\0/]/.test(p) && p !== "." && p !== "..")) {
      const root = mkdtempSync(join(tmpdir(), "drsim-inject-"));
      const workdir = join(root, payload);
      mkdirSync(workdir);
      const { sbatchPwd, taskArgs } = runDriver({ ...SLURM_BASE, workdir }, root) as Driven;
      expect(sbatchPwd, JSON.stringify(payload)).toBe(workdir);
      expect(taskArgs?.[0]).toBe("run");
      expect(pwned(root), JSON.stringify(payload)).toEqual([]);
    }
  });

  it("in --drsim: its words are taken literally", () => {
    for (const payload of PAYLOADS) {
      const root = mkdtempSync(join(tmpdir(), "drsim-inject-"));
      const outcome = attempt(() => runDriver({ ...SLURM_BASE, drsim: `apptainer run ${payload}` }, root));
      if ("refused" in outcome) continue;
      const recorded = join(root, "record", "apptainer-1.args");
      const words = readFileSync(recorded, "utf8").split("\0").slice(0, -1);
      expect(words.slice(0, 1 + payload.trim().split(/\s+/).filter((w) => w !== "").length)).toEqual(
        ["run", ...payload.trim().split(/\s+/)].filter((w) => w !== ""),
      );
      expect(pwned(root), JSON.stringify(payload)).toEqual([]);
    }
  });

  const SBATCH_OPTIONS = ["name", "out", "partition", "account", "time", "mergeTime", "memory", "mergeMemory"] as const;
  it(`in ${SBATCH_OPTIONS.join(", ")}: refused unless plain, and plain values run nothing`, () => {
    for (const option of SBATCH_OPTIONS) {
      for (const payload of PAYLOADS) {
        const root = mkdtempSync(join(tmpdir(), "drsim-inject-"));
        const outcome = attempt(() => runDriver({ ...SLURM_BASE, [option]: payload }, root));
        if ("refused" in outcome) {
          expect(outcome.refused.message, `${option} ${JSON.stringify(payload)}`).toMatch(/^--[a-z-]+ /);
          continue;
        }
        expect(pwned(root), `${option} ${JSON.stringify(payload)}`).toEqual([]);
      }
    }
  });
});

/** Kubernetes' expansion of container args: $$ is $, $(VAR) is VAR's value when VAR is defined. */
function kubeExpand(arg: string, env: Readonly<Record<string, string>>): string {
  return arg.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name?: string) =>
    name === undefined ? "$" : (env[name] ?? whole),
  );
}

/** kubectl splits a stream at lines starting with "---", then go-yaml (YAML 1.1) parses each part. */
function kubectlDocuments(text: string): number {
  return text.split("\n").filter((line) => line.startsWith("---")).length;
}

interface Parsed {
  kinds: string[];
  configMap: ConfigMap;
  shards: Job;
}

function parseManifest(text: string): Parsed {
  // No character a YAML 1.1 parser would read as a line break, or that YAML forbids raw.
  const raw = [...text].filter((c) => /[\u0085\u2028\u2029\ufeff\r]/.test(c) || (c < " " && c !== "\t" && c !== "\n") || (c >= "\u007f" && c <= "\u009f"));
  expect(raw).toEqual([]);
  const docs = parseAllDocuments(text).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as { kind: string };
  });
  expect(kubectlDocuments(text)).toBe(docs.length);
  const configMap = new ConfigMap(docs.find((d) => d.kind === "ConfigMap") as IConfigMap);
  const jobs = docs.filter((d) => d.kind === "Job").map((d) => new Job(d as IJob));
  for (const object of [configMap, ...jobs]) object.validate();
  const claim = docs.find((d) => d.kind === "PersistentVolumeClaim");
  if (claim) new PersistentVolumeClaim(claim as IPersistentVolumeClaim).validate();
  return { kinds: docs.map((d) => d.kind), configMap, shards: jobs[0]! };
}

function bundle(entry: string, content: string): ScenarioBundle {
  return { entry, files: [{ path: entry, content }, { path: `data/${entry}.csv`, content: `hours\n${content}\n` }] };
}

const K8S_BASE: KubernetesOptions = {
  scenario: bundle("s.yaml", "name: s\n"),
  image: "drsim:test",
  shards: 3,
  runs: 300,
  name: "study",
  incidentsPerReplication: 1,
};

describe("the Kubernetes manifest keeps every payload a value", () => {
  it("in file names and file contents: ConfigMap, PVC, Job, Job, the payload intact and not expanded", () => {
    for (const payload of PAYLOADS) {
      const name = `${payload}.yaml`;
      const { kinds, configMap, shards } = parseManifest(kubernetesManifest({ ...K8S_BASE, scenario: bundle(name, payload) }));
      expect(kinds, JSON.stringify(payload)).toEqual(["ConfigMap", "PersistentVolumeClaim", "Job", "Job"]);
      const pod = shards.spec!.template.spec!;
      const items = pod.volumes!.find((v) => v.name === "scenario")!.configMap!.items!;
      expect(items.map((i) => i.path)).toEqual([name, `data/${name}.csv`]);
      expect(configMap.data![items[0]!.key]).toBe(payload);
      expect(configMap.data![items[1]!.key]).toBe(`hours\n${payload}\n`);
      const container = pod.containers[0]!;
      const env = { JOB_COMPLETION_INDEX: "0", DRSIM_SHARD_COUNT: "3" };
      expect(kubeExpand(container.args![1]!, env)).toBe(`/scenario/${name}`);
    }
  });

  const FREE_TEXT = ["image", "storageClass", "name", "namespace", "pvc", "cpu", "memory", "mergeMemory", "storage"] as const;
  it(`in ${FREE_TEXT.join(", ")}: refused, or carried as a value`, () => {
    for (const option of FREE_TEXT) {
      for (const payload of PAYLOADS) {
        const outcome = attempt(() => kubernetesManifest({ ...K8S_BASE, [option]: payload }));
        if ("refused" in outcome) continue;
        const { kinds, shards } = parseManifest(outcome.built);
        expect(kinds.filter((k) => k === "Job"), `${option} ${JSON.stringify(payload)}`).toHaveLength(2);
        if (option === "image") expect(shards.spec!.template.spec!.containers[0]!.image).toBe(payload);
      }
    }
  });
});
