// drsim sweep [SCENARIO] --set PATH=v1,v2,… [--set …]: the full grid of scenario variants, every
// point with the same seed (common random numbers) on one shared worker pool.
import { join } from "node:path";
import type { Command } from "commander";
import { availabilityPercent } from "../../report/decisionFormat.js";
import { gridPoints, sweepParameters } from "../../analysis/grid.js";
import { runMany } from "../../analysis/runMany.js";
import { SWEEP_METRIC_COLUMNS, sweepCsv, sweepRows, sweepTable, type SweepRow } from "../../analysis/sweepTable.js";
import { defaultScenarioPath } from "../../scenario/load.js";
import type { Scenario } from "../../scenario/types.js";
import { summarize } from "../../montecarlo/summary.js";
import { writeFilesAtomically } from "../../store/atomicWrite.js";
import { sweepCharts } from "../../report/charts/decision/sweep.js";
import { withColors, writeCharts } from "../../report/charts/decision/write.js";
import { alignTable, fmt, usd } from "../../report/format.js";
import { createProgress, progressMode } from "../../report/progress.js";
import { summaryToJson } from "../../report/summaryJson.js";
import { type SimulationFlags, collectOverride, simulationOptions } from "../options.js";
import { onInterrupt } from "../runtime.js";
import { loadForRun } from "../scenarioInput.js";

interface SweepFlags extends SimulationFlags {
  set?: { path: string; value: string }[];
  out?: string;
  charts: boolean;
  quiet?: boolean;
  progress: boolean;
}

export function define(cmd: Command): void {
  simulationOptions(cmd, "point")
    .argument("[scenario]", "scenario file (YAML); none = the built-in default scenario")
    .option("--set <path=v1,v2,…>", "a swept scenario field and its values, in the scenario's units (repeatable: the grid is every combination)", collectOverride)
    .option("--out <dir>", "output directory (default: results/<scenario>-sweep/)")
    .option("--no-charts", "skip the charts")
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
      await sweepCommand(file ?? defaultScenarioPath(), flags);
    });
}

async function sweepCommand(file: string, flags: SweepFlags): Promise<void> {
  const parameters = sweepParameters(flags.set ?? []);
  const points = gridPoints(parameters);
  // Load every point before running any: a bad value anywhere in the grid fails at once.
  const scenarios: Scenario[] = [];
  for (const point of points) {
    scenarios.push(
      await loadForRun(file, { overrides: point.overrides, runs: flags.runs, seed: flags.seed, horizon: flags.horizon, strategies: flags.strategies }),
    );
  }
  const first = scenarios[0]!;
  const out = flags.out ?? join("results", `${first.name}-sweep`);
  const mode = progressMode({ quiet: flags.quiet === true, progress: flags.progress, isTTY: process.stderr.isTTY === true });
  const progress = createProgress(process.stderr, mode, `${first.name} sweep (${points.length} points)`);
  const removeHook = onInterrupt(() => progress.finish());
  const rows: SweepRow[] = [];
  try {
    await runMany({
      scenarios,
      workers: flags.workers,
      onProgress: (d, t) => progress.update(d, t),
      onRun: async (i, run) => {
        const summary = summarize(run);
        await writeFilesAtomically(join(out, "points", String(i)), [{ name: "summary.json", content: summaryToJson(summary) }]);
        rows.push(...sweepRows(points[i]!, summary));
      },
    });
  } finally {
    progress.finish();
    removeHook();
  }
  const table = sweepTable(parameters, rows);
  await writeFilesAtomically(out, [{ name: "sweep.csv", content: sweepCsv(table) }]);
  if (flags.charts) await writeCharts(join(out, "charts"), sweepCharts(table, withColors(first.strategies)));
  if (flags.quiet !== true) process.stdout.write(`${sweepText(table.parameters.map((p) => p.path), rows, first, points.length)}written to ${out}/\n`);
}

function sweepText(paths: readonly string[], rows: readonly SweepRow[], scenario: Scenario, count: number): string {
  const header = [
    "point",
    ...paths,
    "strategy",
    "availability mean / 5%-worst yr",
    "downtime mean / p99 (min/yr)",
    "data loss p99 (s/yr)",
    "region-failure RTO p50 / p99 (min)",
    "mean cost ($/yr)",
  ];
  const col = (r: SweepRow, name: string): number => r.metrics[sweepColumnIndex(name)]!;
  const body = rows.map((r) => [
    String(r.point),
    ...r.values,
    r.strategy,
    // The 5 %-worst year's availability is 1 − the 95th percentile of unavailability.
    `${availabilityPercent(col(r, "availability.mean"))} / ${availabilityPercent(1 - col(r, "unavailability.p95"))}`,
    `${fmt(col(r, "downtimeMinutes.mean"))} / ${fmt(col(r, "downtimeMinutes.p99"))}`,
    fmt(col(r, "dataLossSeconds.p99")),
    `${fmt(col(r, "incidents.regionFailures.rtoMinutes.p50"))} / ${fmt(col(r, "incidents.regionFailures.rtoMinutes.p99"))}`,
    usd(col(r, "costUSD.mean")),
  ]);
  const lines = [
    `${scenario.name}: sweep of ${count} point${count === 1 ? "" : "s"}, ${scenario.run.runs.toLocaleString("en-US")} replications each, seed ${scenario.run.seed} (common random numbers)`,
    "",
    ...alignTable([header, ...body]),
  ];
  return `${lines.join("\n")}\n`;
}

function sweepColumnIndex(name: string): number {
  return SWEEP_METRIC_COLUMNS.findIndex((m) => m.text === name);
}
