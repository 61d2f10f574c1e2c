// Aggregates of a run: summary.json's content. Every statistic is computed from the full columns in
// replication order, so it is identical for any worker count or shard split.
//
// Scale: per-replication metrics (downtime, data loss, cost…) are totals over the horizon — "per
// horizon"; with the default 1-year horizon they are annual figures.
// Empty samples: a Stat over no values (rtoMinutes/rpoSeconds when no incident happened) has n: 0 and
// every number NaN, which summary.json writes as null (ci95: [null, null]).
import { REPLICATION_METRICS, type CauseScalar, type CauseStat, type ContractStat, type DifferenceStat, type ExceedanceStat, type ExtraStat, type IncidentScalar, type IncidentStat, type TopScalar } from "../outcomes/metrics.js";
import type { StrategyType } from "../scenario/types.js";
import type { Difference, Stat } from "./stat.js";
import { SummaryAccumulator } from "./summaryAccumulator.js";
import type { RunResult } from "./types.js";

export type { Difference, Stat };

// The shapes below follow the metric catalogue (outcomes/metrics.ts): a metric added there is a field
// here, with no second list to keep in step.

/** Incidents of one cause (or class of causes): how many, and their RTO and RPO. */
export type CauseSummary = { readonly [K in CauseScalar]: number } & { readonly [K in CauseStat]: Stat };

/**
 * One strategy's summary: the contract's statistics, `incidents` (per replication, over incidents,
 * per cause and over region failures — what a DR strategy answers, while corruption restores are
 * alike for every strategy), then beyond the contract: label, type, nines, the other statistics and
 * the exceedance probabilities P[X > x] over replications, keyed by the threshold x.
 */
export type StrategySummary = { readonly [K in ContractStat]: Stat } & {
  readonly incidents: { readonly [K in IncidentStat]: Stat } & { readonly [K in IncidentScalar]: number } & {
    /** Causes that occurred only, keyed by cause (region-outage, catastrophic, …, corruption). */
    readonly byCause: Readonly<Record<string, CauseSummary>>;
    /** Every cause but corruption. */
    readonly regionFailures: CauseSummary;
  };
  readonly label: string;
  readonly type: StrategyType;
} & { readonly [K in TopScalar]: number } & { readonly [K in ExtraStat]: Stat } & {
  readonly exceedance: { readonly [K in ExceedanceStat]: Readonly<Record<string, number>> };
};

/** Paired (common-random-numbers) differences of one strategy minus the baseline, per replication. */
export type StrategyDifferences = { readonly [K in DifferenceStat]: Difference };

export interface Summary {
  readonly drsim: string;
  readonly scenario: string;
  readonly seed: number;
  /** Replications summarized. */
  readonly runs: number;
  readonly horizonHours: number;
  readonly strategies: Readonly<Record<string, StrategySummary>>;
  // Beyond the contract:
  readonly description: string;
  readonly horizonSeconds: number;
  readonly scenarioHash: string;
  /** Strategy ids in scenario order (JSON object order is not guaranteed by every reader). */
  readonly strategyOrder: readonly string[];
  /** Each strategy minus the first (the baseline), paired by replication, with 95 % CIs. */
  readonly differences: {
    readonly baseline: string;
    readonly strategies: Readonly<Record<string, StrategyDifferences>>;
  };
  readonly notes: string;
}

/**
 * Aggregates a run (or a shard's range) held in memory into summary.json's content. Each Stat sorts
 * its values in one pass; `collectLimit` lowers that (tests use it to check the bounded-memory,
 * multi-pass path a merge takes gives the same doubles).
 */
export function summarize(run: RunResult, collectLimit?: number): Summary {
  const n = run.range.end - run.range.start;
  const incidents = Math.max(0, ...run.strategies.map((s) => s.incidents.count));
  const acc = new SummaryAccumulator(run.scenario, collectLimit ?? Math.max(n, incidents, 1));
  const row = new Float64Array(REPLICATION_METRICS.length);
  const columns = run.strategies.map((s) => REPLICATION_METRICS.map((m) => s.metrics[m]));
  for (let pass = 1; pass === 1 || acc.needsReplicationPass || acc.needsIncidentPass; pass++) {
    if (pass === 1 || acc.needsReplicationPass) {
      for (let r = 0; r < n; r++) {
        for (let s = 0; s < columns.length; s++) {
          const own = columns[s]!;
          for (let m = 0; m < own.length; m++) row[m] = own[m]![r]!;
          acc.addReplication(s, row);
        }
      }
    }
    if (pass === 1 || acc.needsIncidentPass) {
      run.strategies.forEach(({ incidents: inc }, s) => {
        for (let k = 0; k < inc.count; k++) acc.addIncident(s, inc.cause[k]!, inc.rto[k]!, inc.rpo[k]!, inc.failedOver[k] === 1, inc.aborted[k] === 1);
      });
    }
    acc.endPass();
  }
  return acc.result(run);
}
