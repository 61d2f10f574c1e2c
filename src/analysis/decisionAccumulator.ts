// The evidence a recommendation weighs, accumulated from a stream of a run's rows — from columns in
// memory (recommend.ts) or from a saved run directory through the run store (recommendRows.ts) —
// so the terminal of `drsim run`, `drsim recommend` and report.html (drawn from the files, for a run
// and for a merge alike) judge the very same numbers.
//
// A target is a promise about every year (every replication of the horizon), so everything here is
// per year: the year's worst counted incident against the RTO and RPO targets, the year's
// availability against its target, the year's cost. Per target: the share of years that keep the
// promise (k of n, with a Wilson interval), the expected number of breaches per year, the year's
// worst at the confidence level (an order statistic), and the strictest target the run
// demonstrates. Adding incidents that meet a target to a year cannot change any of it — unlike an
// average over pooled incidents, which a harmless extra region raises (docs/decision.md).
import { differenceOf, type Difference } from "../montecarlo/stat.js";
import { INCIDENT_CAUSES, isRegionFailure } from "../outcomes/results.js";
import type { Targets } from "../scenario/targets.js";
import { ExactOrderStatistics } from "../stats/orderStatistics.js";
import { meanCI, quantileOfOrder, quantileRanks, Tally } from "../stats/stats.js";
import { successesToDemonstrate, wilson, type Proportion } from "./binomial.js";

const CORRUPTION = INCIDENT_CAUSES.indexOf("corruption");
/** Years judged at once, column by column: the scratch columns stay small whatever the block. */
const YEARS_PER_CHUNK = 4096;

export type ProbabilityKind = "rto" | "rpo" | "availability";
export type TargetKind = ProbabilityKind | "budget";
/** meets: lower bound ≥ confidence; undetermined: estimate ≥ confidence but not its lower bound (or no data); misses: estimate < confidence. */
export type Status = "meets" | "undetermined" | "misses";

/** A mean with its 95 % interval (t-based for a mean over years, Wilson-based for a share of years). */
export interface Estimate {
  readonly mean: number;
  readonly ci95: readonly [number, number];
}

/** The evidence that a strategy keeps one promise. */
export interface ProbabilityEvidence {
  readonly kind: ProbabilityKind;
  /** Seconds (RTO, RPO) or a fraction (availability). */
  readonly target: number;
  /** Years that kept the promise, of all years: every counted incident within the target, or the year's availability at or above it. */
  readonly years: Proportion;
  readonly status: Status;
  /** confidence − lower bound, ≥ 0: how far it is from qualifying. */
  readonly shortfall: number;
  /** The year's worst at the confidence level: RTO/RPO quantile `confidence` of the year's worst incident, availability quantile 1 − confidence. */
  readonly atConfidence: number;
  /** The strictest target this many years demonstrate at the confidence; undefined when too few years demonstrate anything. */
  readonly demonstrable: number | undefined;
  /** Breaches per year: incidents over the target (RTO, RPO), or the share of years under it (availability). */
  readonly breaches: Estimate;
}

/** A strategy's accumulated evidence, before any target other than probabilities is judged. */
export interface AccumulatedStrategy {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  /** Incidents counted toward RTO/RPO (region failures, plus corruption restores with includeCorruption). */
  readonly incidents: number;
  readonly rto: ProbabilityEvidence | undefined;
  readonly rpo: ProbabilityEvidence | undefined;
  readonly availability: ProbabilityEvidence | undefined;
  /** Total cost of risk per year (standing + incident + penalties): mean, sd and 95 % CI of the mean. */
  readonly cost: Difference;
  readonly standingCostMean: number;
}

/** The corruption restores of the first strategy: how often, and what one takes (medians). */
export interface CorruptionIncidents {
  readonly strategy: string;
  readonly perReplication: number;
  readonly medianRtoSeconds: number;
  readonly medianRpoSeconds: number;
}

export interface AccumulatedEvidence {
  /** Years (replications) judged. */
  readonly years: number;
  readonly strategies: readonly AccumulatedStrategy[];
  /** The paired difference of the yearly cost, strategy a minus strategy b (common random numbers). */
  costDifference(a: number, b: number): Difference;
  readonly corruption: CorruptionIncidents | undefined;
}

export interface StrategyInfo {
  readonly id: string;
  readonly label: string;
  readonly type: string;
}

/** One per-incident target (RTO or RPO) of one strategy. */
class IncidentTarget {
  yearsMet = 0;
  readonly breaches = new Tally();
  /** The year's worst, one value per year: for the quantile at the confidence and the demonstrable target. */
  readonly years: ExactOrderStatistics;
  constructor(
    readonly kind: "rto" | "rpo",
    readonly target: number,
    collectLimit: number | undefined,
    years: number | undefined,
  ) {
    this.years = new ExactOrderStatistics(collectLimit, undefined, years);
  }
  /** This chunk's years: each one's worst counted incident (NaN, a recovery never reached, as +∞) and breaches. */
  private readonly worstOf = new Float64Array(YEARS_PER_CHUNK);
  private readonly breachesOf = new Float64Array(YEARS_PER_CHUNK);

  /** Starts a chunk of `n` years, none with an incident yet. */
  startYears(n: number): void {
    this.worstOf.fill(0, 0, n);
    this.breachesOf.fill(0, 0, n);
  }

  /** A counted incident of the chunk's year `r`. */
  incident(r: number, x: number, firstPass: boolean): void {
    const v = Number.isNaN(x) ? Infinity : x;
    if (v > this.worstOf[r]!) this.worstOf[r] = v;
    if (firstPass && v > this.target) this.breachesOf[r]!++;
  }

  /** Ends the chunk's `n` years, in order. */
  endYears(n: number, firstPass: boolean): void {
    const worst = this.worstOf;
    this.years.addAll(worst, 0, n);
    if (!firstPass) return;
    const breaches = this.breachesOf;
    for (let r = 0; r < n; r++) {
      if (worst[r]! <= this.target) this.yearsMet++;
      this.breaches.add(breaches[r]!);
    }
  }
}

class StrategyState {
  readonly rto: IncidentTarget | undefined;
  readonly rpo: IncidentTarget | undefined;
  /** The year's availability, one value per year. */
  readonly availability: ExactOrderStatistics | undefined;
  availabilityMet = 0;
  incidents = 0;
  readonly cost = new Tally();
  readonly standing = new Tally();
  constructor(targets: Targets, collectLimit: number | undefined, years: number | undefined) {
    this.rto = targets.rto === undefined ? undefined : new IncidentTarget("rto", targets.rto, collectLimit, years);
    this.rpo = targets.rpo === undefined ? undefined : new IncidentTarget("rpo", targets.rpo, collectLimit, years);
    this.availability = targets.availability === undefined ? undefined : new ExactOrderStatistics(collectLimit, undefined, years);
  }
  orders(): ExactOrderStatistics[] {
    return [this.rto?.years, this.rpo?.years, this.availability].flatMap((o) => (o === undefined ? [] : [o]));
  }
}

/**
 * Feed protocol, per pass: every year (replication) in order, a block at a time (`addYears`); then
 * `endPass()`, and again while `needsPass` (later passes only refine order statistics); then
 * `evidence()`.
 */
export class DecisionAccumulator {
  private readonly states: StrategyState[];
  private readonly differences: Tally[];
  /** The chunk's years: each strategy's costs (for the paired differences), and one strategy's availability. */
  private readonly costsOf: Float64Array[];
  private readonly availabilityOf = new Float64Array(YEARS_PER_CHUNK);
  private readonly corruptionRto: ExactOrderStatistics;
  private readonly corruptionRpo: ExactOrderStatistics;
  private pass = 1;
  private yearCount = 0;

  /**
   * `collectLimit`: values held per order statistic before it takes more passes (memory stays
   * bounded); `years`: the years (replications) the rows hold, when known.
   */
  constructor(
    private readonly strategies: readonly StrategyInfo[],
    private readonly targets: Targets,
    collectLimit?: number,
    years?: number,
  ) {
    const conf = targets.confidence;
    if (!(conf > 0 && conf < 1)) throw new RangeError(`confidence must be in (0, 1), got ${conf}`);
    this.states = strategies.map(() => new StrategyState(targets, collectLimit, years));
    this.costsOf = strategies.map(() => new Float64Array(YEARS_PER_CHUNK));
    const n = strategies.length;
    this.differences = Array.from({ length: (n * (n - 1)) / 2 }, () => new Tally());
    this.corruptionRto = new ExactOrderStatistics(collectLimit);
    this.corruptionRpo = new ExactOrderStatistics(collectLimit);
  }

  private get firstPass(): boolean {
    return this.pass === 1;
  }

  /**
   * The years of `block`, in order (every strategy's, each with its incidents): a chunk of years at
   * a time, column by column. Each statistic still sees its values in year order, as when years
   * were fed one by one, so the doubles are the same; the order statistics take them in bulk.
   */
  addYears(block: DecisionBlock): void {
    const { start, end } = block.range;
    const cursors = block.strategies.map(() => 0);
    for (let from = start; from < end; from += YEARS_PER_CHUNK) {
      const n = Math.min(YEARS_PER_CHUNK, end - from);
      block.strategies.forEach((strategy, s) => (cursors[s] = this.strategyYears(s, strategy, from, n, from - start, cursors[s]!)));
      if (this.firstPass) this.pairYears(n);
    }
  }

  /**
   * Strategy `s`'s years [from, from + n) (row `at` of its metric columns on), with its incidents
   * from index `k` on; returns the index of its first incident after them.
   */
  private strategyYears(s: number, { metrics, incidents: inc }: DecisionBlock["strategies"][number], from: number, n: number, at: number, k: number): number {
    const state = this.states[s]!;
    const first = this.firstPass;
    const targets = [state.rto, state.rpo].filter((t): t is IncidentTarget => t !== undefined);
    for (const t of targets) t.startYears(n);
    const end = from + n;
    for (; k < inc.count && inc.replication[k]! < end; k++) {
      const cause = inc.cause[k]!;
      const rto = inc.rto[k]!;
      const rpo = inc.rpo[k]!;
      if (s === 0 && cause === CORRUPTION) {
        this.corruptionRto.add(rto);
        this.corruptionRpo.add(rpo);
      }
      if (!this.targets.includeCorruption && !isRegionFailure(cause)) continue;
      if (first) state.incidents++;
      const r = inc.replication[k]! - from;
      state.rto?.incident(r, rto, first);
      state.rpo?.incident(r, rpo, first);
    }
    for (const t of targets) t.endYears(n, first);
    if (state.availability !== undefined) {
      const availability = this.availabilityOf;
      const unavailability = metrics.unavailability;
      for (let r = 0; r < n; r++) availability[r] = 1 - unavailability[at + r]!;
      state.availability.addAll(availability, 0, n);
      if (first) {
        const target = this.targets.availability!;
        for (let r = 0; r < n; r++) if (availability[r]! >= target) state.availabilityMet++;
      }
    }
    if (first) {
      const costs = this.costsOf[s]!;
      for (let r = 0; r < n; r++) {
        const cost = metrics.costUSD[at + r]!;
        state.cost.add(cost);
        state.standing.add(metrics.standingCostUSD[at + r]!);
        costs[r] = cost;
      }
    }
    return k;
  }

  /** The paired cost differences of the chunk's `n` years, year by year, each pair of strategies (a < b). */
  private pairYears(n: number): void {
    this.yearCount += n;
    const count = this.states.length;
    let d = 0;
    for (let a = 0; a < count; a++) {
      for (let b = a + 1; b < count; b++) {
        const tally = this.differences[d++]!;
        const ca = this.costsOf[a]!;
        const cb = this.costsOf[b]!;
        for (let r = 0; r < n; r++) tally.add(ca[r]! - cb[r]!);
      }
    }
  }

  get needsPass(): boolean {
    return this.firstPass || this.allOrders().some((o) => o.needsPass);
  }

  private allOrders(): ExactOrderStatistics[] {
    return [...this.states.flatMap((s) => s.orders()), this.corruptionRto, this.corruptionRpo];
  }

  endPass(): void {
    for (const o of this.allOrders()) if (this.firstPass || o.needsPass) o.endPass();
    if (this.firstPass) this.wantRanks();
    this.pass++;
  }

  /** After pass 1, the ranks each order statistic must resolve. */
  private wantRanks(): void {
    const n = this.yearCount;
    const conf = this.targets.confidence;
    const need = successesToDemonstrate(n, conf);
    for (const state of this.states) {
      for (const t of [state.rto, state.rpo]) {
        if (t === undefined || n === 0) continue;
        t.years.want([...quantileRanks(n, conf), ...(need === undefined ? [] : [need - 1])]);
      }
      if (state.availability !== undefined && n > 0) {
        state.availability.want([...quantileRanks(n, 1 - conf), ...(need === undefined ? [] : [n - need])]);
      }
    }
    for (const o of [this.corruptionRto, this.corruptionRpo]) if (o.count > 0) o.want(quantileRanks(o.count, 0.5));
  }

  evidence(): AccumulatedEvidence {
    if (this.needsPass) throw new Error("DecisionAccumulator.evidence() before the last pass");
    const n = this.yearCount;
    const conf = this.targets.confidence;
    const need = successesToDemonstrate(n, conf);
    const judged = (kind: ProbabilityKind, target: number, met: number, order: ExactOrderStatistics, breaches: Estimate): ProbabilityEvidence => {
      const years = wilson(met, n);
      const at = (rank: number): number => order.valueAt(rank);
      const availability = kind === "availability";
      return {
        kind,
        target,
        years,
        status: statusOf(years, conf),
        shortfall: Math.max(0, conf - years.ci95[0]),
        atConfidence: n === 0 ? NaN : quantileOfOrder(n, availability ? 1 - conf : conf, at),
        // The need-th best year: `need` years reach it, enough to demonstrate the confidence.
        demonstrable: need === undefined ? undefined : at(availability ? n - need : need - 1),
        breaches,
      };
    };
    const incidentEvidence = (t: IncidentTarget | undefined): ProbabilityEvidence | undefined => {
      if (t === undefined) return undefined;
      return judged(t.kind, t.target, t.yearsMet, t.years, breachRate(t.breaches));
    };
    const strategies = this.strategies.map((info, s): AccumulatedStrategy => {
      const state = this.states[s]!;
      let availability: ProbabilityEvidence | undefined;
      if (state.availability !== undefined) {
        const met = wilson(state.availabilityMet, n);
        const under: Estimate = { mean: n === 0 ? NaN : (n - state.availabilityMet) / n, ci95: [1 - met.ci95[1], 1 - met.ci95[0]] };
        availability = judged("availability", this.targets.availability!, state.availabilityMet, state.availability, under);
      }
      return {
        id: info.id,
        label: info.label,
        type: info.type,
        incidents: state.incidents,
        rto: incidentEvidence(state.rto),
        rpo: incidentEvidence(state.rpo),
        availability,
        cost: differenceOf(state.cost),
        standingCostMean: state.standing.mean,
      };
    });
    const count = this.strategies.length;
    const differences = this.differences;
    const corruption =
      this.corruptionRto.count === 0 || count === 0
        ? undefined
        : {
            strategy: this.strategies[0]!.id,
            perReplication: this.corruptionRto.count / n,
            medianRtoSeconds: quantileOfOrder(this.corruptionRto.count, 0.5, (r) => this.corruptionRto.valueAt(r)),
            medianRpoSeconds: quantileOfOrder(this.corruptionRpo.count, 0.5, (r) => this.corruptionRpo.valueAt(r)),
          };
    return {
      years: n,
      strategies,
      corruption,
      costDifference(a: number, b: number): Difference {
        if (a === b) return { mean: 0, sd: 0, ci95: [0, 0], n };
        const [lo, hi] = a < b ? [a, b] : [b, a];
        // Pair (lo, hi) sits at index lo·(2·count − lo − 1)/2 + (hi − lo − 1) of the upper triangle.
        const d = differenceOf(differences[(lo * (2 * count - lo - 1)) / 2 + (hi - lo - 1)]!);
        return a < b ? d : { mean: -d.mean, sd: d.sd, ci95: [-d.ci95[1], -d.ci95[0]], n: d.n };
      },
    };
  }
}

/**
 * Breaches per year: the mean of the yearly counts with its t-interval — except with no breach at
 * all, where that interval would be [0, 0]; the exact Poisson bound for zero events, −ln(0.025)/n
 * (the "rule of three" at 97.5 %), says how many could still hide in n years.
 */
function breachRate(counts: Tally): Estimate {
  if (counts.count > 0 && counts.max === 0) return { mean: 0, ci95: [0, -Math.log(0.025) / counts.count] };
  const ci = meanCI(counts);
  // A count a year is never negative: with few breaches the normal interval's lower end would be.
  return { mean: ci.mean, ci95: [Math.max(0, ci.lo), ci.hi] };
}

function statusOf(prop: Proportion, confidence: number): Status {
  if (prop.n > 0 && prop.ci95[0] >= confidence) return "meets";
  if (prop.n === 0 || prop.p >= confidence) return "undetermined";
  return "misses";
}

/** A block of consecutive replications as the decision reads them: a run in memory or a batch of a saved run's rows. */
export interface DecisionBlock {
  readonly range: { readonly start: number; readonly end: number };
  readonly strategies: readonly {
    readonly metrics: { readonly unavailability: ArrayLike<number>; readonly costUSD: ArrayLike<number>; readonly standingCostUSD: ArrayLike<number> };
    readonly incidents: { readonly count: number; readonly replication: ArrayLike<number>; readonly cause: ArrayLike<number>; readonly rto: ArrayLike<number>; readonly rpo: ArrayLike<number> };
  }[];
}
