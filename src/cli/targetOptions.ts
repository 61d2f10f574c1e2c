// The target flags, shared by `run` and `recommend`: each sets one of the scenario's targets
// (`targets:`) over what the file says, in SI units (src/scenario/targets.ts). Durations need their
// unit: `--rto 15` is an error that suggests 15m, not 15 seconds.
import { InvalidArgumentError, type Command } from "commander";
import type { Targets } from "../scenario/targets.js";
import { durationFlag } from "./options.js";

export interface TargetFlags {
  rto?: number;
  rpo?: number;
  availability?: number;
  confidence?: number;
  budget?: number;
  includeCorruption?: boolean;
}

/** "99.95" or "99.95%" → 0.9995. */
function availabilityPercent(text: string): number {
  const x = Number(text.trim().replace(/\s*%$/, ""));
  if (!(x > 0 && x <= 100)) throw new InvalidArgumentError("Expected a percentage in (0, 100], e.g. 99.95.");
  return x / 100;
}

function probability(text: string): number {
  const x = Number(text.trim());
  if (!(x > 0 && x < 1)) throw new InvalidArgumentError("Expected a probability in (0, 1), e.g. 0.95.");
  return x;
}

function dollars(text: string): number {
  const x = Number(text.trim().replace(/^\$/, "").replaceAll(",", "").replaceAll("_", ""));
  if (!(x >= 0) || !Number.isFinite(x)) throw new InvalidArgumentError("Expected an amount in USD, e.g. 250000.");
  return x;
}

/** Adds the target flags to `cmd`. */
export function targetOptions(cmd: Command): Command {
  return cmd
    .option("--rto <duration>", "RTO target: every region failure of a year back within this (with its unit: 15m, 1h)", durationFlag)
    .option("--rpo <duration>", "RPO target: every region failure of a year loses at most this much time of writes (0, 30s, 1m)", durationFlag)
    .option("--availability <percent>", "availability target for every year, in percent (request-weighted), e.g. 99.95", availabilityPercent)
    .option("--confidence <p>", "share of years that must demonstrably keep each promise (default: the scenario's, else 0.95)", probability)
    .option("--budget <usd>", "maximum mean total cost of risk per year (USD)", dollars)
    .option("--include-corruption", "hold corruption restores to the RTO/RPO targets too (default: region failures only)");
}

/** The targets the flags set (undefined where a flag was not given). */
export function targetSettings(flags: TargetFlags): Partial<Targets> {
  return {
    rto: flags.rto,
    rpo: flags.rpo,
    availability: flags.availability,
    confidence: flags.confidence,
    budget: flags.budget,
    includeCorruption: flags.includeCorruption === true ? true : undefined,
  };
}
