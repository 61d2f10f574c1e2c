// The recommendation: for every strategy of a run, the evidence that it keeps the planner's promises
// — P(a year keeps every region-failure incident within the RTO target), the same for RPO,
// P(a year's availability reaches its target), each with a Wilson 95 % interval, the expected
// breaches per year, and its mean total cost of risk — and, among the strategies that demonstrably
// keep them all, the simplest viable one. Pure logic that returns data (kinds, numbers, strategy
// ids); every sentence about it is written by src/report/recommend.ts.
//
// Rules (justified in docs/decision.md):
// - a target is *met* when the lower bound of the 95 % interval of P(a year keeps it) is ≥ the
//   confidence — the simulation has demonstrated it, not merely estimated it;
// - RTO and RPO are promises about every region-failure incident of a year (outages, catastrophic
//   and common-cause events); corruption restores, the same for every strategy, count only with
//   `includeCorruption`. Availability is per year over every cause, as an SLO counts;
// - the budget is compared with the mean total cost of risk (an expected annual figure);
// - among the qualifying strategies, the cheaper is preferred only when the paired cost difference
//   (common random numbers) excludes zero; strategies whose difference to the cheapest includes
//   zero tie with it, and the simplest mechanism among them is chosen.
import type { Difference } from "../montecarlo/stat.js";
import type { RunResult } from "../montecarlo/types.js";
import type { Targets } from "../scenario/targets.js";
import {
  DecisionAccumulator,
  type AccumulatedEvidence,
  type AccumulatedStrategy,
  type CorruptionIncidents,
  type ProbabilityEvidence,
  type StrategyInfo,
  type TargetKind,
} from "./decisionAccumulator.js";

export type { Targets } from "../scenario/targets.js";
export type { CorruptionIncidents, Estimate, ProbabilityEvidence, ProbabilityKind, Status, TargetKind } from "./decisionAccumulator.js";

const YEAR_SECONDS = 365.25 * 86_400;

/**
 * Mechanisms from the simplest to run to the most complex (the seeds' order): a tie in cost goes to
 * the earlier. A type not listed (a new mechanism) ranks after them all, so a tie never prefers an
 * unranked mechanism; add it here in its place.
 */
export const SIMPLICITY: readonly string[] = ["none", "backup-restore", "pilot-light", "warm-standby", "active-active"];

function simplicity(type: string): number {
  const i = SIMPLICITY.indexOf(type);
  return i < 0 ? SIMPLICITY.length : i;
}

export interface BudgetEvidence {
  readonly budget: number;
  readonly status: "meets" | "misses";
  /** Whether the budget lies inside the cost's 95 % interval (the verdict could flip with more runs). */
  readonly marginal: boolean;
}

export interface StrategyEvidence extends AccumulatedStrategy {
  /** Counted incidents per year (per horizon). */
  readonly incidentsPerYear: number;
  readonly budget: BudgetEvidence | undefined;
  readonly qualifies: boolean;
  /** The targets it does not meet (not met or not demonstrated), in the order rto, rpo, availability, budget. */
  readonly unmet: readonly TargetKind[];
}

/** Another strategy beside the recommended one: its yearly cost minus the recommended one's, paired by year. */
export interface Comparison {
  readonly id: string;
  readonly qualifies: boolean;
  readonly costDifference: Difference;
}

export interface Choice {
  readonly id: string;
  /**
   * only: the one strategy that qualifies; cheapest: every other qualifier costs more, by a paired
   * difference that excludes zero; simplest: the simplest of the qualifiers whose cost cannot be
   * told apart from the cheapest's (`tied`).
   */
  readonly reason: "only" | "cheapest" | "simplest";
  /** The qualifier with the lowest mean cost. */
  readonly cheapest: string;
  /** The other qualifiers that tie with the cheapest (paired difference includes zero). */
  readonly tied: readonly string[];
  /** Every other strategy against the recommended one, in scenario order. */
  readonly comparisons: readonly Comparison[];
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

export interface Recommendation {
  readonly scenario: string;
  /** Years (replications) judged. */
  readonly runs: number;
  readonly seed: number;
  readonly horizonYears: number;
  readonly targets: Targets;
  readonly strategies: readonly StrategyEvidence[];
  /** The simplest viable strategy, why, and the paired cost differences of the others against it. */
  readonly choice: Choice | undefined;
  /** When nothing qualifies: the closest strategy, the target it misses most, and what would make it qualify. */
  readonly noneQualifies: { readonly best: string; readonly hardest: TargetKind; readonly advice: readonly Advice[] } | undefined;
  /** Which strategies meet each target (for "only active–active meets RTO ≤ 1 min"). */
  readonly metBy: Readonly<Record<TargetKind, readonly string[]>>;
  /** Corruption restores, which every strategy performs alike; undefined when there were none. */
  readonly corruption: CorruptionIncidents | undefined;
}

/** What a recommendation names besides the evidence: the run's identity. */
export interface RunIdentity {
  readonly scenario: string;
  readonly seed: number;
  /** Seconds. */
  readonly horizon: number;
}

/**
 * Feeds a run held in memory to a DecisionAccumulator, year by year, as many passes as it needs.
 * A saved run is fed from its files by recommendRows.ts, with the same protocol.
 */
function accumulateRun(run: RunResult, targets: Targets): AccumulatedEvidence {
  const acc = new DecisionAccumulator(run.scenario.strategies, targets);
  while (acc.needsPass) {
    acc.addYears(run);
    acc.endPass();
  }
  return acc.evidence();
}

/** The recommendation for a run in memory, against `targets` (by default the scenario's own). */
export function recommend(run: RunResult, targets: Targets | undefined = run.scenario.targets): Recommendation {
  if (targets === undefined) throw new RangeError(`scenario "${run.scenario.name}" states no targets: give some (targets: in the scenario, or --rto, --rpo, --availability)`);
  const { scenario } = run;
  return decide(accumulateRun(run, targets), targets, { scenario: scenario.name, seed: scenario.run.seed, horizon: scenario.run.horizon });
}

/** The recommendation from accumulated evidence (a run in memory, or a saved run's rows). */
export function decide(evidence: AccumulatedEvidence, targets: Targets, run: RunIdentity): Recommendation {
  const runs = evidence.years;
  const strategies: StrategyEvidence[] = evidence.strategies.map((s) => {
    const budget =
      targets.budget === undefined
        ? undefined
        : {
            budget: targets.budget,
            status: s.cost.mean <= targets.budget ? ("meets" as const) : ("misses" as const),
            marginal: s.cost.ci95[0] <= targets.budget && targets.budget <= s.cost.ci95[1],
          };
    const unmet: TargetKind[] = checks(s).filter((e) => e.status !== "meets").map((e) => e.kind);
    if (budget?.status === "misses") unmet.push("budget");
    return { ...s, incidentsPerYear: runs > 0 ? s.incidents / runs : NaN, budget, qualifies: unmet.length === 0, unmet };
  });

  const metBy: Record<TargetKind, string[]> = { rto: [], rpo: [], availability: [], budget: [] };
  for (const s of strategies) {
    for (const e of checks(s)) if (e.status === "meets") metBy[e.kind].push(s.id);
    if (s.budget?.status === "meets") metBy.budget.push(s.id);
  }

  const qualifying = strategies.filter((s) => s.qualifies);
  const choice = qualifying.length > 0 ? choose(strategies, qualifying, evidence) : undefined;
  const noneQualifies = choice === undefined && strategies.length > 0 ? closestMiss(strategies, targets, metBy) : undefined;
  return {
    scenario: run.scenario,
    runs,
    seed: run.seed,
    horizonYears: run.horizon / YEAR_SECONDS,
    targets,
    strategies,
    choice,
    noneQualifies,
    metBy,
    corruption: evidence.corruption,
  };
}

function checks(s: AccumulatedStrategy): ProbabilityEvidence[] {
  return [s.rto, s.rpo, s.availability].filter((e): e is ProbabilityEvidence => e !== undefined);
}

/**
 * The simplest viable strategy: the cheapest qualifier by mean cost, unless others tie with it —
 * their paired cost difference to it includes zero — and then the simplest mechanism among those
 * (then the cheaper, for variants of one mechanism).
 */
function choose(strategies: readonly StrategyEvidence[], qualifying: readonly StrategyEvidence[], evidence: AccumulatedEvidence): Choice {
  const index = (id: string): number => strategies.findIndex((s) => s.id === id);
  const cheapest = [...qualifying].sort((a, b) => a.cost.mean - b.cost.mean)[0]!;
  const tiedWithCheapest = qualifying.filter((s) => s !== cheapest && !(evidence.costDifference(index(s.id), index(cheapest.id)).ci95[0] > 0));
  const candidates = [cheapest, ...tiedWithCheapest].sort((a, b) => simplicity(a.type) - simplicity(b.type) || a.cost.mean - b.cost.mean);
  const chosen = candidates[0]!;
  const at = index(chosen.id);
  return {
    id: chosen.id,
    reason: qualifying.length === 1 ? "only" : tiedWithCheapest.length === 0 ? "cheapest" : "simplest",
    cheapest: cheapest.id,
    tied: candidates.filter((s) => s !== chosen).map((s) => s.id),
    comparisons: strategies
      .filter((s) => s !== chosen)
      .map((s) => ({ id: s.id, qualifies: s.qualifies, costDifference: evidence.costDifference(index(s.id), at) })),
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
    const others = strategies
      .map((s) => ({ s, e: checks(s).find((c) => c.kind === e.kind) }))
      .filter((x): x is { s: StrategyEvidence; e: ProbabilityEvidence } => x.e?.demonstrable !== undefined);
    const better = (a: number, b: number): boolean => (e.kind === "availability" ? a > b : a < b);
    const top = others.reduce<(typeof others)[number] | undefined>((acc, x) => (acc === undefined || better(x.e.demonstrable!, acc.e.demonstrable!) ? x : acc), undefined);
    if (top !== undefined && top.s.id !== best.id) advice.push({ kind: "demonstrable", strategy: top.s.id, target: e.kind, bestOfAll: true });
  }
  if (best.budget?.status === "misses") advice.push({ kind: "budget", strategy: best.id, budget: best.cost.mean });
  const kinds: TargetKind[] = (["rto", "rpo", "availability", "budget"] as const).filter((k) => targets[k] !== undefined);
  for (const kind of kinds) if (metBy[kind].length === 0) advice.push({ kind: "noneMeets", target: kind });
  return { best: best.id, hardest, advice };
}

export type { StrategyInfo };
