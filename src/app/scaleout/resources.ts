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

/**
 * Memory of a `drsim run` holding `replications` replications, in MiB: 512 MiB of runtime plus 1 KiB
 * per replication (4 strategies × 14 metrics × 8 bytes kept for exact quantiles, plus incidents and
 * output buffers; measured ≈ 0.97 KiB for the default scenario). A start: measure and pass --memory.
 */
export function memoryEstimateMiB(replications: number): number {
  return 512 + Math.ceil(replications / 1024);
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
