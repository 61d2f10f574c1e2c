// Runs several variants of one scenario (sweep points, sensitivity low/high cases) one after the
// other on a single worker pool: threads start once, and each run's result is handed to `onRun`
// and then dropped, so memory holds one run at a time. Every variant keeps the scenario's seed,
// which is what makes them common-random-number comparisons (see docs/decision.md).
import type { Scenario } from "../scenario/types.js";
import { defaultWorkers, runMonteCarlo, WorkerPool } from "../montecarlo/index.js";
import type { RunResult } from "../montecarlo/index.js";

export interface RunManyOptions {
  readonly scenarios: readonly Scenario[];
  /** Worker threads; 1 runs one replication at a time (in-process when the run is small). Default: every core. */
  readonly workers?: number;
  /** Called with each run, in order; may be async (e.g. to write its files). */
  readonly onRun: (index: number, run: RunResult) => void | Promise<void>;
  /** Replications done over all runs, and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export async function runMany(options: RunManyOptions): Promise<void> {
  const { scenarios } = options;
  const total = scenarios.reduce((s, x) => s + x.run.runs, 0);
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), Math.ceil(total / 200)));
  const pool = workers > 1 ? new WorkerPool(workers) : undefined;
  let before = 0;
  try {
    for (const [i, scenario] of scenarios.entries()) {
      const run = await runMonteCarlo({
        scenario,
        pool,
        workers: 1,
        signal: options.signal,
        onProgress: (done) => options.onProgress?.(before + done, total),
      });
      before += scenario.run.runs;
      await options.onRun(i, run);
    }
  } finally {
    await pool?.close();
  }
}
