// Resource quantities for generated jobs: parsing what the user passes, estimating what they omit.
import { UserError } from "../../errors.js";
import { REPLICATION_METRICS } from "../../outcomes/metrics.js";

/** Cores of a Kubernetes CPU quantity: "2", "1.5", "500m". */
export function cpuCores(quantity: string): number {
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity.trim());
  const cores = m ? Number(m[1]) / (m[2] === "m" ? 1000 : 1) : Number.NaN;
  if (!(cores > 0)) throw new UserError(`--cpu ${quantity}: expected a CPU quantity such as 2, 1.5 or 500m`);
  return cores;
}

/** Worker threads for a pod with `cores` CPUs: one per whole core, at least one. */
export function workersFor(cores: number): number {
  return Math.max(1, Math.floor(cores));
}

const MEMORY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

/** A Kubernetes memory quantity ("4Gi", "512Mi"), or a UserError naming the option. */
export function memoryQuantity(quantity: string, option: string): string {
  if (!MEMORY.test(quantity)) throw new UserError(`${option} ${quantity}: expected a quantity such as 512Mi or 4Gi`);
  return quantity;
}

// Memory of one `drsim run` process (a whole run or one shard). A run streams: batches go into the
// summary and the files while later ones simulate, and nothing holds the run, so its memory does not
// grow with the replications nor with the incidents they record. Peak RSS measured with
// `/usr/bin/time -f %M drsim run scenarios/default.yaml -n N --shard 1/1 --workers W` (drsim 0.1.0,
// Node 20, x86-64; a shard draws no charts):
//     N = 10⁵, 1 worker: 173 MiB     N = 10⁶, 1 worker: 196 MiB     N = 10⁶, 2 workers: 335 MiB
//     --horizon 25y (31 incidents per replication), 2 workers: N = 10⁵ 422 MiB, N = 10⁶ 432 MiB
// and whole runs with charts and report (`npm run bench -- command`, bench/README.md, median of 3):
// N = 10⁶, 1 worker 321 MiB, 2 workers 499 MiB; --horizon 25y (32 incidents per replication), 2
// workers: 510 MiB. Before the store streamed, a 10⁶-replication shard
// of the 31-incident scenario took 9.3 GB. After #13's 11 more columns (a slower host, same command):
// N = 10⁵, 1 worker: 265 MiB; N = 10⁶, 2 workers: 371 MiB. → 256 MiB for the process and its first worker, 192 MiB
// for each further worker (its own heap and model, its batches in hand), the incident-heavy case
// included; HEADROOM 1.25 on top (560 MiB for 2 workers: 1.3× the heaviest shard measured).
const RUNTIME_MIB = 256;
const WORKER_MIB = 192;
const HEADROOM = 1.25;
/**
 * A run held in memory (sweeps, recommendations, sensitivity analyses keep their runs' columns):
 * 172 MiB of runtime, as measured before the store streamed, and per replication a double of every
 * replication metric for each of 4 strategies — 446 bytes measured with 14 metrics, 800 with the 25
 * of the catalogue since the headline metrics by cause (#13): derived from it, so it follows.
 */
const HELD_RUNTIME_MIB = 172;
const REPLICATION_BYTES = 4 * REPLICATION_METRICS.length * 8;

/** What one process runs: its replications, how many incidents each records (see pilot.ts), its workers. */
export interface ProcessLoad {
  readonly replications: number;
  readonly incidentsPerReplication: number;
  readonly workers: number;
}

/**
 * Memory to give a `drsim run` process running `load`, in MiB: flat in its replications and
 * incidents (the run streams), a fixed part per worker thread.
 */
export function memoryEstimateMiB(load: ProcessLoad): number {
  return Math.ceil(HEADROOM * (RUNTIME_MIB + (load.workers - 1) * WORKER_MIB));
}

/**
 * The least memory `replications` take in a process that holds them — their metric columns alone, no
 * headroom — in MiB: what the analyses that keep their runs in memory (sweep, recommend,
 * sensitivity) need; `drsim run` streams and needs memoryEstimateMiB whatever the count.
 */
export function memoryFloorMiB(replications: number): number {
  return HELD_RUNTIME_MIB + (replications * REPLICATION_BYTES) / 2 ** 20;
}

/** "512 MiB", "42.6 GiB", "9.3 PiB": sizes in messages. */
export function formatMiB(mib: number): string {
  const units = ["MiB", "GiB", "TiB", "PiB", "EiB"];
  let value = mib;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? Math.round(value) : value.toPrecision(3)} ${units[unit]}`;
}

/**
 * Memory of `drsim merge`, in MiB, whatever the number of replications: the merge streams the shards'
 * rows and keeps only bounded buffers per statistic (measured: 374 MiB peak for 10⁶ replications of
 * the default scenario in 10 Parquet shards; the buffers' worst case is ~1.5 GiB, for pathologically
 * concentrated samples).
 */
export const MERGE_MEMORY_MIB = 2048;

/**
 * Disk for the results of a `runs`-replication study, in GiB: the outputs take ≈ 0.9 KiB per
 * replication of the default scenario (replications.csv 0.6, incidents.csv 0.3; more incidents, more
 * bytes), once for the shards and once for the merged run; 3 KiB per replication leaves room, + 1 GiB.
 */
export function storageEstimateGiB(runs: number): number {
  return 1 + Math.ceil((3 * runs) / (1024 * 1024));
}

/** MiB as a Kubernetes quantity, in whole GiB from 1 GiB up: 640 → "640Mi", 1500 → "2Gi". */
export function kubernetesMemory(mib: number): string {
  return mib < 1024 ? `${mib}Mi` : `${Math.ceil(mib / 1024)}Gi`;
}

/** MiB as an sbatch --mem value (Slurm's M and G are binary): 640 → "640M", 1500 → "2G". */
export function slurmMemory(mib: number): string {
  return mib < 1024 ? `${mib}M` : `${Math.ceil(mib / 1024)}G`;
}
