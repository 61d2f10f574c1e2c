// The Monte Carlo runner: replications [start, end) of a resolved scenario, in worker threads or
// in-process, combined strictly in replication order — so the result is identical for any worker
// count, batch size or shard split. Replication i depends only on (run.seed, i).
import { availableParallelism } from "node:os";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { REPLICATION_METRICS, type ReplicationMetric } from "../outcomes/results.js";
import type { Scenario } from "../scenario/types.js";
import { BatchSimulator, BufferShelf } from "./batch.js";
import { concatIncidents, copyIncidents, metricRecord, transferables } from "./columns.js";
import { loadModelApi } from "./modelApi.js";
import { WorkerPool, mayRunInProcess } from "./pool.js";
import { scenarioHash } from "../scenario/json.js";
import type { ColumnarResult, IncidentColumns, ReplicationRange, RunInfo, RunResult } from "./types.js";
import { drsimVersion } from "../version.js";

export interface RunOptions {
  /** The resolved scenario; run.runs, run.seed and run.horizon are final (CLI overrides applied). */
  readonly scenario: Scenario;
  /** Replications to run; default [0, run.runs). A shard passes its own range. */
  readonly range?: ReplicationRange;
  /** Worker threads; default os.availableParallelism(). 1 runs in-process when the run is small (pool.ts), else on one thread. */
  readonly workers?: number;
  /** Replications per task; default chosen from the range and the worker count (≥ 200). */
  readonly batchSize?: number;
  /** An existing pool to run on (a sweep reuses one across grid points); `workers` is then ignored. */
  readonly pool?: WorkerPool;
  /** Called after each batch with replications done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Test seam: a module URL exporting compileModel/simulateReplication instead of the real model. */
  readonly modelModule?: string;
}

export const MIN_BATCH = 200;
const MAX_BATCH = 5_000;
/**
 * Replication-years per batch at most: a batch's incidents grow with its simulated years, and a
 * run holds a window of batches, so long horizons get fewer replications per batch (a 25-year
 * horizon: 200, the minimum) and memory stays where a 1-year run has it.
 */
const MAX_BATCH_YEARS = 5_000;
const YEAR_SECONDS = 365.25 * 86_400;

/** Default worker count: every core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Splits a range into batches: about 8 per worker (load balance, progress) but never fewer than
 * MIN_BATCH replications, so the per-task cost (a message, a transfer) stays negligible, and at
 * most MAX_BATCH replications or MAX_BATCH_YEARS of `horizon` seconds each (bounded memory).
 */
export function planBatches(range: ReplicationRange, workers: number, batchSize?: number, horizon = YEAR_SECONDS): ReplicationRange[] {
  const total = range.end - range.start;
  const most = Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.floor((MAX_BATCH_YEARS * YEAR_SECONDS) / horizon)));
  const size = batchSize ?? Math.min(most, Math.max(MIN_BATCH, Math.ceil(total / (workers * 8))));
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer: ${size}`);
  const out: ReplicationRange[] = [];
  for (let start = range.start; start < range.end; start += size) {
    out.push({ start, end: Math.min(range.end, start + size) });
  }
  return out;
}

function checkRange(scenario: Scenario, range: ReplicationRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`bad replication range [${start}, ${end})`);
  }
  if (end > scenario.run.runs) throw new RangeError(`range end ${end} exceeds run.runs ${scenario.run.runs}`);
}

export interface StreamOptions extends RunOptions {
  /**
   * Each batch's columns, in replication order (the batches tile the range), awaited before the
   * next is handed over: a run's outputs are written while later batches simulate.
   */
  readonly onBatch: (batch: ColumnarResult) => void | Promise<void>;
  /**
   * `onBatch` only borrows each batch: it keeps none of its arrays once its promise settles (it
   * copies what it needs), so their memory is filled again by a later batch. A long run then
   * allocates nothing per batch.
   */
  readonly lent?: boolean;
}

/**
 * Runs the replications and hands their columns over batch by batch, in replication order, never
 * holding the run: memory is a window of batches, whatever the number of replications.
 */
export async function streamMonteCarlo(options: StreamOptions): Promise<RunInfo> {
  const { scenario, onProgress, signal, onBatch, lent = false } = options;
  const range = options.range ?? { start: 0, end: scenario.run.runs };
  checkRange(scenario, range);
  const total = range.end - range.start;
  const strategyCount = scenario.strategies.length;
  const workers = options.pool?.size ?? options.workers ?? defaultWorkers();
  const batches = planBatches(range, workers, options.batchSize, scenario.run.horizon);

  let done = 0;
  const deliver = async (batchIndex: number, result: ColumnarResult): Promise<void> => {
    const expected = batches[batchIndex]!;
    if (result.range.start !== expected.start || result.range.end !== expected.end) {
      throw new Error(`batch ${batchIndex} returned [${result.range.start}, ${result.range.end})`);
    }
    await onBatch(result);
    done += expected.end - expected.start;
    onProgress?.(done, total);
  };

  // Compiling in the main thread first surfaces scenario errors (with their class) before any thread starts.
  const modelModule = options.pool?.modelModule ?? options.modelModule;
  const api = await loadModelApi(modelModule);
  const model = api.compileModel(scenario);
  onProgress?.(0, total);

  // One batch (or one worker) runs in-process when it is small: starting a thread would cost more
  // than it saves. A larger one runs on a thread, so the main thread hears a signal at once.
  if (options.pool === undefined && (workers <= 1 || batches.length <= 1) && mayRunInProcess(scenario, total)) {
    const shelf = new BufferShelf();
    const simulator = new BatchSimulator(api, model, scenario.run.seed, strategyCount, shelf);
    for (let b = 0; b < batches.length; b++) {
      signal?.throwIfAborted();
      const result = simulator.simulate(batches[b]!);
      await deliver(b, result);
      // Moved, not merely shelved: the batch's arrays go empty, as a worker's do once handed back,
      // so a consumer that kept one fails loudly here too instead of reading a later batch.
      if (lent) {
        const buffers = transferables(result);
        shelf.put(structuredClone(buffers, { transfer: buffers }));
      }
      // Lets signals, timers and the progress display run between batches.
      await yieldToEventLoop();
    }
  } else {
    const pool = options.pool ?? new WorkerPool(Math.min(workers, Math.max(1, batches.length)), { modelModule });
    try {
      await pool.run(scenario, batches, deliver, { signal, lent });
    } finally {
      if (options.pool === undefined) await pool.close();
    }
  }
  return { scenario, scenarioHash: scenarioHash(scenario), drsim: drsimVersion(), range };
}

/**
 * Runs the replications and returns their columns, in replication order, all in memory: for
 * analyses that read the columns themselves (sweeps, sensitivity, recommendation). A study's run
 * streams instead (streamMonteCarlo).
 */
export async function runMonteCarlo(options: RunOptions): Promise<RunResult> {
  const range = options.range ?? { start: 0, end: options.scenario.run.runs };
  const total = range.end - range.start;
  const strategyCount = options.scenario.strategies.length;
  // Metrics land directly in their final arrays (one float per metric per replication); incident
  // columns are copied out of each batch (whose memory is lent) and joined in order at the end.
  const metrics = Array.from({ length: strategyCount }, () => metricRecord(() => new Float64Array(total)));
  const incidentParts: IncidentColumns[][] = Array.from({ length: strategyCount }, () => []);
  const info = await streamMonteCarlo({
    ...options,
    onBatch: (batch) => {
      const offset = batch.range.start - range.start;
      for (let s = 0; s < strategyCount; s++) {
        const from = batch.strategies[s]!;
        for (const metric of REPLICATION_METRICS) metrics[s]![metric as ReplicationMetric].set(from.metrics[metric], offset);
        incidentParts[s]!.push(copyIncidents(from.incidents));
      }
    },
    lent: true,
  });
  return { ...info, strategies: metrics.map((m, s) => ({ metrics: m, incidents: concatIncidents(incidentParts[s]!) })) };
}
