// Choosing a plan: the cheapest whose every service demonstrably meets its tier, with the
// simplest-viable rule among plans whose cost cannot be told apart. Where plans are many, a
// fully sequential screening eliminates plans as the years accumulate — procedure KN of
//   S.-H. Kim and B. L. Nelson (2001), "A fully sequential procedure for indifference-zone
//   selection in simulation", ACM TOMACS 11(3):251–273,
// run on the per-year cost, which every plan reads on the same simulated years (common random
// numbers: KN's pairwise variances S²ᵢₗ of the differences take the pairing in). Its plans are
// constrained (every service's tier), so — as in the constrained procedures of
//   S. Andradóttir and S.-H. Kim (2010), "Fully sequential procedures for comparing constrained
//   systems via simulation", Naval Research Logistics 57(5):403–421 —
// a plan is dropped when its years show a target cannot be met, and a plan eliminates another on
// cost only once it has itself been shown to meet every target. Everything here is a pure
// function of the columns: the same seed gives the same eliminations, in the same order.
import { pairedDifference } from "../montecarlo/stat.js";
import { columnMean } from "./planColumns.js";

/**
 * KN's h² for k systems, a first stage of n0 observations and probability of correct selection
 * 1 − α (c = 1): h² = (n0 − 1)·((2α/(k − 1))^(−2/(n0 − 1)) − 1).
 */
export function knH2(k: number, n0: number, alpha: number): number {
  if (k < 2) return 0;
  return (n0 - 1) * (Math.pow((2 * alpha) / (k - 1), -2 / (n0 - 1)) - 1);
}

/**
 * S²ᵢₗ of KN: the sample variance of the paired differences of plans i and l over the first stage,
 * for every pair (a symmetric k × k matrix, row-major). `costs[i]` holds plan i's first-stage values.
 */
export function pairVariances(costs: readonly Float64Array[], n0: number): Float64Array {
  const k = costs.length;
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const a = costs[i]!;
    for (let l = i + 1; l < k; l++) {
      const b = costs[l]!;
      let sum = 0;
      let sumSq = 0;
      for (let r = 0; r < n0; r++) {
        const d = a[r]! - b[r]!;
        sum += d;
        sumSq += d * d;
      }
      const variance = n0 > 1 ? Math.max(0, (sumSq - (sum * sum) / n0) / (n0 - 1)) : 0;
      out[i * k + l] = out[l * k + i] = variance;
    }
  }
  return out;
}

/** KN's half-width W_il(r) = max(0, (δ / 2r)·(h²·S²ᵢₗ / δ² − r)). */
export function knHalfWidth(h2: number, variance: number, delta: number, r: number): number {
  return Math.max(0, (delta / (2 * r)) * ((h2 * variance) / (delta * delta) - r));
}

/** Why a plan was dropped, and after how many years. */
export type Elimination =
  | { readonly reason: "misses"; readonly after: number }
  | { readonly reason: "costlier"; readonly after: number; readonly than: number };

export interface ScreenState {
  readonly alive: Set<number>;
  readonly eliminated: Map<number, Elimination>;
}

/**
 * One screening after `r` years: plans whose years show a target cannot be met are dropped, then
 * KN's rule among the rest — plan i goes when some plan l shown to meet every target has
 * mean(i) > mean(l) + W_il(r). Means are `sums / r`; `variances` from pairVariances.
 */
export function screen(
  state: ScreenState,
  r: number,
  sums: Float64Array,
  variances: Float64Array,
  h2: number,
  delta: number,
  status: (plan: number) => "meets" | "misses" | "undetermined",
): void {
  const k = sums.length;
  const before = [...state.alive];
  for (const i of before) {
    if (status(i) === "misses") {
      state.alive.delete(i);
      state.eliminated.set(i, { reason: "misses", after: r });
    }
  }
  const survivors = [...state.alive];
  const proven = survivors.filter((l) => status(l) === "meets");
  for (const i of survivors) {
    for (const l of proven) {
      if (l === i) continue;
      if (sums[i]! / r > sums[l]! / r + knHalfWidth(h2, variances[i * k + l]!, delta, r)) {
        state.alive.delete(i);
        state.eliminated.set(i, { reason: "costlier", after: r, than: l });
        break;
      }
    }
  }
}

/** How the choice among qualifying plans was made. */
export interface Choice {
  readonly plan: number;
  /** The cheapest qualifying plan by mean cost. */
  readonly cheapest: number;
  /** Qualifying plans whose paired cost difference from the cheapest includes zero (the chosen among them). */
  readonly indistinguishable: readonly number[];
}

/**
 * Among qualifying plans, the cheapest — unless plans whose paired cost difference from it
 * includes zero are simpler (issue #13's simplest-viable rule): then the simplest of those, the
 * cheapest among equally simple ones. `cost(i)` is plan i's per-replication cost.
 */
export function choosePlan(qualifying: readonly number[], cost: (plan: number) => Float64Array, complexity: (plan: number) => number): Choice | undefined {
  if (qualifying.length === 0) return undefined;
  const means = new Map(qualifying.map((i) => [i, columnMean(cost(i))]));
  const byMean = [...qualifying].sort((a, b) => means.get(a)! - means.get(b)! || a - b);
  const cheapest = byMean[0]!;
  const base = cost(cheapest);
  const indistinguishable = byMean.filter((i) => i === cheapest || pairedDifference(cost(i), base).ci95[0] <= 0);
  const plan = [...indistinguishable].sort((a, b) => complexity(a) - complexity(b) || means.get(a)! - means.get(b)! || a - b)[0]!;
  return { plan, cheapest, indistinguishable };
}
