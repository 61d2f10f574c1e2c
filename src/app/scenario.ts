// Loading a scenario for a use case: the file (or the built-in default), `--set` overrides, then
// the run settings on top — replications, seed, horizon and a subset of strategies.
import { UserError } from "../errors.js";
import { loadScenario } from "../replication/scenario.js";
import { defaultScenarioPath, type ScenarioOverride } from "../scenario/load.js";
import { closest } from "../scenario/suggest.js";
import { withTargets, type Targets } from "../scenario/targets.js";
import type { ShardSpec } from "../montecarlo/shard.js";
import { oneProcessProblem } from "./scaleout/limits.js";
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
  /** Targets set over the scenario's own (`targets:`), as --rto, --rpo… do; SI units (seconds, fractions, USD). */
  readonly targets?: Partial<Targets>;
  /** The shard this process runs: its share of the replications must fit this machine. */
  readonly shard?: ShardSpec;
  /**
   * The replications are streamed through, never held (a run, a shard), or only one is simulated (a
   * trace): run.runs need not fit this machine's memory. Analyses that hold their runs (sweep,
   * recommend, sensitivity) leave it unset.
   */
  readonly streamed?: boolean;
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

/** `scenario` with `targets`, placed where the schema places them: just before `strategies`. */
function withTargetsAt(scenario: Scenario, targets: Targets): Scenario {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(scenario)) {
    if (key === "targets") continue;
    if (key === "strategies") out["targets"] = targets;
    out[key] = value;
  }
  return out as unknown as Scenario;
}

/** Whether `targets` sets anything (a flag given), rather than being empty or all undefined. */
function setsAny(targets: Partial<Targets> | undefined): targets is Partial<Targets> {
  return targets !== undefined && Object.values(targets).some((v) => v !== undefined);
}

/**
 * runs, seed and horizon as overrides naming their option: the loader checks them like the values of
 * a file (a horizon too long, too many events per replication), and its messages name the option.
 */
function runOverrides(settings: RunSettings): ScenarioOverride[] {
  const set = (path: string, value: number | undefined, option: string): ScenarioOverride[] =>
    value === undefined ? [] : [{ path, value: String(value), option }];
  return [...set("run.runs", settings.runs, "-n"), ...set("run.seed", settings.seed, "--seed"), ...set("run.horizon", settings.horizon, "--horizon")];
}

/**
 * The scenario as it will run: file (undefined: the built-in default) + overrides, then runs, seed,
 * horizon, targets and strategies. The targets land in the scenario (and so in scenario.json, which
 * the report reads): what was judged is recorded with the run.
 */
export async function loadForRun(file: string | undefined, settings: RunSettings = {}): Promise<Scenario> {
  const overrides = [...(settings.overrides ?? []), ...runOverrides(settings)];
  // The replications this process holds must fit this machine, whether -n or run.runs asks for them.
  const shards = settings.shard?.count ?? 1;
  const check = (s: Scenario): { path: string[]; message: string } | undefined => {
    const message = settings.streamed === true ? undefined : oneProcessProblem(Math.ceil(s.run.runs / shards));
    return message === undefined ? undefined : { path: ["run", "runs"], message };
  };
  const loaded = await loadScenario(file ?? defaultScenarioPath(), { overrides, check });
  // Targets set by flags go where the scenario writes them, or replace its own there.
  const scenario: Scenario = setsAny(settings.targets) ? withTargetsAt(loaded, withTargets(loaded.targets, settings.targets)) : loaded;
  return settings.strategies === undefined ? scenario : selectStrategies(scenario, settings.strategies);
}
