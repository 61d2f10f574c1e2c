// Worker-thread entry: compiles each scenario it is sent once, then simulates the batches it is
// given and posts their columns back as transferables (no copy), packing them into the buffers the
// main thread hands back when it has consumed them.
import { parentPort, workerData } from "node:worker_threads";
import { BatchSimulator, BufferShelf } from "./batch.js";
import { transferables } from "./columns.js";
import { loadModelApi } from "./modelApi.js";
import type { FromWorker, ToWorker, WorkerInit } from "./protocol.js";

const port = parentPort;
if (port === null) throw new Error("montecarlo/worker.js must run in a worker thread");
const init = workerData as WorkerInit;
const api = await loadModelApi(init.modelModule);

let current: { modelId: number; simulator: BatchSimulator } | undefined;
/** The worker's, not a model's: a sweep's grid points all pack into the same buffers. */
const shelf = new BufferShelf();
let compileError: unknown;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function postError(error: unknown): void {
  const e = error instanceof Error ? error : new Error(String(error));
  post({ kind: "error", name: e.name, message: e.message, stack: e.stack });
}

port.on("message", (message: ToWorker) => {
  if (message.kind === "spare") {
    shelf.put(message.buffers);
    return;
  }
  if (message.kind === "model") {
    compileError = undefined;
    try {
      const s = message.scenario;
      current = { modelId: message.modelId, simulator: new BatchSimulator(api, api.compileModel(s), s.run.seed, s.strategies.length, shelf) };
    } catch (error) {
      current = undefined;
      compileError = error;
    }
    return;
  }
  try {
    if (compileError !== undefined) throw compileError;
    if (current?.modelId !== message.modelId) throw new Error(`worker has no model ${message.modelId}`);
    const result = current.simulator.simulate({ start: message.start, end: message.end });
    post({ kind: "result", result }, transferables(result));
  } catch (error) {
    postError(error);
  }
});
