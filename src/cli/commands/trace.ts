// drsim trace SCENARIO --strategy ID --replication I: the event log of one strategy in one
// replication, as CSV (time,event,region,detail,value) or JSON lines, on stdout.
import { Option, type Command } from "commander";
import { UserError } from "../../errors.js";
import type { TraceRecord } from "../../results/results.js";
import { loadModelApi } from "../../montecarlo/modelApi.js";
import { csvNumber, csvString } from "../../store/csv.js";
import { collectOverride, horizon, nonNegativeInteger } from "../options.js";
import { loadForRun } from "../scenarioInput.js";
import { unknownMessage } from "../suggest.js";

interface TraceFlags {
  strategy: string;
  replication: number;
  format: "csv" | "jsonl";
  seed?: number;
  horizon?: number;
  set?: { path: string; value: string }[];
  chart?: string;
}

function csvLine(r: TraceRecord): string {
  return `${csvNumber(r.time)},${csvString(r.event)},${csvString(r.region)},${csvString(r.detail)},${csvNumber(r.value)}\n`;
}

function jsonLine(r: TraceRecord): string {
  return `${JSON.stringify({ time: r.time, event: r.event, region: r.region, detail: r.detail, value: r.value })}\n`;
}

export function define(cmd: Command): void {
  cmd
    .argument("<scenario>", "scenario file (YAML)")
    .requiredOption("--strategy <id>", "strategy id")
    .requiredOption("--replication <i>", "replication index (0-based)", nonNegativeInteger)
    .addOption(new Option("--format <format>", "output format").choices(["csv", "jsonl"]).default("csv"))
    .option("--seed <seed>", "master seed (default: the scenario's run.seed)", nonNegativeInteger)
    .option("--horizon <duration>", "simulated time, e.g. 1y (default: run.horizon)", horizon)
    .option("--set <path=value>", "override a scenario field (repeatable)", collectOverride)
    .option("--chart <prefix>", "draw the timeline as <prefix>.vl.json, .svg and .png instead of printing the events")
    .addHelpText(
      "after",
      "\nTimes are seconds from the horizon start. The replication is the same one `drsim run` simulates\nwith the same seed.\n\nExample:\n  $ drsim trace scenarios/default.yaml --strategy warm-standby --replication 42 --format jsonl | head\n  $ drsim trace scenarios/default.yaml --strategy warm-standby --replication 42 --chart timeline",
    )
    .action(async (file: string, flags: TraceFlags) => {
      const scenario = await loadForRun(file, { overrides: flags.set, seed: flags.seed, horizon: flags.horizon });
      const ids = scenario.strategies.map((s) => s.id);
      const strategy = ids.indexOf(flags.strategy);
      if (strategy < 0) throw new UserError(`--strategy: ${unknownMessage("strategy", flags.strategy, ids)}`);
      if (flags.replication >= scenario.run.runs) {
        process.stderr.write(`drsim: note: replication ${flags.replication} is beyond run.runs (${scenario.run.runs}); tracing it anyway\n`);
      }
      const api = await loadModelApi();
      const model = api.compileModel(scenario);
      const records: TraceRecord[] = [];
      api.simulateReplication(model, scenario.run.seed, flags.replication, { strategy, sink: (r) => records.push(r) });
      if (flags.chart !== undefined) {
        const { writeTraceChart } = await import("./chart.js");
        const label = scenario.strategies[strategy]!.label;
        const files = await writeTraceChart(records, flags.chart, {
          title: `${label}: replication ${flags.replication}`,
          subtitle: [`${scenario.name}, seed ${scenario.run.seed}`],
          horizon: scenario.run.horizon,
        });
        process.stdout.write(`timeline written to ${files.join(", ")}\n`);
        return;
      }
      const format = flags.format === "jsonl" ? jsonLine : csvLine;
      const header = flags.format === "csv" ? "time,event,region,detail,value\n" : "";
      process.stdout.write(header + records.map(format).join(""));
    });
}
