// drsim merge DIR… --out DIR: shards of one run → exactly the files the unsharded run writes.
import type { Command } from "commander";
import { mergeShards } from "../../montecarlo/merge.js";
import { summarize } from "../../montecarlo/summary.js";
import { writeRunOutputs } from "../../report/runOutputs.js";
import { summaryToJson } from "../../report/summaryJson.js";
import { terminalSummary } from "../../report/terminal.js";
import { writeRunCharts } from "../charts.js";

export function define(cmd: Command): void {
  cmd
    .argument("<dirs...>", "shard directories written by drsim run --shard i/n")
    .requiredOption("--out <dir>", "output directory for the merged results")
    .option("--json", "print summary.json on stdout instead of the table")
    .option("--quiet", "print nothing but errors")
    .option("--no-charts", "skip charts/ and report.html (faster)")
    .addHelpText(
      "after",
      "\nWrites exactly what the unsharded run writes (charts/ and report.html too, unless --no-charts).\nThe shards must come from the same run (scenario, seed, runs, horizon, strategies, drsim version) and\ncover every replication exactly once.\n\nExample:\n  $ drsim run s.yaml -n 1000000 --shard 1/2 --out shards/1 && drsim run s.yaml -n 1000000 --shard 2/2 --out shards/2\n  $ drsim merge shards/1 shards/2 --out results/s",
    )
    .action(async (dirs: string[], flags: { out: string; json?: boolean; quiet?: boolean; charts: boolean }) => {
      const run = mergeShards(dirs);
      const summary = summarize(run);
      await writeRunOutputs(flags.out, run, summary);
      if (flags.charts) await writeRunCharts(flags.out);
      if (flags.json === true) process.stdout.write(summaryToJson(summary));
      else if (flags.quiet !== true) process.stdout.write(`${terminalSummary(summary)}\nwritten to ${flags.out}/\n`);
    });
}
