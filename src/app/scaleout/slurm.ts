// `drsim slurm`: a driver script that submits a sharded study to Slurm — a job array whose task i runs
// shard i of N (`--array=1-N`), then a merge job that starts only when every task succeeded
// (`--dependency=afterok:<array job>`). The driver writes both batch scripts next to the results
// (<out>/shards.sbatch, <out>/merge.sbatch) and submits them with `sbatch --parsable`, so failed
// tasks can be resubmitted alone (`sbatch --array=7,12 <out>/shards.sbatch`).
//
// Tasks pass `--shard ${SLURM_ARRAY_TASK_ID}/N` rather than `--shard auto`: over the whole array the
// two are the same shard (task i of --array=1-N is shard i/N), but only the explicit form stays right
// when a subset of the array is resubmitted, where SLURM_ARRAY_TASK_MIN/COUNT describe the subset.
import { UserError } from "../../errors.js";
import { memoryEstimateMiB, MERGE_MEMORY_MIB, slurmMemory } from "./resources.js";
import { commandWords, shellJoin, shellQuote } from "./shell.js";

export interface SlurmOptions {
  /** The scenario as the compute nodes see it: absolute, or relative to `workdir`. */
  readonly scenario: string;
  readonly shards: number;
  /** Replications of the whole study, split over the shards. */
  readonly runs: number;
  /** Job name; the merge job is `<name>-merge`. */
  readonly name: string;
  /** Results directory on the shared filesystem: shard i in `<out>/shards/i`, the merged run in `<out>/merged`. */
  readonly out: string;
  /** Directory the jobs run in (the driver `cd`s there); default: wherever the driver is run. */
  readonly workdir?: string;
  readonly seed?: number;
  readonly partition?: string;
  /** Wall-time limit of each task, in any sbatch --time format ("30:00", "2:00:00", "1-00:00:00"). */
  readonly time?: string;
  readonly mergeTime?: string;
  readonly account?: string;
  /** CPUs per task, which become the runner's `--workers`. Default 1. */
  readonly cpus?: number;
  /** sbatch --mem of each task ("4G", "4096M"). Default: estimated from its replications. */
  readonly memory?: string;
  readonly mergeMemory?: string;
  /** Tasks running at once (`--array=1-N%K`). Default: no limit. */
  readonly parallelism?: number;
  /**
   * How the nodes start drsim: "drsim", "npx drsim", "apptainer run drsim.sif"… Default "drsim".
   * Split at whitespace into words, each taken literally (no variables, no command substitution).
   */
  readonly drsim?: string;
  /** Incidents per replication of the scenario (pilot.ts), for the memory estimate. */
  readonly incidentsPerReplication: number;
}

/** Characters we let through to #SBATCH lines, which sbatch reads without a shell. */
const SBATCH_VALUE = /^[A-Za-z0-9_.,:@%+/=-]+$/;

function sbatchValue(option: string, value: string): string {
  if (!SBATCH_VALUE.test(value)) {
    throw new UserError(`${option} ${JSON.stringify(value)}: use letters, digits and _ . , : @ % + / = - only`);
  }
  return value;
}

/** A path as a command argument: one starting with "-" would be read as an option ("./-x" is the same file). */
function pathArgument(path: string): string {
  return path.startsWith("-") ? `./${path}` : path;
}

function positive(option: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new UserError(`${option} ${value}: expected a positive integer`);
  return value;
}

/** The array range `1-N` (`1-N%K` when throttled): task IDs are the 1-based shard indices. */
export function arraySpec(shards: number, parallelism?: number): string {
  return parallelism === undefined || parallelism >= shards ? `1-${shards}` : `1-${shards}%${parallelism}`;
}

function directives(entries: readonly (readonly [string, string | undefined])[]): string[] {
  return entries.filter(([, value]) => value !== undefined).map(([option, value]) => `#SBATCH --${option}=${value}`);
}

/** The driver script: run it (bash) on a login node to submit the array and its merge job. */
export function slurmScript(options: SlurmOptions): string {
  const shards = positive("--shards", options.shards);
  const runs = positive("--runs", options.runs);
  if (shards > runs) throw new UserError(`--shards ${shards} is more than --runs ${runs}: some shards would be empty`);
  const cpus = positive("--cpus", options.cpus ?? 1);
  if (options.parallelism !== undefined) positive("--parallelism", options.parallelism);
  const name = sbatchValue("--name", options.name);
  const out = pathArgument(sbatchValue("--out", options.out.replace(/\/+$/, "") || "/"));
  const drsim = shellJoin(commandWords(options.drsim ?? "drsim", "--drsim"));
  const perShard = Math.ceil(runs / shards);
  const estimate = memoryEstimateMiB({ replications: perShard, incidentsPerReplication: options.incidentsPerReplication, workers: cpus });
  const common: [string, string | undefined][] = [
    ["partition", options.partition === undefined ? undefined : sbatchValue("--partition", options.partition)],
    ["account", options.account === undefined ? undefined : sbatchValue("--account", options.account)],
  ];

  const run = shellJoin([
    "run",
    pathArgument(options.scenario),
    "--runs",
    String(runs),
    ...(options.seed === undefined ? [] : ["--seed", String(options.seed)]),
    "--workers",
    String(cpus),
  ]);
  const arrayScript = [
    "#!/bin/bash",
    ...directives([
      ["job-name", name],
      ["array", arraySpec(shards, options.parallelism)],
      ["ntasks", "1"],
      ["cpus-per-task", String(cpus)],
      ["mem", sbatchValue("--memory", options.memory ?? slurmMemory(estimate))],
      ["time", options.time === undefined ? undefined : sbatchValue("--time", options.time)],
      ...common,
      ["output", `${out}/logs/shard-%a.out`],
    ]),
    "set -euo pipefail",
    `# Task i of --array=1-${shards} runs shard i/${shards} (what --shard auto derives from the whole array).`,
    `exec ${drsim} ${run} --shard "\${SLURM_ARRAY_TASK_ID}/${shards}" --out ${shellQuote(out)}/shards/"\${SLURM_ARRAY_TASK_ID}"`,
  ];
  const mergeScript = [
    "#!/bin/bash",
    ...directives([
      ["job-name", `${name}-merge`],
      ["ntasks", "1"],
      ["cpus-per-task", "1"],
      ["mem", sbatchValue("--merge-memory", options.mergeMemory ?? slurmMemory(MERGE_MEMORY_MIB))],
      ["time", options.mergeTime === undefined ? undefined : sbatchValue("--merge-time", options.mergeTime)],
      ...common,
      ["output", `${out}/logs/merge.out`],
    ]),
    "set -euo pipefail",
    `# Shards in order 1..${shards} (brace expansion).`,
    `exec ${drsim} merge ${shellQuote(out)}/shards/{1..${shards}} --out ${shellQuote(out)}/merged`,
  ];

  const q = shellQuote(out);
  const driver = [
    "#!/bin/bash",
    `# drsim study on Slurm: ${shellQuote(options.scenario)}, ${runs} replications in ${shards} shards of ≤ ${perShard}.`,
    "# Submit from a login node: bash <this file>. Needs a Slurm MaxArraySize above the shard count.",
    "set -euo pipefail",
    ...(options.workdir === undefined ? [] : [`cd ${shellQuote(pathArgument(options.workdir))}`]),
    `mkdir -p ${q}/logs`,
    "",
    ...heredoc(`${q}/shards.sbatch`, "DRSIM_SHARDS", arrayScript),
    ...heredoc(`${q}/merge.sbatch`, "DRSIM_MERGE", mergeScript),
    "",
    `array_job=$(sbatch --parsable ${q}/shards.sbatch)`,
    'array_job="${array_job%%;*}"   # --parsable prints "id" or "id;cluster"',
    `merge_job=$(sbatch --parsable --dependency="afterok:\${array_job}" --kill-on-invalid-dep=yes ${q}/merge.sbatch)`,
    'merge_job="${merge_job%%;*}"',
    "",
    `echo "submitted shards: job array \${array_job} (${shards} tasks); merge: job \${merge_job} after all succeed"`,
    `echo "follow: squeue -j \${array_job},\${merge_job}   results: "${q}/merged`,
    "",
  ];
  return `${oneLineEach(driver).join("\n")}`;
}

/**
 * `cat > file <<'END'` … `END`: the body is written as is (the quoted terminator turns expansion off).
 * It ends at the first line equal to the terminator, so that line must not occur in the body; every
 * body line starts with "#", "set" or "exec", and values in it are quoted onto one line, so it can't.
 */
function heredoc(file: string, terminator: string, body: readonly string[]): string[] {
  if (body.some((line) => line.trim() === terminator)) throw new Error(`generated script: a line of the body ends its heredoc early`);
  return [`cat > ${file} <<'${terminator}'`, ...body, terminator];
}

/** Every generated line is one line: a value holding a line break would add a line of its own. */
function oneLineEach(lines: readonly string[]): readonly string[] {
  const split = lines.find((line) => /[\r\n]/.test(line));
  if (split !== undefined) throw new Error(`generated script: a line holds a line break: ${JSON.stringify(split)}`);
  return lines;
}
