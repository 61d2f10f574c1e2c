// summary.json's statistics accumulated from a stream of rows: replication rows (one per
// replication × strategy, replication-major with the baseline strategy first, as replications.csv
// is written) and incident rows (in replication order within each strategy). The same rows give the
// same doubles whether they come from columns in memory (summarize) or from shard files (merge), so
// a merged run's summary equals the unsharded run's byte for byte, in memory bounded by the number
// of statistics, not of replications.
import { Tally } from "../stats/stats.js";
import { INCIDENT_CAUSES, isRegionFailure } from "../outcomes/results.js";
import { REPLICATION_METRICS, SCALES, STAT_DEFS, type ReplicationMetric, type StatDef } from "../outcomes/metrics.js";
import type { Scenario } from "../scenario/types.js";
import { differenceOf, StatAccumulator, type Stat } from "./stat.js";
import type { CauseSummary, StrategyDifferences, StrategySummary, Summary } from "./summary.js";

const NOTES =
  "Per-replication metrics (downtime, unavailability, data loss, lost writes, costs, incident counts) are totals " +
  "over the horizon (horizonHours): annual when the horizon is 1 year. availability = 1 − unavailability " +
  "(request-weighted). rtoMinutes and rpoSeconds are over incidents. Quantiles: type 7 (linear interpolation). " +
  "ci95: mean ± t·sd/√n. A Stat over no values has n = 0 and null numbers. differences: strategy minus baseline " +
  "per replication (common random numbers).";

/**
 * The catalogue's statistics of a replication column: each reads its column of a replication row
 * (REPLICATION_METRICS order) and scales it as summary.json always has.
 */
const COLUMN_STATS = STAT_DEFS.flatMap((def) =>
  def.column === undefined
    ? []
    : [{ def, at: REPLICATION_METRICS.indexOf(def.column.id), asIs: def.column.scale === "identity", scale: SCALES[def.column.scale].summary, summaryAt: -1 }],
);
/** The replication columns the summary reads (REPLICATION_METRICS order); it ignores the others. */
export const SUMMARY_COLUMNS: readonly ReplicationMetric[] = REPLICATION_METRICS.filter((m) => COLUMN_STATS.some((c) => c.def.column!.id === m));
// Each statistic's column among SUMMARY_COLUMNS (what addColumns is given).
for (const c of COLUMN_STATS) c.summaryAt = SUMMARY_COLUMNS.indexOf(c.def.column!.id);

const columnStat = (def: StatDef): number => {
  const k = COLUMN_STATS.findIndex((c) => c.def === def);
  if (k < 0) throw new Error(`metric catalogue: ${def.path} has a difference or exceedance but no replication column`);
  return k;
};
/** Statistics with paired differences against the baseline, and with exceedance probabilities (index into COLUMN_STATS). */
const DIFFERENCES = STAT_DEFS.filter((d) => d.difference !== undefined).map(columnStat);
const EXCEEDANCES = STAT_DEFS.filter((d) => d.exceedance !== undefined).map((d) => ({ k: columnStat(d), thresholds: d.exceedance! }));

class CauseAccumulator {
  total = 0;
  readonly rtoMinutes: StatAccumulator;
  readonly rpoSeconds: StatAccumulator;
  constructor(newStat: (expected?: number) => StatAccumulator) {
    this.rtoMinutes = newStat();
    this.rpoSeconds = newStat();
  }
  result(): CauseSummary {
    return { total: this.total, rtoMinutes: this.rtoMinutes.result(), rpoSeconds: this.rpoSeconds.result() };
  }
}

/** One strategy's share of the summary. */
class StrategyAccumulator {
  /** One per COLUMN_STATS entry, in its order. */
  readonly columns: StatAccumulator[];
  readonly rtoMinutes: StatAccumulator;
  readonly rpoSeconds: StatAccumulator;
  readonly byCause: CauseAccumulator[];
  readonly regionFailures: CauseAccumulator;
  /** Per EXCEEDANCES entry, per threshold: replications above it. */
  readonly above = EXCEEDANCES.map((e) => new Float64Array(e.thresholds.length));
  readonly differences = DIFFERENCES.map(() => new Tally());
  replications = 0;
  incidents = 0;
  failedOver = 0;
  aborted = 0;

  /** `newStat(expected)`: a statistic, told how many values it will see when that is known (one per replication). */
  constructor(newStat: (expected?: number) => StatAccumulator, replications: number | undefined) {
    this.columns = COLUMN_STATS.map(() => newStat(replications));
    this.rtoMinutes = newStat();
    this.rpoSeconds = newStat();
    this.byCause = INCIDENT_CAUSES.map(() => new CauseAccumulator(newStat));
    this.regionFailures = new CauseAccumulator(newStat);
  }

  replicationStats(): StatAccumulator[] {
    return this.columns;
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
  /** This replication's statistics' values (COLUMN_STATS order), and the baseline strategy's, for the paired differences. */
  private readonly values = new Float64Array(COLUMN_STATS.length);
  private readonly baseline = new Float64Array(COLUMN_STATS.length);
  /** addColumns' scratch: scaled values per statistic, and the baseline's values per difference. */
  private scaled: Float64Array[] = [];
  private baselineValues: Float64Array[] = [];
  /** Per statistic (COLUMN_STATS order): its index in EXCEEDANCES and in DIFFERENCES, or −1. */
  private readonly exceedanceOf = COLUMN_STATS.map((_, k) => EXCEEDANCES.findIndex((e) => e.k === k));
  private readonly differenceOf = COLUMN_STATS.map((_, k) => DIFFERENCES.indexOf(k));

  /**
   * `collectLimit` (see StatAccumulator): a run in memory passes its replication count, so each
   * Stat sorts its values in one pass; a merge keeps the default, so memory stays bounded.
   * `replications`: how many the rows will hold, when known (a streamed run, a merge).
   * `holdLimit`: values each Stat holds in the first pass, when fewer (a streamed run, a merge: RunFeed).
   */
  constructor(
    private readonly scenario: Scenario,
    collectLimit?: number,
    replications?: number,
    holdLimit?: number,
  ) {
    this.strategies = scenario.strategies.map(() => new StrategyAccumulator((expected) => new StatAccumulator(collectLimit, expected, holdLimit), replications));
  }

  /** One replication of strategy `s`: `row` holds REPLICATION_METRICS in order (only SUMMARY_COLUMNS are read). */
  addReplication(s: number, row: ArrayLike<number>): void {
    const acc = this.strategies[s]!;
    const values = this.values;
    for (let k = 0; k < COLUMN_STATS.length; k++) {
      const c = COLUMN_STATS[k]!;
      // Most statistics read their column as is: no call for those (this runs per replication × strategy).
      const x = row[c.at]!;
      acc.columns[k]!.add((values[k] = c.asIs ? x : c.scale(x)));
    }
    if (this.pass > 1) return;
    acc.replications++;
    for (let e = 0; e < EXCEEDANCES.length; e++) {
      const { k, thresholds } = EXCEEDANCES[e]!;
      const counts = acc.above[e]!;
      for (let i = 0; i < thresholds.length; i++) if (values[k]! > thresholds[i]!) counts[i]!++;
    }
    const baseline = this.baseline;
    if (s === 0) baseline.set(values);
    else for (let d = 0; d < DIFFERENCES.length; d++) acc.differences[d]!.add(values[DIFFERENCES[d]!]! - baseline[DIFFERENCES[d]!]!);
  }

  /**
   * Replications [from, to) of a batch, every strategy at once: `columns[s][m]` is strategy s's
   * column of SUMMARY_COLUMNS[m]. The same statistics as addReplication row by row, fed column by
   * column: each statistic still sees its values in replication order, so the doubles are the same.
   */
  addColumns(columns: readonly (readonly Float64Array[])[], from: number, to: number): void {
    const n = to - from;
    if ((this.scaled[0]?.length ?? -1) < n) this.scaled = COLUMN_STATS.map(() => new Float64Array(n));
    const baseline = this.baselineColumns(n);
    const stats: StatAccumulator[] = [];
    const views: Float64Array[] = [];
    for (let s = 0; s < columns.length; s++) {
      const acc = this.strategies[s]!;
      const own = columns[s]!;
      stats.length = views.length = 0;
      for (let k = 0; k < COLUMN_STATS.length; k++) {
        const c = COLUMN_STATS[k]!;
        const stat = acc.columns[k]!;
        if (this.pass > 1 && !stat.needsPass) continue;
        const raw = own[c.summaryAt]!;
        let values: Float64Array;
        if (c.asIs) values = raw.subarray(from, to);
        else {
          values = this.scaled[k]!.subarray(0, n);
          const scale = c.scale;
          for (let i = 0; i < n; i++) values[i] = scale(raw[from + i]!);
        }
        stats.push(stat);
        views.push(values);
        if (this.pass > 1) continue;
        const e = this.exceedanceOf[k]!;
        if (e >= 0) {
          const thresholds = EXCEEDANCES[e]!.thresholds;
          const counts = acc.above[e]!;
          for (let t = 0; t < thresholds.length; t++) {
            const x = thresholds[t]!;
            let above = 0;
            for (let i = 0; i < n; i++) if (values[i]! > x) above++;
            counts[t]! += above;
          }
        }
        const d = this.differenceOf[k]!;
        if (d >= 0) {
          if (s === 0) baseline[d]!.set(values);
          else {
            const base = baseline[d]!;
            const tally = acc.differences[d]!;
            for (let i = 0; i < n; i++) tally.add(values[i]! - base[i]!);
          }
        }
      }
      // Every statistic of this strategy at once (their tallies advance together); the scaled
      // scratch is consumed here, before the next strategy refills it.
      StatAccumulator.addColumns(stats, views, n);
      if (this.pass === 1) acc.replications += n;
    }
  }

  /** Strategy 0's values of the statistics with differences, this batch (DIFFERENCES order). */
  private baselineColumns(n: number): Float64Array[] {
    if (this.baselineValues[0] === undefined || this.baselineValues[0].length < n) this.baselineValues = DIFFERENCES.map(() => new Float64Array(n));
    return this.baselineValues;
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
      const stats = new Map<string, Stat>(COLUMN_STATS.map((c, k) => [c.def.path, a.columns[k]!.result()]));
      stats.set("incidents.rtoMinutes", a.rtoMinutes.result());
      stats.set("incidents.rpoSeconds", a.rpoSeconds.result());
      // Keys in the catalogue's order: summary.json's bytes depend on it.
      const topLevel = (contract: boolean): Record<string, Stat> =>
        Object.fromEntries(STAT_DEFS.filter((d) => !d.path.includes(".") && (d.contract === true) === contract).map((d) => [d.path, stats.get(d.path)!]));
      const incidentStats = Object.fromEntries(
        STAT_DEFS.filter((d) => /^incidents\.[^.]+$/.test(d.path)).map((d) => [d.path.slice("incidents.".length), stats.get(d.path)!]),
      );
      const byCause: Record<string, CauseSummary> = {};
      INCIDENT_CAUSES.forEach((cause, c) => {
        const b = a.byCause[c]!;
        if (b.total > 0) byCause[cause] = b.result();
      });
      // The catalogue's types describe this object (montecarlo/summary.ts); its keys come from the catalogue.
      strategies[info.id] = {
        ...topLevel(true),
        incidents: {
          ...incidentStats,
          total: a.incidents,
          failedOverFraction: a.incidents === 0 ? NaN : a.failedOver / a.incidents,
          abortedFraction: a.incidents === 0 ? NaN : a.aborted / a.incidents,
          byCause,
          regionFailures: a.regionFailures.result(),
        },
        label: info.label,
        type: info.type,
        nines: -Math.log10(stats.get("unavailability")!.mean),
        ...topLevel(false),
        exceedance: Object.fromEntries(
          EXCEEDANCES.map(({ k, thresholds }, e) => [COLUMN_STATS[k]!.def.path, fractionAbove(a.above[e]!, thresholds, a.replications)]),
        ),
      } as unknown as StrategySummary;
      if (i > 0) {
        differences[info.id] = Object.fromEntries(
          DIFFERENCES.map((k, d) => [COLUMN_STATS[k]!.def.path, differenceOf(a.differences[d]!)]),
        ) as unknown as StrategyDifferences;
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
