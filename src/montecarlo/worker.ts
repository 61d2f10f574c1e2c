// Worker-thread entry: compiles each scenario it is sent once, then simulates the batches it is
// given and posts their columns back as transferables (no copy).
import { parentPort, workerData } from "node:worker_threads";
import { simulateBatch } from "./batch.js";
import { transferables } from "./columns.js";
import { loadModelApi } from "./modelApi.js";
import type { FromWorker, ToWorker, WorkerInit } from "./protocol.js";

const port = parentPort;
if (port === null) throw new Error("montecarlo/worker.js must run in a worker thread");
const init = workerData as WorkerInit;
const api = await loadModelApi(init.modelModule);

let current: { modelId: number; model: unknown; seed: number; strategyCount: number } | undefined;
let compileError: unknown;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function postError(error: unknown): void {
  const e = error instanceof Error ? error : new Error(String(error));
  post({ kind: "error", name: e.name, message: e.message, stack: e.stack });
}

port.on("message", (message: ToWorker) => {
  if (message.kind === "model") {
    compileError = undefined;
    try {
      const s = message.scenario;
      current = { modelId: message.modelId, model: api.compileModel(s), seed: s.run.seed, strategyCount: s.strategies.length };
    } catch (error) {
      current = undefined;
      compileError = error;
    }
    return;
  }
  try {
    if (compileError !== undefined) throw compileError;
    if (current?.modelId !== message.modelId) throw new Error(`worker has no model ${message.modelId}`);
    const range = { start: message.start, end: message.end };
    const result = simulateBatch(api, current.model, current.seed, current.strategyCount, range);
    post({ kind: "result", result }, transferables(result));
  } catch (error) {
    postError(error);
  }
});
