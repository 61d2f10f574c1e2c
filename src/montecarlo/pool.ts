// A pool of worker threads that simulates batches of replications. Reusable across runs (a sweep
// creates one pool and runs every grid point on it): each run sends the scenario to every worker
// once, then hands out batches to whichever worker is idle. Results are delivered with their batch
// index; the caller places them by replication index, so scheduling never affects the output.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { expectedEventsPerReplication } from "../scenario/limits.js";
import type { Scenario } from "../scenario/types.js";
import type { FromWorker, ToWorker, WorkerInit } from "./protocol.js";
import type { ColumnarResult, ReplicationRange } from "./types.js";

const WORKER_URL = new URL("./worker.js", import.meta.url);

/**
 * Work the main thread may do itself: replications × (1 + expected events each). Simulating is
 * synchronous, and a signal (Ctrl-C, SIGTERM) is only heard between batches on the thread that
 * simulates; measured, this much work is about ½ s (a replication costs ~0.1 ms plus 2–40 µs per
 * event). Anything larger runs in worker threads — one with --workers 1 — so the main thread stays
 * free to hear a signal and stop at once, even in the middle of a replication.
 */
export const IN_PROCESS_WORK = 2e4;

/**
 * Whether `replications` of `scenario` are small enough to simulate on the main thread — or must:
 * run from the TypeScript sources (the unit tests) there is no compiled worker to start.
 */
export function mayRunInProcess(scenario: Scenario, replications: number): boolean {
  return replications * (1 + expectedEventsPerReplication(scenario)) <= IN_PROCESS_WORK || !existsSync(fileURLToPath(WORKER_URL));
}

/** An error raised inside a worker, re-created in the main thread with the worker's stack. */
export class WorkerError extends Error {
  constructor(name: string, message: string, stack: string | undefined) {
    super(message);
    this.name = name;
    if (stack !== undefined) this.stack = stack;
  }
}

export interface PoolOptions {
  /** Test seam: a module URL exporting compileModel/simulateReplication instead of the real model. */
  readonly modelModule?: string;
}

export class WorkerPool {
  private readonly workers: Worker[];
  private nextModelId = 0;
  private busy = false;
  private closed = false;

  /** The model module its workers load (undefined = the real model). */
  readonly modelModule: string | undefined;

  constructor(
    readonly size: number,
    options: PoolOptions = {},
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer: ${size}`);
    this.modelModule = options.modelModule;
    const init: WorkerInit = { modelModule: options.modelModule };
    this.workers = Array.from({ length: size }, () => new Worker(WORKER_URL, { workerData: init }));
  }

  /**
   * Simulates `batches` of `scenario` (run.seed is the master seed), calling `onResult` once per
   * batch in completion order. Rejects on the first worker failure (and the pool is then closed)
   * or when `signal` aborts.
   */
  async run(
    scenario: Scenario,
    batches: readonly ReplicationRange[],
    onResult: (batchIndex: number, result: ColumnarResult) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    if (this.closed) throw new Error("the worker pool is closed");
    if (this.busy) throw new Error("the worker pool is already running");
    if (batches.length === 0) return;
    this.busy = true;
    const modelId = this.nextModelId++;
    try {
      await new Promise<void>((resolve, reject) => {
        let next = 0;
        let done = 0;
        let settled = false;
        const cleanups: (() => void)[] = [];
        const finish = (error?: unknown): void => {
          if (settled) return;
          settled = true;
          for (const c of cleanups) c();
          if (error === undefined) resolve();
          else {
            void this.close();
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        };
        const dispatch = (worker: Worker, slot: { batch: number }): void => {
          if (next >= batches.length) return;
          slot.batch = next++;
          const { start, end } = batches[slot.batch]!;
          worker.postMessage({ kind: "batch", modelId, start, end } satisfies ToWorker);
        };
        for (const worker of this.workers) {
          const slot = { batch: -1 };
          const onMessage = (message: FromWorker): void => {
            if (settled) return;
            if (message.kind === "error") {
              finish(new WorkerError(message.name, message.message, message.stack));
              return;
            }
            try {
              onResult(slot.batch, message.result);
            } catch (error) {
              finish(error);
              return;
            }
            done++;
            if (done === batches.length) finish();
            else dispatch(worker, slot);
          };
          const onError = (error: Error): void => finish(error);
          const onExit = (code: number): void => finish(new Error(`a worker thread exited unexpectedly (code ${code})`));
          worker.on("message", onMessage);
          worker.on("error", onError);
          worker.on("exit", onExit);
          cleanups.push(() => {
            worker.off("message", onMessage);
            worker.off("error", onError);
            worker.off("exit", onExit);
          });
          worker.postMessage({ kind: "model", modelId, scenario } satisfies ToWorker);
          dispatch(worker, slot);
        }
        if (signal !== undefined) {
          const onAbort = (): void => finish(signal.reason ?? new Error("aborted"));
          if (signal.aborted) onAbort();
          signal.addEventListener("abort", onAbort, { once: true });
          cleanups.push(() => signal.removeEventListener("abort", onAbort));
        }
      });
    } finally {
      this.busy = false;
    }
  }

  /** Terminates every worker. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
