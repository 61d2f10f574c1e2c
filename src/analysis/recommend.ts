// The recommendation: for every strategy of a run, the evidence that it meets the planner's targets
// — P(per-incident RTO ≤ target), P(per-incident RPO ≤ target), P(annual availability ≥ target),
// each with a Wilson 95 % interval, and its mean total cost of risk — and the cheapest strategy that
// demonstrably meets them all. Pure logic over a RunResult; rendering is in recommendReport.ts.
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
import { availabilityPercent, duration, probability, probabilityWithCi, usd, usdWithCi } from "../report/decisionFormat.js";
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
  /** One sentence per target it does not meet. */
  readonly misses: readonly string[];
}

export interface Recommendation {
  readonly scenario: string;
  readonly runs: number;
  readonly seed: number;
  readonly horizonYears: number;
  readonly targets: Targets;
  readonly rule: string;
  readonly strategies: readonly StrategyEvidence[];
  /** The cheapest qualifying strategy, with the paired cost difference to the next cheapest qualifier. */
  readonly choice: { readonly id: string; readonly runnerUp?: { readonly id: string; readonly costDifference: Difference } } | undefined;
  /** When nothing qualifies: the closest strategy, the target it misses most, and what would make it qualify. */
  readonly noneQualifies: { readonly best: string; readonly hardest: TargetKind; readonly advice: readonly string[] } | undefined;
  /** Which targets each strategy meets, per target (for "only active–active meets RTO ≤ 1 min"). */
  readonly metBy: Readonly<Record<TargetKind, readonly string[]>>;
  readonly notes: readonly string[];
}

export const RULE =
  "a target is met when the lower bound of the Wilson 95 % interval of P(meeting it) is at least the confidence; " +
  "the cheapest strategy (mean total cost of risk) meeting every target wins";

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

const NAMES: Record<"rto" | "rpo", string> = { rto: "RTO", rpo: "RPO" };

function pct(confidence: number): string {
  return `${String(Number((confidence * 100).toPrecision(6)))} %`;
}

/** One sentence for a target not met. */
function missSentence(e: ProbabilityEvidence, confidence: number): string {
  const what =
    e.kind === "availability"
      ? `P(availability ≥ ${availabilityPercent(e.target)})`
      : `P(${NAMES[e.kind]} ≤ ${duration(e.target)})`;
  const value = e.kind === "availability" ? availabilityPercent(e.atConfidence) : duration(e.atConfidence);
  const tail =
    e.kind === "availability"
      ? `its ${pct(1 - confidence)}-worst year has ${value}`
      : `its p${String(Number((confidence * 100).toPrecision(6)))} ${NAMES[e.kind]} is ${value}`;
  if (e.proportion.n === 0) return `${what}: no counted incidents in this run, so nothing is demonstrated; run more replications (-n)`;
  const estimate = probabilityWithCi(e.proportion.p, e.proportion.ci95);
  if (e.status === "undetermined") {
    return `${what} = ${estimate}: ≥ ${probability(confidence)} on the estimate but not demonstrated (lower bound ${probability(e.proportion.ci95[0])} < ${probability(confidence)}); more replications (-n) may settle it`;
  }
  return `${what} = ${estimate} < ${probability(confidence)}; ${tail}`;
}

/** "you could meet RTO ≤ 52 min at 95 %" — what the strategy does demonstrate. */
function demonstrableSentence(e: ProbabilityEvidence, confidence: number): string {
  if (e.demonstrable === undefined) {
    return `${e.proportion.n} ${e.kind === "availability" ? "years" : "incidents"} are too few to demonstrate anything at ${pct(confidence)}: run more replications (-n)`;
  }
  if (e.kind === "availability") {
    const estimate = e.demonstrable < e.atConfidence ? ` (on the estimate alone ${availabilityPercent(e.atConfidence)}; more replications narrow the gap)` : "";
    return `you could meet availability ≥ ${availabilityPercent(e.demonstrable)} at ${pct(confidence)}${estimate}`;
  }
  const estimate = e.demonstrable > e.atConfidence ? ` (on the estimate alone ${duration(e.atConfidence)}; more replications narrow the gap)` : "";
  return `you could meet ${NAMES[e.kind]} ≤ ${duration(e.demonstrable)} at ${pct(confidence)}${estimate}`;
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
    const misses = probabilityChecks.filter((e) => e.status !== "meets").map((e) => missSentence(e, conf));
    if (budget?.status === "misses") misses.push(`mean cost ${usdWithCi(cost.mean, cost.ci95)} > budget ${usd(budget.budget)}`);
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
      qualifies: misses.length === 0,
      misses,
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
    rule: RULE,
    strategies,
    choice,
    noneQualifies,
    metBy,
    notes: notes(run, targets, horizons),
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
  const conf = targets.confidence;
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
  const advice: string[] = [];
  for (const e of misses) {
    advice.push(`${best.id}: ${demonstrableSentence(e, conf)}`);
    // The strictest value any strategy demonstrates, when another does better than the best candidate.
    const others = strategies.map((s) => ({ s, e: checks(s).find((c) => c.kind === e.kind)! })).filter((x) => x.e.demonstrable !== undefined);
    const better = (a: number, b: number): boolean => (e.kind === "availability" ? a > b : a < b);
    const top = others.reduce<(typeof others)[number] | undefined>((acc, x) => (acc === undefined || better(x.e.demonstrable!, acc.e.demonstrable!) ? x : acc), undefined);
    if (top !== undefined && top.s.id !== best.id) advice.push(`best of all strategies: ${top.s.id}: ${demonstrableSentence(top.e, conf)}`);
  }
  if (best.budget?.status === "misses") advice.push(`${best.id}: a budget of ${usd(best.cost.mean)} (its mean cost of risk) would admit it`);
  const kinds: TargetKind[] = ["rto", "rpo", ...(targets.availability === undefined ? [] : (["availability"] as const))];
  if (targets.budgetUSD !== undefined) kinds.push("budget");
  for (const kind of kinds) {
    const what = kind === "budget" ? "the budget" : kind === "availability" ? "the availability target" : `the ${NAMES[kind]} target`;
    if (metBy[kind].length === 0) advice.push(`no strategy meets ${what}, even leaving the other targets aside`);
  }
  return { best: best.id, hardest, advice };
}

function notes(run: RunResult, targets: Targets, horizons: number): string[] {
  const out: string[] = [];
  const first = run.strategies[0];
  if (first === undefined) return out;
  const inc = first.incidents;
  const rto: number[] = [];
  const rpo: number[] = [];
  for (let j = 0; j < inc.count; j++) {
    if (inc.cause[j] === CORRUPTION) {
      rto.push(inc.rto[j]!);
      rpo.push(inc.rpo[j]!);
    }
  }
  if (rto.length > 0) {
    const median = (xs: number[]): number => quantileSorted(Float64Array.from(xs).sort(), 0.5);
    const rate = (rto.length / horizons).toPrecision(2);
    out.push(
      targets.includeCorruption
        ? `RTO and RPO count corruption incidents too (${rate} per replication; median RTO ${duration(median(rto))}, RPO ${duration(median(rpo))} for ${run.scenario.strategies[0]!.id}).`
        : `RTO and RPO are judged over region-failure incidents only. Corruption incidents (${rate} per replication; median RTO ${duration(median(rto))}, RPO ${duration(median(rpo))} for ${run.scenario.strategies[0]!.id}) are restored from the same backups by every strategy, so the strategy choice does not fix them (backup interval and point-in-time recovery do); --include-corruption counts them.`,
    );
  }
  if (targets.availability !== undefined) out.push("Availability is request-weighted and counts every cause, corruption restores included, as an SLO does.");
  out.push("Costs are the total cost of risk per replication of the horizon: standing infrastructure + incident surge compute + penalties.");
  return out;
}
