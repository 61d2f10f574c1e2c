// drsim chart DIR…: regenerate a saved run's charts (charts/*.vl.json, .svg, .png) and report.html
// from its files, without re-simulating. Also the helper behind `drsim trace … --chart PREFIX`.
import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { UserError } from "../../errors.js";
import type { TraceRecord } from "../../results/results.js";
import { renderRunReport, renderTraceChart } from "../../report/charts/index.js";
import type { TimelineOptions } from "../../report/charts/timeline.js";

interface ChartFlags {
  quiet?: boolean;
}

export function define(cmd: Command): void {
  cmd
    .argument("<dir...>", "run directories written by `drsim run` (summary.json, replications.csv, incidents.csv)")
    .option("--quiet", "print nothing but errors")
    .addHelpText(
      "after",
      "\nWrites DIR/charts/<chart>.vl.json, .svg and .png (2x) and DIR/report.html, replacing earlier ones.\n" +
        "The same inputs always give byte-identical files.\n\nExample:\n  $ drsim run scenarios/default.yaml -n 10000 --out results/default\n  $ drsim chart results/default",
    )
    .action(async (dirs: string[], flags: ChartFlags) => {
      for (const dir of dirs) {
        if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: no such directory`);
      }
      for (const dir of dirs) {
        await renderRunReport(dir);
        if (flags.quiet !== true) process.stdout.write(`charts written to ${dir}/charts/, report to ${dir}/report.html\n`);
      }
    });
}

/**
 * For `drsim trace … --chart PREFIX`: the replication's timeline as PREFIX.vl.json, .svg and .png.
 * Returns the paths written.
 */
export async function writeTraceChart(
  records: TraceRecord[],
  outPrefix: string,
  options: TimelineOptions = {},
): Promise<string[]> {
  await renderTraceChart(records, outPrefix, options);
  return ["vl.json", "svg", "png"].map((ext) => `${outPrefix}.${ext}`);
}
