// Costs over the horizon, in USD. Standing infrastructure is deterministic per strategy (computed
// once); incident surge and penalties come from each replication's outcome.
import type { Scenario, Strategy } from "../scenario/types.js";

export const YEAR_SECONDS = 365.25 * 86_400;
const GB = 1e9;

export interface StandingCost {
  readonly compute: number;
  readonly controlPlanes: number;
  readonly storage: number;
  readonly egress: number;
  readonly drills: number;
  readonly total: number;
}

/**
 * `offeredRequests` is the demand over the horizon (the same in every replication).
 * - compute: `computeShare` of the workload — what the strategy's mechanism keeps running (its
 *   standing-cost rule: strategies/<mechanism>/index.ts) — at computeUSDPerYear per 100 %;
 * - control planes: the primary's plus the standby ones, at controlPlaneUSDPerHour;
 * - storage: the dataset's backups, kept in both regions, plus a live replica where replicated;
 * - egress: backup copies (≈ the bytes written) plus, where replicated, every write once more;
 * - drills: perYear × costUSD.
 */
export function standingCost(
  scenario: Scenario,
  strategy: Strategy,
  computeShare: number,
  horizon: number,
  offeredRequests: number,
): StandingCost {
  const c = scenario.costs;
  const years = horizon / YEAR_SECONDS;
  const compute = computeShare * c.computeUSDPerYear * years;
  const controlPlanes = (1 + strategy.standbyControlPlanes) * c.controlPlaneUSDPerHour * (horizon / 3600);
  const datasetGB = scenario.workload.datasetBytes / GB;
  const replicated = strategy.replication.mode !== "backup";
  const months = years * 12;
  const storage = datasetGB * (2 + (replicated ? 1 : 0)) * c.storageUSDPerGBMonth * months;
  const writtenGB = (offeredRequests * scenario.workload.writeFraction * scenario.workload.bytesPerWrite) / GB;
  const egress = writtenGB * (1 + (replicated ? 1 : 0)) * c.egressUSDPerGB;
  const drills = strategy.drills.perYear * strategy.drills.costUSD * years;
  return { compute, controlPlanes, storage, egress, drills, total: compute + controlPlanes + storage + egress + drills };
}

/** Surge compute (share of the workload × seconds) at the workload's compute price. */
export function surgeCost(scenario: Scenario, surgeComputeSeconds: number): number {
  return (surgeComputeSeconds / YEAR_SECONDS) * scenario.costs.computeUSDPerYear;
}

export function penaltyCost(scenario: Scenario, downtimeSeconds: number, lostWrites: number): number {
  const c = scenario.costs;
  return (c.downtimeUSDPerMinute * downtimeSeconds) / 60 + c.lostWriteUSD * lostWrites;
}
