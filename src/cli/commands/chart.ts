// drsim chart DIR…: regenerate a saved run's charts (charts/*.vl.json, .svg, .png) and report.html
// from its files, without re-simulating (app/chart.ts); this file wires the flags and prints.
import type { Command } from "commander";
import { chartRuns } from "../../app/chart.js";

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
      await chartRuns({
        dirs,
        onDrawn: (dir) => {
          if (flags.quiet !== true) process.stdout.write(`charts written to ${dir}/charts/, report to ${dir}/report.html\n`);
        },
      });
    });
}
