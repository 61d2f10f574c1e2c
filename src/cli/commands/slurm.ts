// drsim slurm SCENARIO: print a driver script that submits a sharded study as a Slurm job array and
// a merge job depending on it.
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { loadScenario } from "../../replication/scenario.js";
import { nonNegativeInteger, positiveInteger, replications, shardCount } from "../options.js";
import { nameFromScenario } from "../../app/scaleout/names.js";
import { incidentsPerReplication } from "../../app/scaleout/pilot.js";
import { slurmScript } from "../../app/scaleout/slurm.js";

interface SlurmFlags {
  shards: number;
  runs: number;
  name?: string;
  out?: string;
  workdir?: string;
  seed?: number;
  partition?: string;
  account?: string;
  time?: string;
  mergeTime?: string;
  cpus: number;
  memory?: string;
  mergeMemory?: string;
  parallelism?: number;
  drsim: string;
}

export function define(cmd: Command): void {
  cmd
    .argument("<scenario>", "scenario file (YAML), on a filesystem the compute nodes share")
    .requiredOption("--shards <n>", "number of shards (array tasks 1..n, at most 100000)", shardCount)
    .requiredOption("-n, --runs <n>", "replications of the whole study (1e8 allowed; at most 1e10)", replications)
    .option("--name <name>", "job name (default: drsim-<scenario>); the merge job is <name>-merge")
    .option("--out <dir>", "results directory: <dir>/shards/i, <dir>/merged, <dir>/logs (default: results/<name>)")
    .option("--workdir <dir>", "directory the jobs run in, relative paths start there (default: the current one)")
    .option("--seed <seed>", "master seed (default: the scenario's run.seed)", nonNegativeInteger)
    .option("--partition <name>", "sbatch --partition")
    .option("--account <name>", "sbatch --account")
    .option("--time <limit>", "wall-time limit of each task, e.g. 2:00:00")
    .option("--merge-time <limit>", "wall-time limit of the merge job")
    .option("--cpus <n>", "CPUs per task (--cpus-per-task), used as --workers", positiveInteger, 1)
    .option("--memory <size>", "sbatch --mem of each task, e.g. 4G (default: estimated from its replications)")
    .option("--merge-memory <size>", "sbatch --mem of the merge job (default: 2G; the merge streams, so it does not grow with --runs)")
    .option("--parallelism <n>", "tasks running at once (--array=1-N%n)", positiveInteger)
    .option("--drsim <command>", "how the nodes start drsim, e.g. \"apptainer run drsim.sif\" (words taken literally)", "drsim")
    .addHelpText(
      "after",
      `
Prints a bash script that submits the array (task i runs shard i/N with --shard auto) and a merge job
with --dependency=afterok on it, both with sbatch --parsable. See docs/scaling-out.md.

Example:
  $ drsim slurm scenarios/default.yaml --shards 100 --runs 1e8 --cpus 4 --time 1:00:00 > submit.sh
  $ bash submit.sh`,
    )
    .action(async (scenario: string, flags: SlurmFlags) => {
      const loaded = await loadScenario(scenario); // a scenario error is reported here, not in N tasks
      const name = flags.name ?? nameFromScenario(scenario);
      process.stdout.write(
        slurmScript({
          scenario,
          shards: flags.shards,
          runs: flags.runs,
          name,
          out: flags.out ?? join("results", name),
          workdir: resolve(flags.workdir ?? "."),
          seed: flags.seed,
          partition: flags.partition,
          account: flags.account,
          time: flags.time,
          mergeTime: flags.mergeTime,
          cpus: flags.cpus,
          memory: flags.memory,
          mergeMemory: flags.mergeMemory,
          parallelism: flags.parallelism,
          drsim: flags.drsim,
          incidentsPerReplication: flags.memory === undefined ? await incidentsPerReplication(loaded, flags.seed) : 0,
        }),
      );
    });
}
