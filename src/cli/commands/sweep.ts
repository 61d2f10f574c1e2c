// drsim sweep [SCENARIO] --set PATH=v1,v2,… [--set …]: the full grid of scenario variants, every
// point with the same seed (common random numbers) on one shared worker pool.
import type { Command } from "commander";
import { sweepScenario } from "../../app/sweep.js";
import { sweepText } from "../../report/sweep.js";
import { type SimulationFlags, collectOverride, simulationOptions, simulationSettings } from "../options.js";
import { stdoutLayout } from "../layout.js";
import { withProgress } from "../progress.js";

interface SweepFlags extends SimulationFlags {
  set?: { path: string; value: string }[];
  out?: string;
  charts: boolean;
  quiet?: boolean;
  progress: boolean;
  wide?: boolean;
}

export function define(cmd: Command): void {
  simulationOptions(cmd, "point")
    .argument("[scenario]", "scenario file (YAML); none = the built-in default scenario")
    .option("--set <path=v1,v2,…>", "a swept scenario field and its values, in the scenario's units (repeatable: the grid is every combination)", collectOverride)
    .option("--out <dir>", "output directory (default: results/<scenario>-sweep/)")
    .option("--no-charts", "skip the charts")
    .option("--wide", "one row per point and strategy with every column, however wide (default: fit the terminal, or 100 columns)")
    .option("--quiet", "print nothing but errors")
    .option("--no-progress", "no progress display on stderr")
    .addHelpText(
      "after",
      `
Values are YAML in the scenario's own units; commas inside {…} or […] do not split values.
Every point runs with the same seed: replication i of every point sees the same random streams
(common random numbers), so differences between neighbouring points are paired, not noise.
Outputs: sweep.csv (one row per point × strategy: swept values, then <metric>.<stat> columns),
points/<k>/summary.json (as drsim run writes it), charts/sweep-<metric>-vs-<parameter>.{svg,png,vl.json}.

Examples:
  $ drsim sweep scenarios/default.yaml --set regionDefaults.outage.rate=0.05/year,0.1/year,0.3/year,0.7/year -n 5000
  $ drsim sweep scenarios/default.yaml --set backup.interval=1h,6h,24h --set strategies.warm-standby.standbyFraction=0.2,0.5
  $ drsim sweep scenarios/default.yaml --set 'backup.restoreThroughput={dist: fixed, value: 50MB/s},{dist: fixed, value: 150MB/s}'`,
    )
    .action(async (file: string | undefined, flags: SweepFlags) => {
      const outcome = await withProgress(flags, (onProgress) =>
        sweepScenario({
          scenario: file,
          ...simulationSettings(flags),
          set: flags.set,
          out: flags.out,
          charts: flags.charts,
          onProgress,
        }),
      );
      const { scenario, table, points, out } = outcome;
      if (flags.quiet !== true) process.stdout.write(`${sweepText(table, scenario, points, stdoutLayout(flags))}written to ${out}/\n`);
    });
}
