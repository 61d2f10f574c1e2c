// A pool of worker threads that simulates batches of replications. Reusable across runs (a sweep
// creates one pool and runs every grid point on it): each run sends the scenario to every worker
// once, then hands out batches to whichever worker has room. Results are delivered in batch order,
// so scheduling never affects the output, and while they are consumed later batches simulate.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { expectedEventsPerReplication } from "../scenario/limits.js";
import type { Scenario } from "../scenario/types.js";
import { transferables } from "./columns.js";
import type { FromWorker, ToWorker, WorkerInit } from "./protocol.js";
import type { ColumnarResult, ReplicationRange } from "./types.js";

const WORKER_URL = new URL("./worker.js", import.meta.url);

/** Batches a worker holds at once: one simulating, one waiting, so it never idles on the main thread. */
const IN_HAND = 2;
/** Batches dispatched ahead of the last one delivered, per worker: bounds the results held for their turn. */
const AHEAD_PER_WORKER = 4;
/** Bytes of results held for their turn past which no further batch is dispatched (a run with many incidents). */
const HELD_BYTES = 64 * 2 ** 20;

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

export interface PoolRunOptions {
  readonly signal?: AbortSignal;
  /**
   * `onResult` only borrows each result: it keeps none of its arrays once its promise settles, so
   * their buffers go back to the worker that filled them, to pack a later batch into.
   */
  readonly lent?: boolean;
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
   * batch *in batch order*, each call awaited before the next: results that finish early wait
   * their turn, and no batch is dispatched more than a window ahead of the last one delivered, so a
   * slow consumer (a sink writing files) holds the workers back instead of letting results pile
   * up in memory. Each worker has two batches in hand, so it never idles while the main thread
   * answers. Rejects on the first worker failure (and the pool is then closed), on the first
   * failure of `onResult`, or when `signal` aborts.
   */
  async run(
    scenario: Scenario,
    batches: readonly ReplicationRange[],
    onResult: (batchIndex: number, result: ColumnarResult) => void | Promise<void>,
    options: PoolRunOptions = {},
  ): Promise<void> {
    const { signal, lent = false } = options;
    if (this.closed) throw new Error("the worker pool is closed");
    if (this.busy) throw new Error("the worker pool is already running");
    if (batches.length === 0) return;
    this.busy = true;
    const modelId = this.nextModelId++;
    const window = AHEAD_PER_WORKER * this.size;
    try {
      await new Promise<void>((resolve, reject) => {
        let next = 0;
        let delivered = 0;
        let delivering = false;
        let settled = false;
        /** Results waiting for their turn: each with the worker that filled it, its buffers and their bytes. */
        const ready = new Map<number, { result: ColumnarResult; from: Worker; buffers: ArrayBuffer[]; bytes: number }>();
        let heldBytes = 0;
        const cleanups: (() => void)[] = [];
        const slots = this.workers.map((worker) => ({ worker, batches: [] as number[] }));
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
        const dispatch = (): void => {
          for (const slot of slots) {
            // The batch due next is always in a worker's hand already: holding back the others cannot stall.
            while (slot.batches.length < IN_HAND && next < batches.length && next < delivered + window && heldBytes < HELD_BYTES) {
              slot.batches.push(next);
              const { start, end } = batches[next++]!;
              slot.worker.postMessage({ kind: "batch", modelId, start, end } satisfies ToWorker);
            }
          }
        };
        // Hands the results over in batch order, one at a time (a call may await its sinks).
        const deliver = async (): Promise<void> => {
          if (delivering) return;
          delivering = true;
          try {
            while (!settled && ready.has(delivered)) {
              const { result, from, buffers, bytes } = ready.get(delivered)!;
              ready.delete(delivered);
              heldBytes -= bytes;
              await onResult(delivered, result);
              if (lent) from.postMessage({ kind: "spare", buffers } satisfies ToWorker, buffers);
              delivered++;
              dispatch();
            }
            if (delivered === batches.length) finish();
          } catch (error) {
            finish(error);
          } finally {
            delivering = false;
          }
        };
        for (const slot of slots) {
          const { worker } = slot;
          const onMessage = (message: FromWorker): void => {
            if (settled) return;
            if (message.kind === "error") {
              finish(new WorkerError(message.name, message.message, message.stack));
              return;
            }
            // A worker answers its batches in the order it was given them.
            const index = slot.batches.shift()!;
            const buffers = transferables(message.result);
            const bytes = buffers.reduce((n, b) => n + b.byteLength, 0);
            ready.set(index, { result: message.result, from: worker, buffers, bytes });
            heldBytes += bytes;
            dispatch();
            void deliver();
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
        }
        dispatch();
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
