// drsim sensitivity [SCENARIO] --metric downtimeMinutes.p99: moves each uncertain input to its low
// and high value (others at base, same seed) and ranks the inputs by their effect, per strategy.
import type { Command } from "commander";
import { parseMetricPath, type MetricPath } from "../../analysis/metricPath.js";
import { DEFAULT_SENSITIVITY_METRIC, rankSensitivity } from "../../app/sensitivity.js";
import { sensitivityJson, sensitivityText } from "../../report/sensitivity.js";
import { type SimulationFlags, collectOverride, list, simulationOptions, simulationSettings } from "../options.js";
import { stdoutLayout } from "../layout.js";
import { withProgress } from "../progress.js";

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
  wide?: boolean;
}

export function define(cmd: Command): void {
  simulationOptions(cmd, "case")
    .argument("[scenario]", "scenario file (YAML); none = the built-in default scenario")
    .option("--metric <metric.stat>", "the summary number to explain, e.g. downtimeMinutes.p99, costUSD.mean, incidents.rtoMinutes.p90", parseMetricPath, parseMetricPath(DEFAULT_SENSITIVITY_METRIC))
    .option("--inputs <ids>", "only these inputs (default ids such as outage.rate, steps.decide, or --range paths)", list)
    .option("--range <path=low,high>", "vary a scenario field between two values in its own units (repeatable)", collectOverride)
    .option("--set <path=value>", "override a scenario field in every case (repeatable)", collectOverride)
    .option("--out <dir>", "output directory (default: results/<scenario>-sensitivity/)")
    .option("--json", "print the ranking as JSON")
    .option("--no-charts", "skip the tornado charts")
    .option("--wide", "never wrap a line (default: fit the terminal, or 100 columns)")
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
      const outcome = await withProgress(flags, (onProgress) =>
        rankSensitivity({
          scenario: file,
          ...simulationSettings(flags),
          metric: flags.metric,
          inputs: flags.inputs,
          ranges: flags.range,
          overrides: flags.set,
          out: flags.out,
          charts: flags.charts,
          onProgress,
        }),
      );
      const { result, out } = outcome;
      if (flags.json === true) process.stdout.write(sensitivityJson(result));
      else if (flags.quiet !== true) process.stdout.write(`${sensitivityText(result, undefined, stdoutLayout(flags))}written to ${out}/\n`);
    });
}
