// drsim run [SCENARIO…]: Monte Carlo runs, each into its own results directory (app/runStudy.ts,
// app/runShard.ts); this file wires the flags and prints.
import type { Command } from "commander";
import { defaultScenarioPath } from "../../scenario/load.js";
import type { Scenario } from "../../scenario/types.js";
import type { ShardSpec } from "../../montecarlo/shard.js";
import { createProgress, progressMode } from "../../report/progress.js";
import { summaryToJson } from "../../report/summaryJson.js";
import { terminalSummary } from "../../report/terminal.js";
import { runShard } from "../../app/runShard.js";
import { runDirs, runStudy } from "../../app/runStudy.js";
import { type SimulationFlags, collectOverride, shard, simulationOptions } from "../options.js";
import { onInterrupt } from "../runtime.js";
import { loadForRun } from "../../app/scenario.js";

interface RunFlags extends SimulationFlags {
  out?: string;
  shard?: ShardSpec;
  set?: { path: string; value: string }[];
  json?: boolean;
  quiet?: boolean;
  progress: boolean;
  charts: boolean;
}

export function define(cmd: Command): void {
  simulationOptions(cmd)
    .argument("[scenarios...]", "scenario files (YAML); none = the built-in default scenario")
    .option("--out <dir>", "output directory (default: results/<scenario>/; with several scenarios, <dir>/<scenario>/)")
    .option("--shard <i/n|auto>", "run only shard i of n (contiguous replication ranges); merge with drsim merge", shard)
    .option("--set <path=value>", "override a scenario field (repeatable), e.g. --set workload.requestsPerSecond=500", collectOverride)
    .option("--json", "print summary.json on stdout instead of the table")
    .option("--quiet", "print nothing but errors (and --json output)")
    .option("--no-progress", "no progress display on stderr")
    .option("--no-charts", "skip charts/ and report.html (faster)")
    .addHelpText(
      "after",
      `
Outputs (in the run's directory): summary.json, summary.md, replications.csv, incidents.csv, scenario.json,
then charts/ (Vega-Lite, SVG, PNG) and report.html unless --no-charts. A shard writes its partial data only.
Downtime, data loss and cost are per replication of the horizon (annual for a 1-year horizon).
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
  const paths = files.length > 0 ? files : [defaultScenarioPath()];
  // Load and check every scenario before running any: a typo in the last file fails at once.
  const scenarios: Scenario[] = [];
  for (const file of paths) {
    scenarios.push(
      await loadForRun(file, { overrides: flags.set, runs: flags.runs, seed: flags.seed, horizon: flags.horizon, strategies: flags.strategies }),
    );
  }
  const dirs = runDirs(scenarios, { out: flags.out, shard: flags.shard });
  const mode = progressMode({ quiet: flags.quiet === true, progress: flags.progress, isTTY: process.stderr.isTTY === true });
  for (const [i, scenario] of scenarios.entries()) {
    const dir = dirs[i]!;
    const progress = createProgress(process.stderr, mode, scenario.name);
    const removeHook = onInterrupt(() => progress.finish());
    try {
      if (flags.shard !== undefined) {
        const { start, end } = await runShard({ scenario, shard: flags.shard, dir, workers: flags.workers, progress });
        if (flags.json === true) process.stdout.write(`${JSON.stringify({ scenario: scenario.name, shard: flags.shard, range: { start, end }, dir })}\n`);
        else if (flags.quiet !== true) {
          process.stdout.write(
            `${scenario.name}: shard ${flags.shard.index}/${flags.shard.count} (${end > start ? `replications ${start}–${end - 1}` : "no replications"}) written to ${dir}/\n`,
          );
        }
        continue;
      }
      const summary = await runStudy({ scenario, dir, workers: flags.workers, charts: flags.charts, progress });
      if (flags.json === true) process.stdout.write(summaryToJson(summary));
      else if (flags.quiet !== true) process.stdout.write(`${i > 0 ? "\n" : ""}${terminalSummary(summary)}\nwritten to ${dir}/\n`);
    } finally {
      removeHook();
    }
  }
}
