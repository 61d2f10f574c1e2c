// The model's two registries — the world's failure processes and the strategy mechanisms — as one
// value, so the scenario schema, the world and the services of a run all come from the same ones.
// Tests extend them with withEntries(): a new value, nothing global changes, so a toy process or
// mechanism never leaks into another test.
import { MECHANISMS } from "../strategies/registry.js";
import type { Mechanism } from "../strategies/mechanism.js";
import type { FailureProcess } from "../world/process.js";
import { FAILURE_PROCESSES } from "../world/registry.js";

export interface Registries {
  /** In drawing order; their scenario parts are placed in this order too. */
  readonly processes: readonly FailureProcess[];
  readonly mechanisms: readonly Mechanism[];
}

/** What drsim simulates. */
export const REGISTRIES: Registries = { processes: FAILURE_PROCESSES, mechanisms: MECHANISMS };

/**
 * `base` with `extra` processes and mechanisms after its own: how a test (or an experiment) adds
 * one without editing a list — pass the result to loadScenario, scenarioJsonSchema and compileModel.
 */
export function withEntries(extra: Partial<Registries>, base: Registries = REGISTRIES): Registries {
  return {
    processes: [...base.processes, ...(extra.processes ?? [])],
    mechanisms: [...base.mechanisms, ...(extra.mechanisms ?? [])],
  };
}
