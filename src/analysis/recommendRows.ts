// The recommendation of a saved run, from its rows through the run store: the same accumulator and
// the same feed order as a run in memory (recommend.ts), so report.html — drawn from the files of a
// run or of a merge alike — decides exactly as the terminal did. Memory stays bounded: the rows are
// read once per pass the order statistics need.
import type { RowSource } from "../store/rows.js";
import { DecisionAccumulator, feedYears, type StrategyInfo } from "./decisionAccumulator.js";
import { decide, type Recommendation, type RunIdentity, type Targets } from "./recommend.js";

const METRICS = ["unavailability", "costUSD", "standingCostUSD"] as const;
const INCIDENTS = ["cause", "rto", "rpo"] as const;

/** The recommendation of the run whose rows `rows` reads (strategies in the rows' order). */
export async function recommendSavedRun(
  rows: RowSource,
  strategies: readonly StrategyInfo[],
  targets: Targets,
  run: RunIdentity,
): Promise<Recommendation> {
  const acc = new DecisionAccumulator(strategies, targets);
  while (acc.needsPass) {
    for await (const batch of rows.read({ metrics: METRICS, incidents: INCIDENTS })) feedYears(acc, batch);
    acc.endPass();
  }
  return decide(acc.evidence(), targets, run);
}
