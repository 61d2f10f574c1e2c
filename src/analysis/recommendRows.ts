// The recommendation of a saved run, from its rows through the run store: the same accumulator and
// the same feed order as a run in memory (recommend.ts), so report.html — drawn from the files of a
// run or of a merge alike — decides exactly as the terminal did. Memory stays bounded: the rows are
// read once per pass the order statistics need.
import type { RowSource } from "../store/rows.js";
import { openRows } from "../store/runDir.js";
import { startAside, type AsideTask } from "../threads.js";
import { DecisionAccumulator, type StrategyInfo } from "./decisionAccumulator.js";
import { decide, type Recommendation, type RunIdentity, type Targets } from "./recommend.js";

const METRICS = ["unavailability", "costUSD", "standingCostUSD"] as const;
const INCIDENTS = ["cause", "rto", "rpo"] as const;

/** The recommendation of the run whose rows `rows` reads (strategies in the rows' order; `years` of them, when known). */
export async function recommendSavedRun(
  rows: RowSource,
  strategies: readonly StrategyInfo[],
  targets: Targets,
  run: RunIdentity,
  years?: number,
): Promise<Recommendation> {
  const acc = new DecisionAccumulator(strategies, targets, undefined, years);
  while (acc.needsPass) {
    for await (const batch of rows.read({ metrics: METRICS, incidents: INCIDENTS })) acc.addYears(batch);
    acc.endPass();
  }
  return decide(acc.evidence(), targets, run);
}

/** A saved run to decide on, as plain data (it crosses to a thread). */
export interface SavedRun {
  readonly dir: string;
  /** Replications in the run directory. */
  readonly runs: number;
  /** In the rows' order. */
  readonly strategies: readonly StrategyInfo[];
  readonly targets: Targets;
  readonly run: RunIdentity;
}

/** The recommendation of the run saved in `saved.dir`, read through the run store. */
export async function decideSavedRun(saved: SavedRun): Promise<Recommendation> {
  const { dir, runs, strategies, targets, run } = saved;
  const rows = openRows(dir, { strategies: strategies.map((s) => s.id), range: { start: 0, end: runs } }).source;
  return recommendSavedRun(rows, strategies, targets, run, runs);
}

/**
 * Rows (replications × strategies) from which deciding on a thread of its own pays: below, the
 * thread's start (~0.1 s of loading modules) is more than the decision (~1.5 µs a row) it frees.
 */
const ASIDE_ROWS = 1e5;

/**
 * decideSavedRun on a thread of its own (see threads.ts), so a caller reading the same rows for
 * something else (the charts) reads them meanwhile; a small run is decided on this thread.
 */
export function decideSavedRunAside(saved: SavedRun): AsideTask<Recommendation> {
  const aside = saved.runs * saved.strategies.length >= ASIDE_ROWS;
  return startAside(new URL("./decisionThread.js", import.meta.url), decideSavedRun, saved, aside);
}
