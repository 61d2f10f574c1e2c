// Sensitivity: each uncertain input moved to its low and high value (the others at base, the same
// seed), the inputs ranked per strategy by their effect on one metric. Writes sensitivity.csv,
// sensitivity.json and a tornado chart per strategy; returns the ranking.
import { join } from "node:path";
import { parseMetricPath, type MetricPath } from "../analysis/metricPath.js";
import { runMany } from "../analysis/runMany.js";
import { SensitivityAccumulator, type SensitivityResult } from "../analysis/sensitivity.js";
import { chooseInputs } from "../analysis/sensitivityInputs.js";
import { summarize } from "../montecarlo/summary.js";
import { sensitivityCsv, sensitivityJson } from "../report/sensitivity.js";
import type { Scenario } from "../scenario/types.js";
import { writeFilesAtomically } from "../store/atomicWrite.js";
import { removeStaleOutputs } from "../store/staleOutputs.js";
import { checkOutDir, defaultOutDir } from "./outputDir.js";
import { loadForRun } from "./scenario.js";
import type { StudyOptions } from "./study.js";

export interface SensitivityOptions extends StudyOptions {
  /** The summary number to explain, e.g. "downtimeMinutes.p99" (default) or a parsed path. */
  readonly metric?: string | MetricPath;
  /** Only these inputs: default ids ("outage.rate", "steps.decide") or `ranges` paths. Default: every input. */
  readonly inputs?: readonly string[];
  /** Fields varied between two values "low,high" in the scenario's units (as `--range PATH=low,high`). */
  readonly ranges?: readonly { path: string; value: string }[];
  /** Fields set in every case (as `--set PATH=value`). */
  readonly overrides?: readonly { path: string; value: string }[];
  /** Output directory; default results/<scenario>-sensitivity. */
  readonly out?: string;
  /** Draw the tornado charts (default true). */
  readonly charts?: boolean;
}

export interface SensitivityOutcome {
  readonly result: SensitivityResult;
  readonly out: string;
  readonly files: readonly string[];
}

export const DEFAULT_SENSITIVITY_METRIC = "downtimeMinutes.p99";

/** The files a ranking names after what it was asked: a tornado chart per strategy. */
const TORNADO_OWNED = /^charts\/tornado-[^/]+\.(vl\.json|svg|png)$/;

export async function rankSensitivity(options: SensitivityOptions): Promise<SensitivityOutcome> {
  const metric = typeof options.metric === "object" ? options.metric : parseMetricPath(options.metric ?? DEFAULT_SENSITIVITY_METRIC);
  const fixed = options.overrides ?? [];
  const base = await loadForRun(options.scenario, { ...options, overrides: fixed });
  const inputs = chooseInputs(base, options.ranges ?? [], options.inputs);
  // Load every case before running any: a bad --range value fails at once, with its location.
  const scenarios: Scenario[] = [];
  for (const overrides of SensitivityAccumulator.runs(inputs)) {
    scenarios.push(overrides.length === 0 ? base : await loadForRun(options.scenario, { ...options, overrides: [...fixed, ...overrides] }));
  }
  const out = options.out ?? defaultOutDir(base.name, "-sensitivity");
  checkOutDir(out);
  const acc = new SensitivityAccumulator(inputs, metric);
  const label = `${base.name} sensitivity (${scenarios.length} runs)`;
  await runMany({
    scenarios,
    workers: options.workers,
    signal: options.signal,
    onProgress: (done, total) => options.onProgress?.(done, total, label),
    onRun: (i, run) => acc.add(i, run, summarize(run)),
  });
  const result = acc.result();
  const files = await writeFilesAtomically(out, [
    { name: "sensitivity.csv", content: sensitivityCsv(result) },
    { name: "sensitivity.json", content: sensitivityJson(result) },
  ]);
  if (options.charts !== false) {
    const [{ tornadoChart }, { writeCharts }] = await Promise.all([import("../report/charts/decision/tornado.js"), import("../report/charts/decision/write.js")]);
    files.push(...(await writeCharts(join(out, "charts"), result.strategies.map((s) => tornadoChart(result.metric, s)))));
  }
  // One ranking per directory: tornado charts of strategies not ranked now (or not drawn) go.
  removeStaleOutputs(out, files, TORNADO_OWNED, "sensitivity ranking");
  return { result, out, files };
}
