// drsim as a library: `import { … } from "drsim"` (package.json "exports"; declarations in dist/).
// The same use cases the CLI calls, the loader, the analyses and renderers, and their types. Every
// export is a function over plain values; nothing here reads the command line or writes to stdout.
// docs/library.md has the example (a test runs it against the built package).

// ---- scenarios ----
export { defaultScenarioPath, ScenarioError, type LoadOptions, type ScenarioOverride } from "./scenario/load.js";
export { loadScenario, scenarioJsonSchema } from "./replication/scenario.js";
export type { Scenario, Strategy } from "./scenario/types.js";
export { loadPortfolio } from "./replication/portfolioScenario.js";
export type { Flow, Portfolio, PortfolioService, ServiceDependency, Tier } from "./scenario/portfolio.js";
export { parseDuration, parseRate, parseSize, parseThroughput } from "./scenario/units.js";
export { loadForRun, selectStrategies, type RunSettings } from "./app/scenario.js";
export { UserError } from "./errors.js";
export { drsimVersion } from "./version.js";

// ---- running a study ----
// Monte Carlo in-process or on worker threads, and the summary of a run.
export { defaultWorkers, runMonteCarlo, WorkerPool, type RunOptions } from "./montecarlo/index.js";
export { summarize, type Summary, type StrategySummary, type StrategyDifferences } from "./montecarlo/index.js";
export { describe as describeSample, pairedDifference, type Difference, type Stat } from "./montecarlo/index.js";
export type { ReplicationRange, RunResult, StrategyColumns, IncidentColumns } from "./montecarlo/index.js";
export type { TraceRecord } from "./outcomes/results.js";

// ---- use cases: options in, data and written files out (what the commands call) ----
export type { ProgressListener, StudyOptions } from "./app/study.js";
export { sweepScenario, type SweepOptions, type SweepOutcome } from "./app/sweep.js";
export { recommendStrategy, type RecommendOptions, type RecommendOutcome } from "./app/recommend.js";
export { DEFAULT_SENSITIVITY_METRIC, rankSensitivity, type SensitivityOptions, type SensitivityOutcome } from "./app/sensitivity.js";
export { traceReplication, type TraceOptions, type TraceOutcome } from "./app/trace.js";
export { planRuns, runStudy, type PlannedRun, type RunPlanOptions, type RunStudyOptions, type RunStudyOutcome } from "./app/runStudy.js";
export { runShard, type RunShardOptions, type RunShardOutcome } from "./app/runShard.js";
export { mergeShards, type MergeOptions, type MergeOutcome } from "./app/merge.js";
export { chartRuns, type ChartOptions } from "./app/chart.js";
export { exportRun, type ExportOptions, type ExportOutcome } from "./app/export.js";
export { planServices, type PlanOutcome, type PlanServicesOptions } from "./app/plan.js";

// ---- analyses over a run: pure functions returning data ----
export {
  recommend,
  type Advice,
  type BudgetEvidence,
  type CorruptionIncidents,
  type ProbabilityEvidence,
  type Recommendation,
  type Status,
  type StrategyEvidence,
  type TargetKind,
  type Targets,
} from "./analysis/recommend.js";
export { wilson, type Proportion } from "./analysis/binomial.js";
export { planPortfolio, type PlanEvidence, type PlanOptions, type PortfolioPlan } from "./analysis/plan.js";
export { annualLoss, lossCurve, type LossCurve, type LossPoint } from "./analysis/lossExceedance.js";
export { parseMetricPath, metricValue, type MetricPath } from "./analysis/metricPath.js";
export type { Effect, SensitivityResult, StrategySensitivity } from "./analysis/sensitivity.js";
export type { InputRange, Quantity, RangeRule, RangeValue } from "./analysis/sensitivityInputs.js";
export type { SweepParameter } from "./analysis/grid.js";
export type { SweepAxis } from "./analysis/axis.js";
export type { SweepRow, SweepTable } from "./analysis/sweepTable.js";

// ---- rendering: the words and files of the CLI's outputs ----
export { terminalSummary } from "./report/terminal.js";
export { summaryMarkdown } from "./report/markdown.js";
export { summaryToJson } from "./report/summaryJson.js";
export { recommendationJson, recommendationMarkdown, recommendationText } from "./report/recommend.js";
export { sensitivityCsv, sensitivityJson, sensitivityText } from "./report/sensitivity.js";
export { sweepText } from "./report/sweep.js";
export { planMarkdown, planText } from "./report/plan.js";
export { planJson, plansCsv } from "./report/planFiles.js";
export { traceText, type TraceFormat } from "./report/trace.js";
