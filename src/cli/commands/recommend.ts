// drsim recommend [SCENARIO]: the simplest strategy that demonstrably keeps the scenario's targets
// (`targets:`, or --rto, --rpo, --availability… over them), with the evidence for every candidate.
import { join } from "node:path";
import type { Command } from "commander";
import { recommendStrategy } from "../../app/recommend.js";
import { recommendationJson, recommendationMarkdown, recommendationText } from "../../report/recommend.js";
import { stdoutLayout } from "../layout.js";
import { type SimulationFlags, collectOverride, simulationOptions, simulationSettings } from "../options.js";
import { withProgress } from "../progress.js";
import { type TargetFlags, targetOptions, targetSettings } from "../targetOptions.js";

interface RecommendFlags extends SimulationFlags, TargetFlags {
  set?: { path: string; value: string }[];
  json?: boolean;
  md?: boolean;
  wide?: boolean;
  out?: string;
  charts: boolean;
  quiet?: boolean;
  progress: boolean;
}

export function define(cmd: Command): void {
  targetOptions(simulationOptions(cmd))
    .argument("[scenario]", "scenario file (YAML); none = the built-in default scenario")
    .option("--set <path=value>", "override a scenario field (repeatable)", collectOverride)
    .option("--json", "print the recommendation as JSON")
    .option("--md", "print the recommendation as Markdown")
    .option("--wide", "show every column (intervals, breaches per year, the year's worst), however wide")
    .option("--out <dir>", "also write recommendation.{txt,md,json}, lossExceedance.csv and charts/loss-exceedance.* into DIR")
    .option("--no-charts", "with --out: skip the loss-exceedance chart")
    .option("--quiet", "print nothing but errors (files are still written)")
    .option("--no-progress", "no progress display on stderr")
    .addHelpText(
      "after",
      `
A target is a promise about every year: every region failure of the year back within the RTO and
losing at most the RPO, the year's availability at or above its target. A strategy keeps a promise
when the lower bound of the 95 % Wilson interval of P(a year keeps it) reaches the confidence.
Corruption restores are the same for every strategy and count only with --include-corruption.
Among the strategies that keep every promise, the cheaper wins only when the paired cost difference
excludes zero; otherwise the simpler mechanism. The targets come from the scenario's targets: block,
and the flags override them. See docs/decision.md.

Examples:
  $ drsim recommend                                    # the default scenario's own tier-0 targets
  $ drsim recommend scenarios/default.yaml --rto 1h --rpo 1m --availability 99.95 -n 20000
  $ drsim recommend scenarios/default.yaml --rto 4h --rpo 5m --budget 1200000 --json > recommendation.json`,
    )
    .action(async (file: string | undefined, flags: RecommendFlags) => {
      const outcome = await withProgress(flags, (onProgress) =>
        recommendStrategy({
          scenario: file,
          ...simulationSettings(flags),
          targets: targetSettings(flags),
          overrides: flags.set,
          out: flags.out,
          charts: flags.charts,
          onProgress,
        }),
      );
      const rec = outcome.recommendation;
      if (flags.json === true) process.stdout.write(recommendationJson(rec));
      else if (flags.md === true) process.stdout.write(recommendationMarkdown(rec));
      else if (flags.quiet !== true) process.stdout.write(`${recommendationText(rec, stdoutLayout(flags))}${flags.out === undefined ? "" : `written to ${join(flags.out, "")}\n`}`);
    });
}
