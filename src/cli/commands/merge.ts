// drsim merge DIR… --out DIR: shards of one run → exactly the files the unsharded run writes,
// streamed through in bounded memory (app/merge.ts); this file wires the flags and prints.
import type { Command } from "commander";
import type { Summary } from "../../montecarlo/summary.js";
import { summaryToJson } from "../../report/summaryJson.js";
import { terminalSummary } from "../../report/terminal.js";
import { mergeShards } from "../../app/merge.js";
import { stderrProgress } from "../progress.js";

export function define(cmd: Command): void {
  cmd
    .argument("<dirs...>", "shard directories written by drsim run --shard i/n")
    .requiredOption("--out <dir>", "output directory for the merged results")
    .option("--json", "print summary.json on stdout instead of the table")
    .option("--quiet", "print nothing but errors")
    .option("--no-charts", "skip charts/ and report.html (faster)")
    .option("--no-progress", "no progress display on stderr")
    .option("--summary-only", "write summary.json, summary.md and scenario.json only: no merged rows (they stay in the shards), no charts")
    .option("--csv", "write the merged rows as replications.csv and incidents.csv instead of Parquet")
    .addHelpText(
      "after",
      "\nWrites exactly what the unsharded run writes (charts/ and report.html too, unless --no-charts).\nThe shards must come from the same run (scenario, seed, runs, horizon, strategies, drsim version) and\ncover every replication exactly once; each may hold its rows as Parquet or CSV. Memory stays bounded\nwhatever the number of replications: the shards' rows are streamed once; exact quantiles take a few more\npasses over numbers kept in a scratch file in --out.\n\nExample:\n  $ drsim run s.yaml -n 1000000 --shard 1/2 --out shards/1 && drsim run s.yaml -n 1000000 --shard 2/2 --out shards/2\n  $ drsim merge shards/1 shards/2 --out results/s",
    )
    .action(async (dirs: string[], flags: { out: string; json?: boolean; quiet?: boolean; charts: boolean; progress: boolean; summaryOnly?: boolean; csv?: boolean }) => {
      const progress = stderrProgress(flags, "rows");
      let summary: Summary;
      try {
        ({ summary } = await mergeShards({ dirs, out: flags.out, summaryOnly: flags.summaryOnly, charts: flags.charts, csv: flags.csv, onProgress: progress.update }));
      } finally {
        progress.finish();
      }
      if (flags.json === true) process.stdout.write(summaryToJson(summary));
      else if (flags.quiet !== true) process.stdout.write(`${terminalSummary(summary)}\nwritten to ${flags.out}/\n`);
    });
}
