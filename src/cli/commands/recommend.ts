// drsim recommend [SCENARIO] --rto D --rpo D: the cheapest strategy that demonstrably meets RTO,
// RPO (and availability, budget) targets, with the evidence for every candidate.
import { join } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { recommendStrategy } from "../../app/recommend.js";
import { recommendationJson, recommendationMarkdown, recommendationText } from "../../report/recommend.js";
import { parseDuration } from "../../scenario/units.js";
import { type SimulationFlags, collectOverride, simulationOptions, simulationSettings } from "../options.js";
import { withProgress } from "../progress.js";

interface RecommendFlags extends SimulationFlags {
  rto: number;
  rpo: number;
  availability?: number;
  confidence: number;
  budget?: number;
  includeCorruption?: boolean;
  set?: { path: string; value: string }[];
  json?: boolean;
  md?: boolean;
  out?: string;
  charts: boolean;
  quiet?: boolean;
  progress: boolean;
}

function target(text: string): number {
  try {
    return parseDuration(text.trim());
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}.`);
  }
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

export function define(cmd: Command): void {
  simulationOptions(cmd)
    .argument("[scenario]", "scenario file (YAML); none = the built-in default scenario")
    .requiredOption("--rto <duration>", "per-incident recovery time objective, e.g. 15m, 4h", target)
    .requiredOption("--rpo <duration>", "per-incident recovery point objective (seconds of writes lost), e.g. 0, 30s, 1m", target)
    .option("--availability <percent>", "annual availability target in percent (request-weighted), e.g. 99.95", availabilityPercent)
    .option("--confidence <p>", "required probability of meeting each target", probability, 0.95)
    .option("--budget <usd>", "maximum mean total cost of risk per year (USD)", dollars)
    .option("--include-corruption", "hold corruption-restore incidents to the RTO/RPO targets too (default: region failures only)")
    .option("--set <path=value>", "override a scenario field (repeatable)", collectOverride)
    .option("--json", "print the recommendation as JSON")
    .option("--md", "print the recommendation as Markdown")
    .option("--out <dir>", "also write recommendation.{txt,md,json}, lossExceedance.csv and charts/loss-exceedance.* into DIR")
    .option("--no-charts", "with --out: skip the loss-exceedance chart")
    .option("--quiet", "print nothing but errors (files are still written)")
    .option("--no-progress", "no progress display on stderr")
    .addHelpText(
      "after",
      `
A target is met when the lower bound of the 95 % Wilson interval of P(meeting it) is at least
--confidence: demonstrated by the simulation, not just estimated. RTO and RPO are judged per incident
over region failures (outages, catastrophic and common-cause events); corruption restores are the
same for every strategy and count only with --include-corruption. Availability is per year, all causes.
The cheapest qualifying strategy (mean total cost of risk) is recommended. See docs/decision.md.

Examples:
  $ drsim recommend scenarios/default.yaml --rto 1h --rpo 1m
  $ drsim recommend scenarios/default.yaml --rto 15m --rpo 1m --availability 99.95 --budget 1200000 -n 20000
  $ drsim recommend scenarios/default.yaml --rto 4h --rpo 5m --json > recommendation.json`,
    )
    .action(async (file: string | undefined, flags: RecommendFlags) => {
      const outcome = await withProgress(flags, (onProgress) =>
        recommendStrategy({
          scenario: file,
          ...simulationSettings(flags),
          overrides: flags.set,
          targets: {
            rtoSeconds: flags.rto,
            rpoSeconds: flags.rpo,
            availability: flags.availability,
            confidence: flags.confidence,
            budgetUSD: flags.budget,
            includeCorruption: flags.includeCorruption === true,
          },
          out: flags.out,
          charts: flags.charts,
          onProgress,
        }),
      );
      const rec = outcome.recommendation;
      if (flags.json === true) process.stdout.write(recommendationJson(rec));
      else if (flags.md === true) process.stdout.write(recommendationMarkdown(rec));
      else if (flags.quiet !== true) process.stdout.write(`${recommendationText(rec)}${flags.out === undefined ? "" : `written to ${join(flags.out, "")}\n`}`);
    });
}
