// Option-value parsers shared by commands. They throw commander's InvalidArgumentError, which
// commander reports as "option '…' argument '…' is invalid. <reason>" and main() turns into exit 2.
import { InvalidArgumentError, type Command } from "commander";
import { UserError } from "../errors.js";
import { parseDuration } from "../scenario/units.js";
import { MAX_RUNS, MAX_SHARDS, checkOneProcess, maxWorkers } from "../app/scaleout/limits.js";
import { parseShard } from "../app/scaleout/shardEnv.js";
import type { ShardSpec } from "../montecarlo/shard.js";

/** 1e10 rather than 10000000000: limits read as they are written. */
function formatCount(n: number): string {
  const exponent = Math.log10(n);
  return n >= 1e6 && Number.isInteger(exponent) ? `1e${exponent}` : String(n);
}

/** Digits, or digits with a power of ten ("1e6": studies are sized in powers of ten). */
function integer(text: string, min: number, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\s*\d+(e\d+)?\s*$/i.test(text) ? Number(text) : NaN;
  if (Number.isNaN(value) || value < min || !Number.isInteger(value)) throw new InvalidArgumentError(`Expected ${what} such as 250 or 1e6.`);
  if (value > max) throw new InvalidArgumentError(`Expected at most ${formatCount(max)}.`);
  return value;
}

export const positiveInteger = (text: string): number => integer(text, 1, "a positive integer");
export const nonNegativeInteger = (text: string): number => integer(text, 0, "a non-negative integer");

/** Replications of a run or study: at most MAX_RUNS (limits.ts says why). */
export const replications = (text: string): number => integer(text, 1, "a positive integer", MAX_RUNS);

/** Shards of a study: at most MAX_SHARDS. */
export const shardCount = (text: string): number => integer(text, 1, "a positive integer", MAX_SHARDS);

/** Worker threads: at most two per core of this machine (limits.ts says why). */
export function workers(text: string): number {
  const value = integer(text, 1, "a positive integer");
  const max = maxWorkers();
  if (value > max) throw new InvalidArgumentError(`Expected at most ${max} (two per core; this machine has ${max / 2}).`);
  return value;
}

/**
 * A duration flag: a number with its unit ("15m", "1h30m", "2d"), or 0. A bare number is an error
 * that suggests the units: `--rto 15` would otherwise silently mean 15 seconds.
 */
export function durationFlag(text: string): number {
  const value = text.trim();
  if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(value) && Number(value) !== 0) {
    throw new InvalidArgumentError(`${value} has no unit: write ${value}s for seconds, ${value}m for minutes, ${value}h for hours or ${value}d for days.`);
  }
  try {
    return parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}.`);
  }
}

/** A duration flag such as "1y", "30d", "6h"; must be positive. */
export function horizon(text: string): number {
  const seconds = durationFlag(text);
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new InvalidArgumentError("Expected a positive duration such as 1y, 30d or 6h.");
  return seconds;
}

export function shard(text: string): ShardSpec {
  try {
    return parseShard(text);
  } catch (error) {
    if (error instanceof UserError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** "a,b,c" → ["a", "b", "c"] (empty items dropped). */
export function list(text: string): string[] {
  const items = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (items.length === 0) throw new InvalidArgumentError("Expected a comma-separated list.");
  return items;
}

/** Repeatable `--set path=value`: a scenario override, as the loader takes them. */
export function collectOverride(text: string, previous: { path: string; value: string }[] = []): { path: string; value: string }[] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError("Expected path=value, e.g. workload.requestsPerSecond=500.");
  return [...previous, { path: text.slice(0, eq).trim(), value: text.slice(eq + 1) }];
}

/** The values `simulationOptions` defines, for the commands' option types to extend. */
export interface SimulationFlags {
  runs?: number;
  seed?: number;
  horizon?: number;
  strategies?: string[];
  workers?: number;
}

/** The simulation flags as a use case takes them (src/app/study.ts), without the command's other flags. */
export function simulationSettings(flags: SimulationFlags): SimulationFlags {
  const { runs, seed, horizon, strategies, workers } = flags;
  return { runs, seed, horizon, strategies, workers };
}

/**
 * The options of every command that simulates: how many replications, which seed, horizon,
 * strategies and workers. `per` names what each set of replications is for in a command that runs
 * several ("point" of a sweep, "case" of a sensitivity analysis), which share one seed and one pool.
 * `holds`: the command keeps its replications in memory, so -n must fit this machine (a run streams).
 */
export function simulationOptions(cmd: Command, per?: string, holds = true): Command {
  return (
    cmd
      .option("-n, --runs <n>", `replications${per ? ` per ${per}` : ""} (default: the scenario's run.runs)`, replications)
      .option("--seed <seed>", `master seed${per ? `, the same for every ${per}` : ""} (default: the scenario's run.seed)`, nonNegativeInteger)
      .option("--horizon <duration>", "simulated time per replication, e.g. 1y, 90d, 6h (default: run.horizon)", horizon)
      .option("--strategies <ids>", "comma-separated subset of strategy ids (kept in scenario order)", list)
      .option("--workers <n>", `worker threads${per ? `, shared by every ${per}` : ""} (default: all cores; 1 = one at a time)`, workers)
      // Before any work: the replications an analysis holds must fit in this machine (a run streams them).
      .hook("preAction", (command) => {
        const { runs, shard: part } = command.opts<{ runs?: number; shard?: ShardSpec }>();
        if (holds && runs !== undefined) checkOneProcess(part === undefined ? runs : Math.ceil(runs / part.count), "-n");
      })
  );
}
