// Loading a scenario for a command and applying the command-line settings on top of it.
import { UserError } from "../errors.js";
import { loadScenario } from "../replication/scenario.js";
import type { Scenario } from "../scenario/types.js";
import { unknownMessage } from "./suggest.js";

export interface RunSettings {
  readonly overrides?: readonly { path: string; value: string }[];
  readonly runs?: number;
  readonly seed?: number;
  /** Seconds. */
  readonly horizon?: number;
  /** A subset of strategy ids; the scenario's order is kept. */
  readonly strategies?: readonly string[];
}

/** Keeps the named strategies, in the scenario's order; an unknown id is a UserError with a suggestion. */
export function selectStrategies(scenario: Scenario, ids: readonly string[]): Scenario {
  const known = scenario.strategies.map((s) => s.id);
  for (const id of ids) {
    if (!known.includes(id)) throw new UserError(`--strategies: ${unknownMessage("strategy", id, known)}`);
  }
  return { ...scenario, strategies: scenario.strategies.filter((s) => ids.includes(s.id)) };
}

/** The scenario as it will run: file + --set overrides, then -n/--seed/--horizon/--strategies. */
export async function loadForRun(file: string, settings: RunSettings): Promise<Scenario> {
  const loaded = await loadScenario(file, settings.overrides === undefined ? undefined : { overrides: settings.overrides });
  const run = {
    runs: settings.runs ?? loaded.run.runs,
    seed: settings.seed ?? loaded.run.seed,
    horizon: settings.horizon ?? loaded.run.horizon,
  };
  const scenario: Scenario = { ...loaded, run };
  return settings.strategies === undefined ? scenario : selectStrategies(scenario, settings.strategies);
}
