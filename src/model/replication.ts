// Entry point of the model: one replication of the world, simulated once per strategy.
import type { Scenario } from "./scenario/types.js";
import type { ReplicationResult, TraceSink } from "./results.js";

/** A scenario with its distributions built once, reused for every replication. */
export interface CompiledModel {
  readonly scenario: Scenario;
}

export function compileModel(scenario: Scenario): CompiledModel {
  return { scenario };
}

/**
 * Replication `replication` under master seed `seed`: depends on nothing else, so any worker can
 * build any replication. `trace`, when given, receives the event log of strategy `traceStrategy`.
 */
export function simulateReplication(
  _model: CompiledModel,
  _seed: number,
  _replication: number,
  _trace?: { readonly strategy: number; readonly sink: TraceSink },
): ReplicationResult {
  throw new Error("simulateReplication: the model is being written (issue 3)");
}
