// Resource quantities for generated jobs: parsing what the user passes, estimating what they omit.
import { UserError } from "../../errors.js";

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

// Memory of one `drsim run` process (a whole run or one shard), from peak RSS measured with
// `/usr/bin/time -f %M drsim run scenarios/default.yaml -n N [--horizon H] --shard 1/1 --workers W`
// (drsim 0.1.0, Node 20, x86-64), fitted by least squares (within 2 % of each point):
//     N = 1e5, 1 y:  129,296 incidents →   243 MiB      N = 1e5, 10 y: 1,288,178 incidents →  589 MiB
//     N = 4e5, 1 y:  517,241 incidents →   494 MiB      N = 2e5, 10 y: 2,572,731 incidents →  984 MiB
//     N = 2e6, 1 y: 2,584,590 incidents → 1757 MiB      N = 4e5, 1 y, 2 workers: +19 MiB
// → 172 MiB of runtime, 446 bytes per replication (its metric columns: 4 strategies × 14 metrics ×
// 8 bytes), 298 bytes per incident, ≈ 20 MiB per extra worker thread. At N = 10⁷ the peak was
// 11.4 GiB where the fit says 7.9: columns grow by doubling and are joined once at the end, so the
// peak holds some twice. HEADROOM = 2 on the part that grows with the run covers that. When the
// store stops holding a run in memory, re-measure and change these figures (and only these).
const RUNTIME_MIB = 172;
const WORKER_MIB = 20;
const REPLICATION_BYTES = 446;
const INCIDENT_BYTES = 298;
const HEADROOM = 2;

/** What one process runs: its replications, how many incidents each records (see pilot.ts), its workers. */
export interface ProcessLoad {
  readonly replications: number;
  readonly incidentsPerReplication: number;
  readonly workers: number;
}

/** Memory to give a process running `load`, in MiB. */
export function memoryEstimateMiB(load: ProcessLoad): number {
  const grows = load.replications * (REPLICATION_BYTES + load.incidentsPerReplication * INCIDENT_BYTES);
  return Math.ceil(RUNTIME_MIB + (load.workers - 1) * WORKER_MIB + (HEADROOM * grows) / 2 ** 20);
}

/** The least memory `replications` take in one process — their metric columns alone, no headroom — in MiB. */
export function memoryFloorMiB(replications: number): number {
  return RUNTIME_MIB + (replications * REPLICATION_BYTES) / 2 ** 20;
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
 * CSVs and keeps only bounded buffers per statistic (measured: 300 MiB peak for 10⁶ replications of
 * the default scenario; the buffers' worst case is ~1.5 GiB, for pathologically concentrated samples).
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
