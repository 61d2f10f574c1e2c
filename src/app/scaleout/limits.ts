// How large a run may be, decided from the model and checked before any work starts, so an
// impossible request (`-n 1e12`, `--workers 1000`, `--shard 1/1e20`) is refused at once, naming the
// option, instead of hanging, swapping or dying with a stack trace hours later.
import { availableParallelism, totalmem } from "node:os";
import { UserError } from "../../errors.js";
import { formatMiB, memoryFloorMiB } from "./resources.js";

/** Most shards of a study: the completions an Indexed Job allows (Slurm arrays allow more, never needed). */
export const MAX_SHARDS = 100_000;

/** Most replications of a study (scenario/limits.ts says why): -n and run.runs alike. */
export { MAX_RUNS } from "../../scenario/limits.js";

/**
 * Most worker threads. Replications are pure computation: beyond one thread per core, threads only
 * take turns, each with its own copy of the model and its batch (≈ 20 MiB). Twice the cores leaves
 * room for a determinism check with two workers on a one-core machine.
 */
export function maxWorkers(cores = availableParallelism()): number {
  return 2 * cores;
}

/**
 * Refuses `replications` in one process when even their metric columns (memoryFloorMiB: no
 * incidents, no headroom) exceed this machine's memory. `option` names what set the number.
 */
export function checkOneProcess(replications: number, option: string, machineBytes = totalmem()): void {
  const problem = oneProcessProblem(replications, machineBytes);
  if (problem !== undefined) throw new UserError(`${option}: ${problem}`);
}

/** Why `replications` cannot run in one process of this machine, or undefined when they can. */
export function oneProcessProblem(replications: number, machineBytes = totalmem()): string | undefined {
  const floor = memoryFloorMiB(replications);
  const machine = machineBytes / 2 ** 20;
  if (floor <= machine) return undefined;
  return (
    `${replications} replications in one process need at least ${formatMiB(floor)} of memory, and this ` +
    `machine has ${formatMiB(machine)}; split the run into shards (--shard i/n, drsim k8s, drsim slurm)`
  );
}
