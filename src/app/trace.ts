// Trace: the event log of one strategy in one replication — the same replication `run` simulates
// with the same seed — and, with `chart`, its timeline drawn as <chart>.vl.json, .svg and .png.
import { UserError } from "../errors.js";
import { loadModelApi } from "../montecarlo/modelApi.js";
import type { TraceRecord } from "../outcomes/results.js";
import type { Scenario } from "../scenario/types.js";
import { loadForRun, unknownMessage } from "./scenario.js";
import { loadChartModules } from "./chart.js";

export interface TraceOptions {
  /** Scenario file (YAML); undefined = the built-in default scenario. */
  readonly scenario?: string;
  /** Strategy id. */
  readonly strategy: string;
  /** Replication index (0-based). */
  readonly replication: number;
  readonly seed?: number;
  /** Seconds. */
  readonly horizon?: number;
  /** Fields set before running (as `--set PATH=value`). */
  readonly overrides?: readonly { path: string; value: string }[];
  /** Draw the timeline as <chart>.vl.json, .svg and .png. */
  readonly chart?: string;
}

export interface TraceOutcome {
  readonly scenario: Scenario;
  readonly records: readonly TraceRecord[];
  /** The replication is beyond the scenario's run.runs (traced anyway: it depends only on seed and index). */
  readonly beyondRuns: boolean;
  /** The chart files written (none without `chart`). */
  readonly files: readonly string[];
}

export async function traceReplication(options: TraceOptions): Promise<TraceOutcome> {
  const scenario = await loadForRun(options.scenario, { ...options, streamed: true });
  const ids = scenario.strategies.map((s) => s.id);
  const strategy = ids.indexOf(options.strategy);
  if (strategy < 0) throw new UserError(`--strategy: ${unknownMessage("strategy", options.strategy, ids)}`);
  const api = await loadModelApi();
  const model = api.compileModel(scenario);
  const records: TraceRecord[] = [];
  api.simulateReplication(model, scenario.run.seed, options.replication, { strategy, sink: (r) => records.push(r) });
  const files: string[] = [];
  if (options.chart !== undefined) {
    const { renderTraceChart } = await loadChartModules();
    await renderTraceChart(records, options.chart, {
      title: `${scenario.strategies[strategy]!.label}: replication ${options.replication}`,
      subtitle: [`${scenario.name}, seed ${scenario.run.seed}`],
      horizon: scenario.run.horizon,
    });
    files.push(...["vl.json", "svg", "png"].map((ext) => `${options.chart}.${ext}`));
  }
  return { scenario, records, beyondRuns: options.replication >= scenario.run.runs, files };
}
