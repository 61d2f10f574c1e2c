// `<summary metric>.<stat>` paths — downtimeMinutes.p99, costUSD.mean, incidents.rtoMinutes.p90 —
// naming one number of a strategy's summary (summary.json), for sensitivity analyses and sweeps.
// The metrics, their paths and their replication columns come from the metric catalogue.
import { UserError } from "../errors.js";
import type { StrategySummary } from "../montecarlo/summary.js";
import type { Stat } from "../montecarlo/stat.js";
import type { RunResult } from "../montecarlo/types.js";
import { SCALAR_DEFS, SCALES, STAT_DEFS, STAT_NAMES, type ScalarPath, type StatName, type StatPath } from "../outcomes/metrics.js";
import { closest } from "../scenario/suggest.js";

export { STAT_NAMES as STATS, type StatName };
export type StatMetric = StatPath;
export type ScalarMetric = ScalarPath;

/** Stat-valued fields of StrategySummary, by their dotted path. */
export const STAT_METRICS = STAT_DEFS.map((m) => m.path as StatMetric);
/** Plain-number fields of StrategySummary (no stat after them). */
export const SCALAR_METRICS = SCALAR_DEFS.map((m) => m.path as ScalarMetric);

export type MetricPath =
  | { readonly text: string; readonly metric: StatMetric; readonly stat: StatName }
  | { readonly text: string; readonly metric: ScalarMetric; readonly stat: undefined };

const ALL_PATHS: readonly string[] = [...STAT_METRICS.flatMap((m) => STAT_NAMES.map((s) => `${m}.${s}`)), ...SCALAR_METRICS];

export function parseMetricPath(text: string): MetricPath {
  const trimmed = text.trim();
  const scalar = SCALAR_METRICS.find((m) => m === trimmed);
  if (scalar !== undefined) return { text: trimmed, metric: scalar, stat: undefined };
  const dot = trimmed.lastIndexOf(".");
  const metric = STAT_METRICS.find((m) => m === trimmed.slice(0, dot));
  const stat = STAT_NAMES.find((s) => s === trimmed.slice(dot + 1));
  if (dot > 0 && metric !== undefined && stat !== undefined) return { text: trimmed, metric, stat };
  const guess = closest(trimmed, ALL_PATHS);
  const hint = guess === undefined ? "" : ` (did you mean "${guess}"?)`;
  throw new UserError(
    `unknown metric "${text}"${hint}; expected <metric>.<stat> with metric one of ${STAT_METRICS.join(", ")} ` +
      `and stat one of ${STAT_NAMES.join(", ")} (or one of ${SCALAR_METRICS.join(", ")})`,
  );
}

/** The field at a dotted path of a summary (undefined where a part is missing). */
export function fieldAt(summary: object, path: string): unknown {
  let at: unknown = summary;
  for (const key of path.split(".")) at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/** A Stat as summary.json has it; a reader may have only some of its numbers (the charts' contract). */
type StatLike = { readonly ci95: readonly [number, number] } & { readonly [K in Exclude<StatName, "ci95lo" | "ci95hi">]?: number };

/** One number of a Stat, by its name in a metric path (NaN if the Stat lacks it). */
export function statValue(stat: StatLike, name: StatName): number {
  if (name === "ci95lo") return stat.ci95[0];
  if (name === "ci95hi") return stat.ci95[1];
  return stat[name] ?? NaN;
}

export function statOf(summary: StrategySummary, metric: StatMetric): Stat {
  return fieldAt(summary, metric) as Stat;
}

/** The number `path` names in one strategy's summary (NaN where the statistic is undefined). */
export function metricValue(summary: StrategySummary, path: MetricPath): number {
  if (path.stat !== undefined) return statValue(statOf(summary, path.metric), path.stat);
  return fieldAt(summary, path.metric) as number;
}

/**
 * The per-replication values whose mean is `path` (one per replication, in replication order), or
 * undefined when `path` is not the mean of a per-replication metric. Two runs with common random
 * numbers pair these by replication, which gives their difference a tight confidence interval.
 */
export function replicationValues(run: RunResult, strategyIndex: number, path: MetricPath): Float64Array | undefined {
  if (path.stat !== "mean") return undefined;
  const column = STAT_DEFS.find((m) => m.path === path.metric)?.column;
  const strategy = run.strategies[strategyIndex];
  if (column === undefined || strategy === undefined) return undefined;
  return strategy.metrics[column.id].map(SCALES[column.scale].values);
}
