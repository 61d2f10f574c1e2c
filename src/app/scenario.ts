// Loading a scenario for a use case: the file (or the built-in default), `--set` overrides, then
// the run settings on top — replications, seed, horizon and a subset of strategies.
import { UserError } from "../errors.js";
import { loadScenario } from "../replication/scenario.js";
import { defaultScenarioPath } from "../scenario/load.js";
import { closest } from "../scenario/suggest.js";
import type { Scenario } from "../scenario/types.js";

export interface RunSettings {
  /** Scenario fields set by path, values in the scenario's own units (as `--set path=value`). */
  readonly overrides?: readonly { path: string; value: string }[];
  readonly runs?: number;
  readonly seed?: number;
  /** Seconds. */
  readonly horizon?: number;
  /** A subset of strategy ids; the scenario's order is kept. */
  readonly strategies?: readonly string[];
}

/** `unknown strategy "x" (did you mean "y"?); known: a, b`. */
export function unknownMessage(kind: string, name: string, known: readonly string[]): string {
  const guess = closest(name, known);
  return `unknown ${kind} "${name}"${guess === undefined ? "" : ` (did you mean "${guess}"?)`}; known: ${known.join(", ")}`;
}

/** Keeps the named strategies, in the scenario's order; an unknown id is a UserError with a suggestion. */
export function selectStrategies(scenario: Scenario, ids: readonly string[]): Scenario {
  const known = scenario.strategies.map((s) => s.id);
  for (const id of ids) {
    if (!known.includes(id)) throw new UserError(`--strategies: ${unknownMessage("strategy", id, known)}`);
  }
  return { ...scenario, strategies: scenario.strategies.filter((s) => ids.includes(s.id)) };
}

/** The scenario as it will run: file (undefined: the built-in default) + overrides, then runs, seed, horizon, strategies. */
export async function loadForRun(file: string | undefined, settings: RunSettings = {}): Promise<Scenario> {
  const loaded = await loadScenario(file ?? defaultScenarioPath(), settings.overrides === undefined ? undefined : { overrides: settings.overrides });
  const run = {
    runs: settings.runs ?? loaded.run.runs,
    seed: settings.seed ?? loaded.run.seed,
    horizon: settings.horizon ?? loaded.run.horizon,
  };
  const scenario: Scenario = { ...loaded, run };
  return settings.strategies === undefined ? scenario : selectStrategies(scenario, settings.strategies);
}
