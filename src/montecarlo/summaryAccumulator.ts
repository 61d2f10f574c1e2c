// summary.json's statistics accumulated from a stream of rows: replication rows (one per
// replication × strategy, replication-major with the baseline strategy first, as replications.csv
// is written) and incident rows (in replication order within each strategy). The same rows give the
// same doubles whether they come from columns in memory (summarize) or from shard files (merge), so
// a merged run's summary equals the unsharded run's byte for byte, in memory bounded by the number
// of statistics, not of replications.
import { Tally } from "../stats/stats.js";
import { INCIDENT_CAUSES, isRegionFailure, REPLICATION_METRICS, type ReplicationMetric } from "../results/results.js";
import type { Scenario } from "../scenario/types.js";
import { differenceOf, StatAccumulator, type Stat } from "./stat.js";
import type { CauseSummary, StrategyDifferences, StrategySummary, Summary } from "./summary.js";

/** Thresholds of the exceedance probabilities P[X > x] reported per strategy. */
export const DOWNTIME_THRESHOLDS_MINUTES = [0, 5, 15, 60, 240, 1440] as const;
export const DATA_LOSS_THRESHOLDS_SECONDS = [0, 1, 60, 900, 3600] as const;

const NOTES =
  "Per-replication metrics (downtime, unavailability, data loss, lost writes, costs, incident counts) are totals " +
  "over the horizon (horizonHours): annual when the horizon is 1 year. availability = 1 − unavailability " +
  "(request-weighted). rtoMinutes and rpoSeconds are over incidents. Quantiles: type 7 (linear interpolation). " +
  "ci95: mean ± t·sd/√n. A Stat over no values has n = 0 and null numbers. differences: strategy minus baseline " +
  "per replication (common random numbers).";

/** Column of each metric in a replication row (REPLICATION_METRICS order). */
const M = Object.fromEntries(REPLICATION_METRICS.map((m, i) => [m, i])) as Record<ReplicationMetric, number>;

/** The per-replication metrics summarized as Stats "as is" (summary field = metric). */
const PLAIN = [
  ["unavailability", M.unavailability],
  ["dataLossSeconds", M.dataLossSeconds],
  ["lostWrites", M.lostWrites],
  ["costUSD", M.costUSD],
  ["standingCostUSD", M.standingCostUSD],
  ["lostBytes", M.lostBytes],
  ["conflictWrites", M.conflictWrites],
  ["failovers", M.failovers],
  ["incidentCostUSD", M.incidentCostUSD],
  ["penaltyCostUSD", M.penaltyCostUSD],
] as const;
type PlainStat = (typeof PLAIN)[number][0];
const PLAIN_COLUMNS = PLAIN.map(([, column]) => column);

/** The paired differences, from quantities computed per row. */
const DIFFERENCES = ["downtimeMinutes", "unavailability", "dataLossSeconds", "costUSD"] as const;

class CauseAccumulator {
  total = 0;
  readonly rtoMinutes: StatAccumulator;
  readonly rpoSeconds: StatAccumulator;
  constructor(newStat: () => StatAccumulator) {
    this.rtoMinutes = newStat();
    this.rpoSeconds = newStat();
  }
}

/** One strategy's share of the summary. */
class StrategyAccumulator {
  /** One per PLAIN entry, in its order. */
  readonly plain: StatAccumulator[];
  readonly availability: StatAccumulator;
  readonly downtimeMinutes: StatAccumulator;
  readonly incidentCount: StatAccumulator;
  readonly rtoMinutes: StatAccumulator;
  readonly rpoSeconds: StatAccumulator;
  readonly byCause: CauseAccumulator[];
  readonly regionFailures: CauseAccumulator;
  readonly downtimeAbove = new Float64Array(DOWNTIME_THRESHOLDS_MINUTES.length);
  readonly dataLossAbove = new Float64Array(DATA_LOSS_THRESHOLDS_SECONDS.length);
  readonly differences = DIFFERENCES.map(() => new Tally());
  replications = 0;
  incidents = 0;
  failedOver = 0;
  aborted = 0;

  constructor(newStat: () => StatAccumulator) {
    this.plain = PLAIN.map(newStat);
    this.availability = newStat();
    this.downtimeMinutes = newStat();
    this.incidentCount = newStat();
    this.rtoMinutes = newStat();
    this.rpoSeconds = newStat();
    this.byCause = INCIDENT_CAUSES.map(() => new CauseAccumulator(newStat));
    this.regionFailures = new CauseAccumulator(newStat);
  }

  replicationStats(): StatAccumulator[] {
    return [...this.plain, this.availability, this.downtimeMinutes, this.incidentCount];
  }

  incidentStats(): StatAccumulator[] {
    return [this.rtoMinutes, this.rpoSeconds, ...[...this.byCause, this.regionFailures].flatMap((c) => [c.rtoMinutes, c.rpoSeconds])];
  }
}

function fractionAbove(counts: Float64Array, thresholds: readonly number[], n: number): Record<string, number> {
  const out: Record<string, number> = {};
  thresholds.forEach((t, k) => (out[String(t)] = n === 0 ? NaN : counts[k]! / n));
  return out;
}

/**
 * Pass protocol: feed every replication row and every incident row (pass 1), `endPass()`, then while
 * `needsReplicationPass` / `needsIncidentPass` feed those rows again and `endPass()`; then `result()`.
 * Later passes only refine quantiles, so rows may come in any order there.
 */
export class SummaryAccumulator {
  private readonly strategies: StrategyAccumulator[];
  private pass = 1;
  /** This replication's baseline quantities, for the paired differences. */
  private readonly baseline = new Float64Array(DIFFERENCES.length);
  private readonly current = new Float64Array(DIFFERENCES.length);

  /**
   * `collectLimit` (see StatAccumulator): a run in memory passes its replication count, so each
   * Stat sorts its values in one pass; a merge keeps the default, so memory stays bounded.
   */
  constructor(
    private readonly scenario: Scenario,
    collectLimit?: number,
  ) {
    this.strategies = scenario.strategies.map(() => new StrategyAccumulator(() => new StatAccumulator(collectLimit)));
  }

  /** One replication of strategy `s`: `row` holds REPLICATION_METRICS in order. */
  addReplication(s: number, row: ArrayLike<number>): void {
    const acc = this.strategies[s]!;
    const downtimeMinutes = row[M.downtimeSeconds]! * (1 / 60);
    for (let k = 0; k < PLAIN_COLUMNS.length; k++) acc.plain[k]!.add(row[PLAIN_COLUMNS[k]!]!);
    acc.availability.add(1 - row[M.unavailability]!);
    acc.downtimeMinutes.add(downtimeMinutes);
    acc.incidentCount.add(row[M.incidents]!);
    if (this.pass > 1) return;
    acc.replications++;
    DOWNTIME_THRESHOLDS_MINUTES.forEach((t, k) => {
      if (downtimeMinutes > t) acc.downtimeAbove[k]!++;
    });
    DATA_LOSS_THRESHOLDS_SECONDS.forEach((t, k) => {
      if (row[M.dataLossSeconds]! > t) acc.dataLossAbove[k]!++;
    });
    const current = s === 0 ? this.baseline : this.current;
    current[0] = downtimeMinutes;
    current[1] = row[M.unavailability]!;
    current[2] = row[M.dataLossSeconds]!;
    current[3] = row[M.costUSD]!;
    if (s > 0) for (let k = 0; k < DIFFERENCES.length; k++) acc.differences[k]!.add(current[k]! - this.baseline[k]!);
  }

  /** One incident of strategy `s`; `cause` indexes INCIDENT_CAUSES. */
  addIncident(s: number, cause: number, rto: number, rpo: number, failedOver: boolean, aborted: boolean): void {
    const acc = this.strategies[s]!;
    const byCause = acc.byCause[cause]!;
    const regionFailure = isRegionFailure(cause);
    const rtoMinutes = rto * (1 / 60);
    if (Number.isFinite(rtoMinutes)) acc.rtoMinutes.add(rtoMinutes);
    if (Number.isFinite(rpo)) {
      acc.rpoSeconds.add(rpo);
      byCause.rpoSeconds.add(rpo);
      if (regionFailure) acc.regionFailures.rpoSeconds.add(rpo);
    }
    // Per cause (and region failures, which pool causes) minutes are rto / 60, as they always were.
    const causeRtoMinutes = rto / 60;
    if (Number.isFinite(causeRtoMinutes)) {
      byCause.rtoMinutes.add(causeRtoMinutes);
      if (regionFailure) acc.regionFailures.rtoMinutes.add(causeRtoMinutes);
    }
    if (this.pass > 1) return;
    byCause.total++;
    if (regionFailure) acc.regionFailures.total++;
    acc.incidents++;
    if (failedOver) acc.failedOver++;
    if (aborted) acc.aborted++;
  }

  get needsReplicationPass(): boolean {
    return this.strategies.some((a) => a.replicationStats().some((st) => st.needsPass));
  }

  get needsIncidentPass(): boolean {
    return this.strategies.some((a) => a.incidentStats().some((st) => st.needsPass));
  }

  endPass(): void {
    for (const a of this.strategies) for (const st of [...a.replicationStats(), ...a.incidentStats()]) if (st.needsPass) st.endPass();
    this.pass++;
  }

  result(meta: { drsim: string; scenarioHash: string }): Summary {
    const { scenario } = this;
    const ids = scenario.strategies.map((s) => s.id);
    const strategies: Record<string, StrategySummary> = {};
    const differences: Record<string, StrategyDifferences> = {};
    scenario.strategies.forEach((info, i) => {
      const a = this.strategies[i]!;
      const p = Object.fromEntries(PLAIN.map(([name], k) => [name, a.plain[k]!.result()])) as Record<PlainStat, Stat>;
      const byCause: Record<string, CauseSummary> = {};
      INCIDENT_CAUSES.forEach((cause, c) => {
        const b = a.byCause[c]!;
        if (b.total > 0) byCause[cause] = { total: b.total, rtoMinutes: b.rtoMinutes.result(), rpoSeconds: b.rpoSeconds.result() };
      });
      strategies[info.id] = {
        availability: a.availability.result(),
        downtimeMinutes: a.downtimeMinutes.result(),
        unavailability: p.unavailability,
        dataLossSeconds: p.dataLossSeconds,
        lostWrites: p.lostWrites,
        costUSD: p.costUSD,
        standingCostUSD: p.standingCostUSD,
        incidents: {
          count: a.incidentCount.result(),
          rtoMinutes: a.rtoMinutes.result(),
          rpoSeconds: a.rpoSeconds.result(),
          total: a.incidents,
          failedOverFraction: a.incidents === 0 ? NaN : a.failedOver / a.incidents,
          abortedFraction: a.incidents === 0 ? NaN : a.aborted / a.incidents,
          byCause,
          regionFailures: { total: a.regionFailures.total, rtoMinutes: a.regionFailures.rtoMinutes.result(), rpoSeconds: a.regionFailures.rpoSeconds.result() },
        },
        label: info.label,
        type: info.type,
        nines: -Math.log10(p.unavailability.mean),
        lostBytes: p.lostBytes,
        conflictWrites: p.conflictWrites,
        failovers: p.failovers,
        incidentCostUSD: p.incidentCostUSD,
        penaltyCostUSD: p.penaltyCostUSD,
        exceedance: {
          downtimeMinutes: fractionAbove(a.downtimeAbove, DOWNTIME_THRESHOLDS_MINUTES, a.replications),
          dataLossSeconds: fractionAbove(a.dataLossAbove, DATA_LOSS_THRESHOLDS_SECONDS, a.replications),
        },
      };
      if (i > 0) {
        const [downtimeMinutes, unavailability, dataLossSeconds, costUSD] = a.differences.map(differenceOf);
        differences[info.id] = { downtimeMinutes: downtimeMinutes!, unavailability: unavailability!, dataLossSeconds: dataLossSeconds!, costUSD: costUSD! };
      }
    });
    return {
      drsim: meta.drsim,
      scenario: scenario.name,
      seed: scenario.run.seed,
      runs: this.strategies[0]?.replications ?? 0,
      horizonHours: scenario.run.horizon / 3600,
      strategies,
      description: scenario.description,
      horizonSeconds: scenario.run.horizon,
      scenarioHash: meta.scenarioHash,
      strategyOrder: ids,
      differences: { baseline: ids[0] ?? "", strategies: differences },
      notes: NOTES,
    };
  }
}
