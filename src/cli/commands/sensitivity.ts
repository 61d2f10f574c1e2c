// drsim sensitivity [SCENARIO] --metric downtimeMinutes.p99: moves each uncertain input to its low
// and high value (others at base, same seed) and ranks the inputs by their effect, per strategy.
import { join } from "node:path";
import type { Command } from "commander";
import { parseMetricPath, type MetricPath } from "../../analysis/metricPath.js";
import { runMany } from "../../analysis/runMany.js";
import { SensitivityAccumulator } from "../../analysis/sensitivity.js";
import { chooseInputs } from "../../analysis/sensitivityInputs.js";
import { sensitivityCsv, sensitivityJson, sensitivityText } from "../../report/sensitivity.js";
import { defaultScenarioPath } from "../../scenario/load.js";
import type { Scenario } from "../../scenario/types.js";
import { summarize } from "../../montecarlo/summary.js";
import { writeFilesAtomically } from "../../store/atomicWrite.js";
import { tornadoChart } from "../../report/charts/decision/tornado.js";
import { writeCharts } from "../../report/charts/decision/write.js";
import { createProgress, progressMode } from "../../report/progress.js";
import { type SimulationFlags, collectOverride, list, simulationOptions } from "../options.js";
import { onInterrupt } from "../runtime.js";
import { loadForRun } from "../scenarioInput.js";

interface SensitivityFlags extends SimulationFlags {
  metric: MetricPath;
  inputs?: string[];
  range?: { path: string; value: string }[];
  set?: { path: string; value: string }[];
  out?: string;
  json?: boolean;
  charts: boolean;
  quiet?: boolean;
  progress: boolean;
}

export function define(cmd: Command): void {
  simulationOptions(cmd, "case")
    .argument("[scenario]", "scenario file (YAML); none = the built-in default scenario")
    .option("--metric <metric.stat>", "the summary number to explain, e.g. downtimeMinutes.p99, costUSD.mean, incidents.rtoMinutes.p90", parseMetricPath, parseMetricPath("downtimeMinutes.p99"))
    .option("--inputs <ids>", "only these inputs (default ids such as outage.rate, steps.decide, or --range paths)", list)
    .option("--range <path=low,high>", "vary a scenario field between two values in its own units (repeatable)", collectOverride)
    .option("--set <path=value>", "override a scenario field in every case (repeatable)", collectOverride)
    .option("--out <dir>", "output directory (default: results/<scenario>-sensitivity/)")
    .option("--json", "print the ranking as JSON")
    .option("--no-charts", "skip the tornado charts")
    .option("--quiet", "print nothing but errors")
    .option("--no-progress", "no progress display on stderr")
    .addHelpText(
      "after",
      `
Default inputs (those present in the scenario): outage.rate, outage.duration,
outage.catastrophicProbability, outage.controlPlaneProbability, commonCause.beta, partition.rate,
corruption.rate, corruption.detection, replication.lag, backup.interval, backup.restoreThroughput,
steps.detect, steps.decide, steps.provision, steps.promote, steps.scale, steps.switchTraffic,
policy.waitForPrimary, failover.failureProbability.
Low/high: a distribution is held fixed at its p10 and p90; a rate or other number is halved and
doubled (fractions capped at 1); --range gives them explicitly. 1 + 2 × inputs runs, same seed.
Outputs: sensitivity.csv, sensitivity.json, charts/tornado-<strategy>.{svg,png,vl.json}.

Examples:
  $ drsim sensitivity scenarios/default.yaml --metric downtimeMinutes.p99 -n 5000
  $ drsim sensitivity scenarios/default.yaml --metric costUSD.mean --inputs outage.rate,steps.decide
  $ drsim sensitivity scenarios/default.yaml --range regionDefaults.outage.rate=0.05/year,0.7/year --inputs regionDefaults.outage.rate,outage.duration`,
    )
    .action(async (file: string | undefined, flags: SensitivityFlags) => {
      await sensitivityCommand(file ?? defaultScenarioPath(), flags);
    });
}

async function sensitivityCommand(file: string, flags: SensitivityFlags): Promise<void> {
  const settings = { runs: flags.runs, seed: flags.seed, horizon: flags.horizon, strategies: flags.strategies };
  const fixed = flags.set ?? [];
  const base = await loadForRun(file, { ...settings, overrides: fixed });
  const inputs = chooseInputs(base, flags.range ?? [], flags.inputs);
  // Load every case before running any: a bad --range value fails at once, with its location.
  const scenarios: Scenario[] = [];
  for (const overrides of SensitivityAccumulator.runs(inputs)) {
    scenarios.push(overrides.length === 0 ? base : await loadForRun(file, { ...settings, overrides: [...fixed, ...overrides] }));
  }
  const acc = new SensitivityAccumulator(inputs, flags.metric);
  const mode = progressMode({ quiet: flags.quiet === true, progress: flags.progress, isTTY: process.stderr.isTTY === true });
  const progress = createProgress(process.stderr, mode, `${base.name} sensitivity (${scenarios.length} runs)`);
  const removeHook = onInterrupt(() => progress.finish());
  try {
    await runMany({
      scenarios,
      workers: flags.workers,
      onProgress: (d, t) => progress.update(d, t),
      onRun: (i, run) => acc.add(i, run, summarize(run)),
    });
  } finally {
    progress.finish();
    removeHook();
  }
  const result = acc.result();
  const out = flags.out ?? join("results", `${base.name}-sensitivity`);
  await writeFilesAtomically(out, [
    { name: "sensitivity.csv", content: sensitivityCsv(result) },
    { name: "sensitivity.json", content: sensitivityJson(result) },
  ]);
  if (flags.charts) await writeCharts(join(out, "charts"), result.strategies.map((s) => tornadoChart(result.metric, s)));
  if (flags.json === true) process.stdout.write(sensitivityJson(result));
  else if (flags.quiet !== true) process.stdout.write(`${sensitivityText(result)}written to ${out}/\n`);
}
