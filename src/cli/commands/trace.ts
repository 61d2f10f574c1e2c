// drsim trace SCENARIO --strategy ID --replication I: the event log of one strategy in one
// replication, as CSV (time,event,region,detail,value) or JSON lines, on stdout.
import { Option, type Command } from "commander";
import { traceReplication } from "../../app/trace.js";
import { traceText, type TraceFormat } from "../../report/trace.js";
import { collectOverride, horizon, nonNegativeInteger } from "../options.js";

interface TraceFlags {
  strategy: string;
  replication: number;
  format: TraceFormat;
  seed?: number;
  horizon?: number;
  set?: { path: string; value: string }[];
  chart?: string;
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
      const { scenario, records, beyondRuns, files } = await traceReplication({
        scenario: file,
        strategy: flags.strategy,
        replication: flags.replication,
        seed: flags.seed,
        horizon: flags.horizon,
        overrides: flags.set,
        chart: flags.chart,
      });
      if (beyondRuns) process.stderr.write(`drsim: note: replication ${flags.replication} is beyond run.runs (${scenario.run.runs}); tracing it anyway\n`);
      if (flags.chart !== undefined) process.stdout.write(`timeline written to ${files.join(", ")}\n`);
      else process.stdout.write(traceText(records, flags.format));
    });
}
