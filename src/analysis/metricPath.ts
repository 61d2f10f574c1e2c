// `<summary metric>.<stat>` paths — downtimeMinutes.p99, costUSD.mean, incidents.rtoMinutes.p90 —
// naming one number of a strategy's summary (summary.json), for sensitivity analyses and sweeps.
import { UserError } from "../errors.js";
import type { StrategySummary } from "../montecarlo/summary.js";
import type { Stat } from "../montecarlo/stat.js";
import type { RunResult } from "../montecarlo/types.js";
import type { ReplicationMetric } from "../results/results.js";
import { closest } from "../scenario/suggest.js";

/** Stat-valued fields of StrategySummary, by their dotted path. */
export const STAT_METRICS = [
  "availability",
  "downtimeMinutes",
  "unavailability",
  "dataLossSeconds",
  "lostWrites",
  "lostBytes",
  "conflictWrites",
  "failovers",
  "costUSD",
  "standingCostUSD",
  "incidentCostUSD",
  "penaltyCostUSD",
  "incidents.count",
  "incidents.rtoMinutes",
  "incidents.rpoSeconds",
  "incidents.regionFailures.rtoMinutes",
  "incidents.regionFailures.rpoSeconds",
] as const;
export type StatMetric = (typeof STAT_METRICS)[number];

export const STATS = ["mean", "sd", "ci95lo", "ci95hi", "p50", "p90", "p95", "p99", "p999", "max", "min"] as const;
export type StatName = (typeof STATS)[number];

/** Plain-number fields of StrategySummary (no stat after them). */
export const SCALAR_METRICS = [
  "nines",
  "incidents.total",
  "incidents.regionFailures.total",
  "incidents.failedOverFraction",
  "incidents.abortedFraction",
] as const;
export type ScalarMetric = (typeof SCALAR_METRICS)[number];

export type MetricPath =
  | { readonly text: string; readonly metric: StatMetric; readonly stat: StatName }
  | { readonly text: string; readonly metric: ScalarMetric; readonly stat: undefined };

const ALL_PATHS: readonly string[] = [...STAT_METRICS.flatMap((m) => STATS.map((s) => `${m}.${s}`)), ...SCALAR_METRICS];

export function parseMetricPath(text: string): MetricPath {
  const trimmed = text.trim();
  const scalar = SCALAR_METRICS.find((m) => m === trimmed);
  if (scalar !== undefined) return { text: trimmed, metric: scalar, stat: undefined };
  const dot = trimmed.lastIndexOf(".");
  const metric = STAT_METRICS.find((m) => m === trimmed.slice(0, dot));
  const stat = STATS.find((s) => s === trimmed.slice(dot + 1));
  if (dot > 0 && metric !== undefined && stat !== undefined) return { text: trimmed, metric, stat };
  const guess = closest(trimmed, ALL_PATHS);
  const hint = guess === undefined ? "" : ` (did you mean "${guess}"?)`;
  throw new UserError(
    `unknown metric "${text}"${hint}; expected <metric>.<stat> with metric one of ${STAT_METRICS.join(", ")} ` +
      `and stat one of ${STATS.join(", ")} (or one of ${SCALAR_METRICS.join(", ")})`,
  );
}

function statValue(stat: Stat, name: StatName): number {
  if (name === "ci95lo") return stat.ci95[0];
  if (name === "ci95hi") return stat.ci95[1];
  return stat[name];
}

export function statOf(summary: StrategySummary, metric: StatMetric): Stat {
  switch (metric) {
    case "incidents.count":
      return summary.incidents.count;
    case "incidents.rtoMinutes":
      return summary.incidents.rtoMinutes;
    case "incidents.rpoSeconds":
      return summary.incidents.rpoSeconds;
    case "incidents.regionFailures.rtoMinutes":
      return summary.incidents.regionFailures.rtoMinutes;
    case "incidents.regionFailures.rpoSeconds":
      return summary.incidents.regionFailures.rpoSeconds;
    default:
      return summary[metric];
  }
}

/** The number `path` names in one strategy's summary (NaN where the statistic is undefined). */
export function metricValue(summary: StrategySummary, path: MetricPath): number {
  if (path.stat !== undefined) return statValue(statOf(summary, path.metric), path.stat);
  switch (path.metric) {
    case "nines":
      return summary.nines;
    case "incidents.total":
      return summary.incidents.total;
    case "incidents.regionFailures.total":
      return summary.incidents.regionFailures.total;
    case "incidents.failedOverFraction":
      return summary.incidents.failedOverFraction;
    case "incidents.abortedFraction":
      return summary.incidents.abortedFraction;
  }
}

/** Where a per-replication metric of the summary comes from, and its scale. */
const REPLICATION_SOURCE: Partial<Record<StatMetric, { column: ReplicationMetric; map: (x: number) => number }>> = {
  availability: { column: "unavailability", map: (x) => 1 - x },
  downtimeMinutes: { column: "downtimeSeconds", map: (x) => x / 60 },
  unavailability: { column: "unavailability", map: (x) => x },
  dataLossSeconds: { column: "dataLossSeconds", map: (x) => x },
  lostWrites: { column: "lostWrites", map: (x) => x },
  lostBytes: { column: "lostBytes", map: (x) => x },
  conflictWrites: { column: "conflictWrites", map: (x) => x },
  failovers: { column: "failovers", map: (x) => x },
  costUSD: { column: "costUSD", map: (x) => x },
  standingCostUSD: { column: "standingCostUSD", map: (x) => x },
  incidentCostUSD: { column: "incidentCostUSD", map: (x) => x },
  penaltyCostUSD: { column: "penaltyCostUSD", map: (x) => x },
  "incidents.count": { column: "incidents", map: (x) => x },
};

/**
 * The per-replication values whose mean is `path` (one per replication, in replication order), or
 * undefined when `path` is not the mean of a per-replication metric. Two runs with common random
 * numbers pair these by replication, which gives their difference a tight confidence interval.
 */
export function replicationValues(run: RunResult, strategyIndex: number, path: MetricPath): Float64Array | undefined {
  if (path.stat !== "mean") return undefined;
  const source = REPLICATION_SOURCE[path.metric];
  const strategy = run.strategies[strategyIndex];
  if (source === undefined || strategy === undefined) return undefined;
  return strategy.metrics[source.column].map(source.map);
}
