// Messages between the runner (main thread) and its worker threads.
import type { Scenario } from "../scenario/types.js";
import type { ColumnarResult } from "./types.js";

export interface WorkerInit {
  /** Test seam: module exporting compileModel/simulateReplication; undefined = the real model. */
  readonly modelModule: string | undefined;
}

export type ToWorker =
  /** Sent once per run (structured clone): the worker compiles it once and keeps it for the batches. */
  | { readonly kind: "model"; readonly modelId: number; readonly scenario: Scenario }
  | { readonly kind: "batch"; readonly modelId: number; readonly start: number; readonly end: number }
  /** A delivered result's buffers, transferred back: the worker packs later results into them. */
  | { readonly kind: "spare"; readonly buffers: readonly ArrayBuffer[] };

export type FromWorker =
  | { readonly kind: "result"; readonly result: ColumnarResult }
  | { readonly kind: "error"; readonly name: string; readonly message: string; readonly stack: string | undefined };
