// The two model functions the runner needs. The real model is the default; `modelModule` (a URL
// of an ES module exporting the same two functions) is a test seam, so the pool and merge machinery
// can be exercised with a tiny synthetic model.
import type { Scenario } from "../scenario/types.js";
import type { ReplicationResult, TraceSink } from "../outcomes/results.js";

export interface ModelApi<M = unknown> {
  compileModel(scenario: Scenario): M;
  simulateReplication(
    model: M,
    seed: number,
    replication: number,
    trace?: { readonly strategy: number; readonly sink: TraceSink },
  ): ReplicationResult;
}

/** Loads the model: the real one, or the module at `modelModule` (a file: URL or path). */
export async function loadModelApi(modelModule?: string): Promise<ModelApi> {
  if (modelModule === undefined) return (await import("../replication/replication.js")) as ModelApi;
  const mod = (await import(modelModule)) as Partial<ModelApi>;
  if (typeof mod.compileModel !== "function" || typeof mod.simulateReplication !== "function") {
    throw new Error(`${modelModule} does not export compileModel and simulateReplication`);
  }
  return mod as ModelApi;
}
