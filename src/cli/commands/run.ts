// drsim run [SCENARIO…]: Monte Carlo runs, each into its own results directory (app/runStudy.ts,
// app/runShard.ts); this file wires the flags and prints.
import type { Command } from "commander";
import type { ShardSpec } from "../../montecarlo/shard.js";
import { recommendationText } from "../../report/recommend.js";
import { summaryToJson } from "../../report/summaryJson.js";
import { terminalSummary } from "../../report/terminal.js";
import { runShard } from "../../app/runShard.js";
import { planRuns, runStudy } from "../../app/runStudy.js";
import { type SimulationFlags, collectOverride, shard, simulationOptions, simulationSettings } from "../options.js";
import { stdoutLayout } from "../layout.js";
import { withProgress } from "../progress.js";
import { type TargetFlags, targetOptions, targetSettings } from "../targetOptions.js";

interface RunFlags extends SimulationFlags, TargetFlags {
  out?: string;
  shard?: ShardSpec;
  set?: { path: string; value: string }[];
  json?: boolean;
  wide?: boolean;
  quiet?: boolean;
  progress: boolean;
  charts: boolean;
  csv?: boolean;
}

export function define(cmd: Command): void {
  // A run streams its replications (memory flat in -n): only MAX_RUNS bounds it.
  targetOptions(simulationOptions(cmd, undefined, false))
    .argument("[scenarios...]", "scenario files (YAML); none = the built-in default scenario")
    .option("--out <dir>", "output directory (default: results/<scenario>/; with several scenarios, <dir>/<scenario>/)")
    .option("--shard <i/n|auto>", "run only shard i of n (contiguous replication ranges); merge with drsim merge", shard)
    .option("--set <path=value>", "override a scenario field (repeatable), e.g. --set workload.requestsPerSecond=500", collectOverride)
    .option("--json", "print summary.json on stdout instead of the table")
    .option("--wide", "show every column of the tables, however wide (default: fit the terminal, or 100 columns)")
    .option("--quiet", "print nothing but errors (and --json output)")
    .option("--no-progress", "no progress display on stderr")
    .option("--no-charts", "skip charts/ and report.html (faster)")
    .option("--csv", "write the rows as replications.csv and incidents.csv instead of Parquet")
    .addHelpText(
      "after",
      `
Outputs (in the run's directory): summary.json, summary.md, replications.parquet, incidents.parquet
(replications.csv and incidents.csv with --csv, or later with drsim export), scenario.json, then charts/
(Vega-Lite, SVG, PNG) and report.html unless --no-charts. A shard writes its partial data only.
Downtime, data loss and cost are per replication of the horizon (annual for a 1-year horizon).
A scenario with targets (targets: in the file, or --rto, --rpo, --availability…) is also judged:
the terminal and report.html recommend the simplest strategy that keeps every promise (docs/decision.md).
Identical seed → identical bytes, for any --workers and any --shard split.
With several scenarios, --json prints one JSON document per scenario, in order.

Examples:
  $ drsim run                                    # the built-in default scenario → results/default/
  $ drsim run scenarios/a.yaml scenarios/b.yaml -n 100000 --seed 7
  $ drsim run scenarios/a.yaml --strategies pilot-light,warm-standby --horizon 5y --json > summary.json
  $ drsim run scenarios/a.yaml -n 1000000 --shard 2/8 --out shards/2   # then: drsim merge shards/* --out results/a`,
    )
    .action(async (files: string[], flags: RunFlags) => {
      await runCommand(files, flags);
    });
}

async function runCommand(files: string[], flags: RunFlags): Promise<void> {
  const settings = { ...simulationSettings(flags), targets: targetSettings(flags), overrides: flags.set, csv: flags.csv };
  const plans = await planRuns({ ...settings, scenarios: files, out: flags.out, shard: flags.shard });
  for (const [i, plan] of plans.entries()) {
    const options = { ...settings, scenario: plan.scenario, out: plan.out };
    const { shard } = flags;
    if (shard !== undefined) {
      const { scenario, range, out } = await withProgress(flags, (onProgress) => runShard({ ...options, shard, onProgress }));
      const { start, end } = range;
      if (flags.json === true) process.stdout.write(`${JSON.stringify({ scenario: scenario.name, shard, range, dir: out })}\n`);
      else if (flags.quiet !== true) {
        process.stdout.write(`${scenario.name}: shard ${shard.index}/${shard.count} (${end > start ? `replications ${start}–${end - 1}` : "no replications"}) written to ${out}/\n`);
      }
      continue;
    }
    const { summary, recommendation, out } = await withProgress(flags, (onProgress) => runStudy({ ...options, charts: flags.charts, onProgress }));
    if (flags.json === true) process.stdout.write(summaryToJson(summary));
    else if (flags.quiet !== true) {
      const layout = stdoutLayout(flags);
      const decision = recommendation === undefined ? "" : `\n${recommendationText(recommendation, layout)}`;
      process.stdout.write(`${i > 0 ? "\n" : ""}${terminalSummary(summary, layout)}${decision}\nwritten to ${out}/\n`);
    }
  }
}
