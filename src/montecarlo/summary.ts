// Aggregates of a run: summary.json's content. Every statistic is computed from the full columns in
// replication order, so it is identical for any worker count or shard split.
//
// Scale: per-replication metrics (downtime, data loss, cost…) are totals over the horizon — "per
// horizon"; with the default 1-year horizon they are annual figures.
// Empty samples: a Stat over no values (rtoMinutes/rpoSeconds when no incident happened) has n: 0 and
// every number NaN, which summary.json writes as null (ci95: [null, null]).
import type { StrategyType } from "../model/scenario/types.js";
import { INCIDENT_CAUSES } from "../model/results.js";
import type { IncidentColumns, RunResult } from "./types.js";
import { describe, pairedDifference, type Difference, type Stat } from "./stat.js";

export type { Difference, Stat };

/** Thresholds of the exceedance probabilities P[X > x] reported per strategy. */
export const DOWNTIME_THRESHOLDS_MINUTES = [0, 5, 15, 60, 240, 1440] as const;
export const DATA_LOSS_THRESHOLDS_SECONDS = [0, 1, 60, 900, 3600] as const;

export interface StrategySummary {
  readonly availability: Stat;
  readonly downtimeMinutes: Stat;
  readonly unavailability: Stat;
  readonly dataLossSeconds: Stat;
  readonly lostWrites: Stat;
  readonly costUSD: Stat;
  readonly standingCostUSD: Stat;
  readonly incidents: {
    /** Incidents per replication. */
    readonly count: Stat;
    /** Over incidents: impact start → full service, minutes. */
    readonly rtoMinutes: Stat;
    /** Over incidents: seconds of writes lost. */
    readonly rpoSeconds: Stat;
    /** Total incidents over all replications. */
    readonly total: number;
    /** Share of incidents that completed a failover / were aborted because the primary returned. */
    readonly failedOverFraction: number;
    readonly abortedFraction: number;
    /**
     * The same per cause (region-outage, catastrophic, common-cause, corruption), causes that
     * occurred only: a DR strategy answers region failures, while corruption restores are alike for
     * every strategy, so planners read the two apart.
     */
    readonly byCause: Readonly<Record<string, { readonly total: number; readonly rtoMinutes: Stat; readonly rpoSeconds: Stat }>>;
  };
  // Beyond the contract:
  readonly label: string;
  readonly type: StrategyType;
  /** −log10(mean unavailability): 3 = "three nines". */
  readonly nines: number;
  readonly lostBytes: Stat;
  readonly conflictWrites: Stat;
  readonly failovers: Stat;
  readonly incidentCostUSD: Stat;
  readonly penaltyCostUSD: Stat;
  /** P[X > x] over replications, keyed by the threshold x. */
  readonly exceedance: {
    readonly downtimeMinutes: Readonly<Record<string, number>>;
    readonly dataLossSeconds: Readonly<Record<string, number>>;
  };
}

/** Paired (common-random-numbers) differences of one strategy minus the baseline, per replication. */
export interface StrategyDifferences {
  readonly downtimeMinutes: Difference;
  readonly unavailability: Difference;
  readonly dataLossSeconds: Difference;
  readonly costUSD: Difference;
}

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

const NOTES =
  "Per-replication metrics (downtime, unavailability, data loss, lost writes, costs, incident counts) are totals " +
  "over the horizon (horizonHours): annual when the horizon is 1 year. availability = 1 − unavailability " +
  "(request-weighted). rtoMinutes and rpoSeconds are over incidents. Quantiles: type 7 (linear interpolation). " +
  "ci95: mean ± t·sd/√n. A Stat over no values has n = 0 and null numbers. differences: strategy minus baseline " +
  "per replication (common random numbers).";

function scale(values: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! * factor;
  return out;
}

function oneMinus(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = 1 - values[i]!;
  return out;
}

function finite(values: Float64Array): Float64Array {
  let n = 0;
  for (const x of values) if (Number.isFinite(x)) n++;
  if (n === values.length) return values;
  const out = new Float64Array(n);
  let k = 0;
  for (const x of values) if (Number.isFinite(x)) out[k++] = x;
  return out;
}

function exceedance(values: Float64Array, thresholds: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of thresholds) {
    let above = 0;
    for (const x of values) if (x > t) above++;
    out[String(t)] = values.length === 0 ? NaN : above / values.length;
  }
  return out;
}

function byCause(incidents: IncidentColumns): StrategySummary["incidents"]["byCause"] {
  const out: Record<string, { total: number; rtoMinutes: Stat; rpoSeconds: Stat }> = {};
  INCIDENT_CAUSES.forEach((cause, c) => {
    const rto: number[] = [];
    const rpo: number[] = [];
    for (let k = 0; k < incidents.count; k++) {
      if (incidents.cause[k] !== c) continue;
      rto.push(incidents.rto[k]! / 60);
      rpo.push(incidents.rpo[k]!);
    }
    if (rto.length > 0) {
      out[cause] = { total: rto.length, rtoMinutes: describe(finite(Float64Array.from(rto))), rpoSeconds: describe(finite(Float64Array.from(rpo))) };
    }
  });
  return out;
}

function fraction(flags: Uint8Array): number {
  let k = 0;
  for (const f of flags) k += f;
  return flags.length === 0 ? NaN : k / flags.length;
}

/** Aggregates a run (or a shard's range) into summary.json's content. */
export function summarize(run: RunResult): Summary {
  const { scenario } = run;
  const strategies: Record<string, StrategySummary> = {};
  const downtimeMinutes = run.strategies.map((s) => scale(s.metrics.downtimeSeconds, 1 / 60));
  run.scenario.strategies.forEach((info, i) => {
    const { metrics, incidents } = run.strategies[i]!;
    const unavailability = describe(metrics.unavailability);
    strategies[info.id] = {
      availability: describe(oneMinus(metrics.unavailability)),
      downtimeMinutes: describe(downtimeMinutes[i]!),
      unavailability,
      dataLossSeconds: describe(metrics.dataLossSeconds),
      lostWrites: describe(metrics.lostWrites),
      costUSD: describe(metrics.costUSD),
      standingCostUSD: describe(metrics.standingCostUSD),
      incidents: {
        count: describe(metrics.incidents),
        rtoMinutes: describe(finite(scale(incidents.rto, 1 / 60))),
        rpoSeconds: describe(finite(incidents.rpo)),
        total: incidents.count,
        failedOverFraction: fraction(incidents.failedOver),
        abortedFraction: fraction(incidents.aborted),
        byCause: byCause(incidents),
      },
      label: info.label,
      type: info.type,
      nines: -Math.log10(unavailability.mean),
      lostBytes: describe(metrics.lostBytes),
      conflictWrites: describe(metrics.conflictWrites),
      failovers: describe(metrics.failovers),
      incidentCostUSD: describe(metrics.incidentCostUSD),
      penaltyCostUSD: describe(metrics.penaltyCostUSD),
      exceedance: {
        downtimeMinutes: exceedance(downtimeMinutes[i]!, DOWNTIME_THRESHOLDS_MINUTES),
        dataLossSeconds: exceedance(metrics.dataLossSeconds, DATA_LOSS_THRESHOLDS_SECONDS),
      },
    };
  });

  const ids = scenario.strategies.map((s) => s.id);
  const base = run.strategies[0];
  const differences: Record<string, StrategyDifferences> = {};
  if (base !== undefined) {
    run.strategies.forEach((s, i) => {
      if (i === 0) return;
      differences[ids[i]!] = {
        downtimeMinutes: pairedDifference(downtimeMinutes[i]!, downtimeMinutes[0]!),
        unavailability: pairedDifference(s.metrics.unavailability, base.metrics.unavailability),
        dataLossSeconds: pairedDifference(s.metrics.dataLossSeconds, base.metrics.dataLossSeconds),
        costUSD: pairedDifference(s.metrics.costUSD, base.metrics.costUSD),
      };
    });
  }

  return {
    drsim: run.drsim,
    scenario: scenario.name,
    seed: scenario.run.seed,
    runs: run.range.end - run.range.start,
    horizonHours: scenario.run.horizon / 3600,
    strategies,
    description: scenario.description,
    horizonSeconds: scenario.run.horizon,
    scenarioHash: run.scenarioHash,
    strategyOrder: ids,
    differences: { baseline: ids[0] ?? "", strategies: differences },
    notes: NOTES,
  };
}
