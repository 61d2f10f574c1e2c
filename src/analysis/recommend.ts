// The recommendation: for every strategy of a run, the evidence that it meets the planner's targets
// — P(per-incident RTO ≤ target), P(per-incident RPO ≤ target), P(annual availability ≥ target),
// each with a Wilson 95 % interval, and its mean total cost of risk — and the cheapest strategy that
// demonstrably meets them all. Pure logic over a RunResult that returns data (kinds, numbers,
// strategy ids); every sentence about it is written by src/report/recommend.ts.
//
// Rules (justified in docs/decision.md):
// - a target is *met* when the lower bound of the 95 % interval of its probability is ≥ the
//   confidence — the simulation has demonstrated it, not merely estimated it;
// - RTO and RPO are judged over incidents caused by region failures (outages, catastrophic and
//   common-cause events, and any partition/degradation incidents); corruption incidents, restored
//   from the same backups by every strategy, count only with `includeCorruption`;
// - availability is judged over all causes (an SLO counts every minute), per replication;
// - the budget is compared with the mean total cost of risk (an expected annual figure).
import { describe, pairedDifference, type Difference, type Stat } from "../montecarlo/stat.js";
import type { RunResult } from "../montecarlo/types.js";
import { INCIDENT_CAUSES, isRegionFailure } from "../results/results.js";
import { wilson, successesToDemonstrate, type Proportion } from "./binomial.js";
import { quantileSorted } from "../stats/stats.js";

const YEAR_SECONDS = 365.25 * 86_400;
const CORRUPTION = INCIDENT_CAUSES.indexOf("corruption");

export interface Targets {
  /** Per-incident RTO target, seconds. */
  readonly rtoSeconds: number;
  /** Per-incident RPO target, seconds. */
  readonly rpoSeconds: number;
  /** Annual (per-horizon) availability target as a fraction, e.g. 0.9995. */
  readonly availability?: number;
  /** Required probability of meeting each target, e.g. 0.95. */
  readonly confidence: number;
  /** Maximum mean total cost of risk per horizon, USD. */
  readonly budgetUSD?: number;
  /** Count corruption incidents toward the RTO/RPO targets. */
  readonly includeCorruption: boolean;
}

export type TargetKind = "rto" | "rpo" | "availability" | "budget";
export type Status = "meets" | "undetermined" | "misses";

export interface ProbabilityEvidence {
  readonly kind: "rto" | "rpo" | "availability";
  /** Seconds (RTO, RPO) or a fraction (availability). */
  readonly target: number;
  /** Incidents (or replications) meeting the target, of all counted. */
  readonly proportion: Proportion;
  /** meets: lower bound ≥ confidence; undetermined: estimate ≥ confidence but not its lower bound (or no data); misses: estimate < confidence. */
  readonly status: Status;
  /** confidence − lower bound, ≥ 0: how far it is from qualifying. */
  readonly shortfall: number;
  /** The metric at the confidence level: RTO/RPO quantile `confidence`, availability quantile 1 − confidence. */
  readonly atConfidence: number;
  /**
   * The strictest target this strategy demonstrably meets at the confidence with this many
   * incidents (or years); undefined when there are too few to demonstrate the confidence at all.
   */
  readonly demonstrable: number | undefined;
  /** Incidents per horizon that miss the target (RTO/RPO only; NaN for availability). */
  readonly missesPerHorizon: number;
}

export interface BudgetEvidence {
  readonly budget: number;
  readonly status: "meets" | "misses";
  /** Whether the budget lies inside the cost's 95 % interval (the verdict could flip with more runs). */
  readonly marginal: boolean;
}

export interface StrategyEvidence {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  /** Incidents counted toward RTO/RPO, and per horizon. */
  readonly incidents: number;
  readonly incidentsPerHorizon: number;
  readonly rto: ProbabilityEvidence;
  readonly rpo: ProbabilityEvidence;
  readonly availability: ProbabilityEvidence | undefined;
  /** Total cost of risk per horizon (standing + incident + penalties). */
  readonly cost: Stat;
  readonly standingCostMean: number;
  readonly budget: BudgetEvidence | undefined;
  readonly qualifies: boolean;
  /** The targets it does not meet (not met or not demonstrated), in the order rto, rpo, availability, budget. */
  readonly unmet: readonly TargetKind[];
}

/** One piece of advice when no strategy qualifies. */
export type Advice =
  /**
   * The strictest value of `target` that `strategy` demonstrably meets (its evidence's
   * `demonstrable`); `bestOfAll` when it is another strategy's, stricter than the closest candidate's.
   */
  | { readonly kind: "demonstrable"; readonly strategy: string; readonly target: ProbabilityEvidence["kind"]; readonly bestOfAll: boolean }
  /** The budget that would admit `strategy`: its mean cost of risk. */
  | { readonly kind: "budget"; readonly strategy: string; readonly budget: number }
  /** No strategy meets `target`, even leaving the other targets aside. */
  | { readonly kind: "noneMeets"; readonly target: TargetKind };

/** The corruption incidents of the first strategy: how often, and what a restore costs (medians). */
export interface CorruptionIncidents {
  readonly strategy: string;
  readonly perReplication: number;
  readonly medianRtoSeconds: number;
  readonly medianRpoSeconds: number;
}

export interface Recommendation {
  readonly scenario: string;
  readonly runs: number;
  readonly seed: number;
  readonly horizonYears: number;
  readonly targets: Targets;
  readonly strategies: readonly StrategyEvidence[];
  /** The cheapest qualifying strategy, with the paired cost difference to the next cheapest qualifier. */
  readonly choice: { readonly id: string; readonly runnerUp?: { readonly id: string; readonly costDifference: Difference } } | undefined;
  /** When nothing qualifies: the closest strategy, the target it misses most, and what would make it qualify. */
  readonly noneQualifies: { readonly best: string; readonly hardest: TargetKind; readonly advice: readonly Advice[] } | undefined;
  /** Which targets each strategy meets, per target (for "only active–active meets RTO ≤ 1 min"). */
  readonly metBy: Readonly<Record<TargetKind, readonly string[]>>;
  /** Corruption incidents, which every strategy restores alike; undefined when there were none. */
  readonly corruption: CorruptionIncidents | undefined;
}

function statusOf(prop: Proportion, confidence: number): Status {
  if (prop.n > 0 && prop.ci95[0] >= confidence) return "meets";
  if (prop.n === 0 || prop.p >= confidence) return "undetermined";
  return "misses";
}

/** Per-incident evidence for RTO or RPO over `values` (NaN = never reached: a miss). */
function incidentEvidence(kind: "rto" | "rpo", values: Float64Array, target: number, confidence: number, horizons: number): ProbabilityEvidence {
  const sorted = Float64Array.from(values, (x) => (Number.isNaN(x) ? Infinity : x)).sort();
  let k = 0;
  for (const x of sorted) if (x <= target) k++;
  const proportion = wilson(k, sorted.length);
  const need = successesToDemonstrate(sorted.length, confidence);
  return {
    kind,
    target,
    proportion,
    status: statusOf(proportion, confidence),
    shortfall: Math.max(0, confidence - proportion.ci95[0]),
    atConfidence: quantileSorted(sorted, confidence),
    demonstrable: need === undefined ? undefined : sorted[need - 1],
    missesPerHorizon: (sorted.length - k) / horizons,
  };
}

function availabilityEvidence(unavailability: Float64Array, target: number, confidence: number): ProbabilityEvidence {
  const sorted = Float64Array.from(unavailability, (u) => 1 - u).sort();
  let k = 0;
  for (const a of sorted) if (a >= target) k++;
  const proportion = wilson(k, sorted.length);
  const need = successesToDemonstrate(sorted.length, confidence);
  return {
    kind: "availability",
    target,
    proportion,
    status: statusOf(proportion, confidence),
    shortfall: Math.max(0, confidence - proportion.ci95[0]),
    atConfidence: quantileSorted(sorted, 1 - confidence),
    // The need-th best year: `need` years reach it, enough to demonstrate the confidence.
    demonstrable: need === undefined ? undefined : sorted[sorted.length - need],
    missesPerHorizon: NaN,
  };
}

function checks(s: StrategyEvidence): ProbabilityEvidence[] {
  return s.availability === undefined ? [s.rto, s.rpo] : [s.rto, s.rpo, s.availability];
}

export function recommend(run: RunResult, targets: Targets): Recommendation {
  const { scenario } = run;
  const conf = targets.confidence;
  if (!(conf > 0 && conf < 1)) throw new RangeError(`confidence must be in (0, 1), got ${conf}`);
  const runs = run.range.end - run.range.start;
  const horizonYears = scenario.run.horizon / YEAR_SECONDS;
  const horizons = runs;

  const strategies: StrategyEvidence[] = scenario.strategies.map((info, i) => {
    const { metrics, incidents } = run.strategies[i]!;
    const keep: number[] = [];
    for (let j = 0; j < incidents.count; j++) if (targets.includeCorruption || isRegionFailure(incidents.cause[j]!)) keep.push(j);
    const pick = (column: Float64Array): Float64Array => Float64Array.from(keep, (j) => column[j]!);
    const rto = incidentEvidence("rto", pick(incidents.rto), targets.rtoSeconds, conf, horizons);
    const rpo = incidentEvidence("rpo", pick(incidents.rpo), targets.rpoSeconds, conf, horizons);
    const availability = targets.availability === undefined ? undefined : availabilityEvidence(metrics.unavailability, targets.availability, conf);
    const cost = describe(metrics.costUSD);
    const budget =
      targets.budgetUSD === undefined
        ? undefined
        : {
            budget: targets.budgetUSD,
            status: cost.mean <= targets.budgetUSD ? ("meets" as const) : ("misses" as const),
            marginal: cost.ci95[0] <= targets.budgetUSD && targets.budgetUSD <= cost.ci95[1],
          };
    const probabilityChecks = availability === undefined ? [rto, rpo] : [rto, rpo, availability];
    const unmet: TargetKind[] = probabilityChecks.filter((e) => e.status !== "meets").map((e) => e.kind);
    if (budget?.status === "misses") unmet.push("budget");
    let standing = 0;
    for (const x of metrics.standingCostUSD) standing += x;
    return {
      id: info.id,
      label: info.label,
      type: info.type,
      incidents: keep.length,
      incidentsPerHorizon: keep.length / horizons,
      rto,
      rpo,
      availability,
      cost,
      standingCostMean: runs > 0 ? standing / runs : NaN,
      budget,
      qualifies: unmet.length === 0,
      unmet,
    };
  });

  const metBy: Record<TargetKind, string[]> = { rto: [], rpo: [], availability: [], budget: [] };
  for (const s of strategies) {
    for (const e of checks(s)) if (e.status === "meets") metBy[e.kind].push(s.id);
    if (s.budget?.status === "meets") metBy.budget.push(s.id);
  }

  const byCost = (a: StrategyEvidence, b: StrategyEvidence): number => a.cost.mean - b.cost.mean;
  const qualifying = strategies.filter((s) => s.qualifies).sort(byCost);
  let choice: Recommendation["choice"];
  let noneQualifies: Recommendation["noneQualifies"];
  const costColumn = (id: string): Float64Array => run.strategies[scenario.strategies.findIndex((s) => s.id === id)]!.metrics.costUSD;
  if (qualifying.length > 0) {
    const [first, second] = qualifying;
    choice = {
      id: first!.id,
      runnerUp: second === undefined ? undefined : { id: second.id, costDifference: pairedDifference(costColumn(second.id), costColumn(first!.id)) },
    };
  } else if (strategies.length > 0) {
    noneQualifies = closestMiss(strategies, targets, metBy);
  }

  return {
    scenario: scenario.name,
    runs,
    seed: scenario.run.seed,
    horizonYears,
    targets,
    strategies,
    choice,
    noneQualifies,
    metBy,
    corruption: corruptionIncidents(run, horizons),
  };
}

/**
 * The strategy closest to qualifying — fewest targets not met, then the smallest worst shortfall,
 * then the cheapest — its hardest target (the one it misses by most), and what would make it qualify.
 */
function closestMiss(
  strategies: readonly StrategyEvidence[],
  targets: Targets,
  metBy: Record<TargetKind, readonly string[]>,
): NonNullable<Recommendation["noneQualifies"]> {
  const missed = (s: StrategyEvidence): ProbabilityEvidence[] => checks(s).filter((e) => e.status !== "meets");
  const score = (s: StrategyEvidence): [number, number, number] => [
    missed(s).length + (s.budget?.status === "misses" ? 1 : 0),
    Math.max(0, ...missed(s).map((e) => e.shortfall)),
    s.cost.mean,
  ];
  const best = [...strategies].sort((a, b) => {
    const x = score(a);
    const y = score(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  })[0]!;
  const misses = missed(best).sort((a, b) => b.shortfall - a.shortfall);
  const hardest: TargetKind = misses[0]?.kind ?? "budget";
  const advice: Advice[] = [];
  for (const e of misses) {
    advice.push({ kind: "demonstrable", strategy: best.id, target: e.kind, bestOfAll: false });
    // The strictest value any strategy demonstrates, when another does better than the best candidate.
    const others = strategies.map((s) => ({ s, e: checks(s).find((c) => c.kind === e.kind)! })).filter((x) => x.e.demonstrable !== undefined);
    const better = (a: number, b: number): boolean => (e.kind === "availability" ? a > b : a < b);
    const top = others.reduce<(typeof others)[number] | undefined>((acc, x) => (acc === undefined || better(x.e.demonstrable!, acc.e.demonstrable!) ? x : acc), undefined);
    if (top !== undefined && top.s.id !== best.id) advice.push({ kind: "demonstrable", strategy: top.s.id, target: e.kind, bestOfAll: true });
  }
  if (best.budget?.status === "misses") advice.push({ kind: "budget", strategy: best.id, budget: best.cost.mean });
  const kinds: TargetKind[] = ["rto", "rpo", ...(targets.availability === undefined ? [] : (["availability"] as const))];
  if (targets.budgetUSD !== undefined) kinds.push("budget");
  for (const kind of kinds) if (metBy[kind].length === 0) advice.push({ kind: "noneMeets", target: kind });
  return { best: best.id, hardest, advice };
}

function corruptionIncidents(run: RunResult, horizons: number): CorruptionIncidents | undefined {
  const first = run.strategies[0];
  if (first === undefined) return undefined;
  const inc = first.incidents;
  const rto: number[] = [];
  const rpo: number[] = [];
  for (let j = 0; j < inc.count; j++) {
    if (inc.cause[j] === CORRUPTION) {
      rto.push(inc.rto[j]!);
      rpo.push(inc.rpo[j]!);
    }
  }
  if (rto.length === 0) return undefined;
  const median = (xs: number[]): number => quantileSorted(Float64Array.from(xs).sort(), 0.5);
  return { strategy: run.scenario.strategies[0]!.id, perReplication: rto.length / horizons, medianRtoSeconds: median(rto), medianRpoSeconds: median(rpo) };
}
