// A plan study: replications of the portfolio (every strategy of every service simulated once per
// replication, every plan composed from them: replication/portfolioReplication.ts), in stages, and
// the plans screened as the years accumulate. Few plans (at most `exhaustiveLimit`) are all
// evaluated on every replication; more are screened by the sequential procedure of planSelect.ts,
// which may stop before the last replication once a single plan is left and shown to qualify.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { UserError } from "../errors.js";
import type { PortfolioModel } from "../replication/portfolioModel.js";
import { simulatePortfolioReplication } from "../replication/portfolioReplication.js";
import { PlanColumns } from "./planColumns.js";
import { allServiceEvidence, type ServiceEvidence } from "./planEvidence.js";
import { knH2, pairVariances, screen, type Elimination, type ScreenState } from "./planSelect.js";
import { planSpace, type PlanSpace } from "./planSpace.js";

export interface PlanStudyOptions {
  /** Replications at most (each plan reads each of them). */
  readonly runs: number;
  readonly seed: number;
  /** Plans up to this many are all evaluated on every replication; more are screened. Default 64. */
  readonly exhaustiveLimit?: number;
  /** Probability of a wrong selection KN allows, α (default 0.05). */
  readonly alpha?: number;
  /** KN's indifference zone δ, USD per year; default 0.5 % of the cheapest first-stage mean. */
  readonly indifferenceUSD?: number;
  /** Replications of KN's first stage (default 1,000) and of each later stage (default 1,000). */
  readonly firstStage?: number;
  readonly stage?: number;
  /** Only these plans are evaluated (a verification's finalists); default every plan. */
  readonly plans?: readonly number[];
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export const DEFAULT_EXHAUSTIVE_LIMIT = 64;
/** Plans a sequential screening can hold: it keeps a k × k matrix of paired variances. */
export const MAX_PLANS = 2048;

export interface PlanProcedure {
  readonly kind: "exhaustive" | "sequential";
  readonly plans: number;
  /** Replications every surviving plan was evaluated on. */
  readonly replications: number;
  readonly firstStage: number;
  readonly stage: number;
  readonly alpha: number;
  /** δ, USD per year (sequential only; NaN otherwise). */
  readonly indifferenceUSD: number;
  /** KN's h² (sequential only; NaN otherwise). */
  readonly h2: number;
}

export interface PlanStudy {
  readonly model: PortfolioModel;
  readonly space: PlanSpace;
  readonly columns: PlanColumns;
  readonly procedure: PlanProcedure;
  /** The plans evaluated, in plan order. */
  readonly plans: readonly number[];
  /** Plans still standing at the end, in plan order. */
  readonly alive: readonly number[];
  readonly eliminated: ReadonlyMap<number, Elimination>;
  /** Per service, per configuration, at the end. */
  readonly evidence: readonly (readonly ServiceEvidence[])[];
  /** Plan `plan`'s cost per replication (the study's replications). */
  cost(plan: number): Float64Array;
  /** Whether plan `plan` demonstrably meets every target of every service. */
  qualifies(plan: number): boolean;
}

/** Runs the study of `model`'s plans (see the top of the file). */
export async function studyPlans(model: PortfolioModel, options: PlanStudyOptions): Promise<PlanStudy> {
  const space = planSpace(model);
  const plans = options.plans ?? Array.from({ length: space.count }, (_, i) => i);
  if (plans.length > MAX_PLANS) throw new UserError(`${plans.length} plans: at most ${MAX_PLANS} can be compared; narrow the strategies some services may use`);
  const n = options.runs;
  const alpha = options.alpha ?? 0.05;
  const sequential = plans.length > (options.exhaustiveLimit ?? DEFAULT_EXHAUSTIVE_LIMIT);
  const firstStage = Math.min(n, options.firstStage ?? 1000);
  const stage = options.stage ?? 1000;
  const columns = new PlanColumns(model, n);
  // Plans are screened by their slot in `plans` (0 … k − 1).
  const k = plans.length;
  const configs = plans.map((p) => ({ services: space.serviceConfigs(p), flows: space.flowConfigs(p) }));
  const state: ScreenState = { alive: new Set(configs.keys()), eliminated: new Map() };
  const sums = new Float64Array(k);
  let summed = 0;
  let variances: Float64Array = new Float64Array(0);
  let h2 = NaN;
  let delta = NaN;
  let evidence = allServiceEvidence(model, columns);
  const status = (slot: number): "meets" | "misses" | "undetermined" => {
    const c = configs[slot]!.services;
    let all = true;
    for (let s = 0; s < c.length; s++) {
      for (const t of evidence[s]![c[s]!]!.targets) {
        if (t.verdict === "misses") return "misses";
        if (t.verdict !== "meets") all = false;
      }
    }
    return all ? "meets" : "undetermined";
  };
  const costOf = (slot: number): Float64Array => columns.planCost(configs[slot]!.services, configs[slot]!.flows);

  options.onProgress?.(0, n);
  let r = 0;
  while (r < n) {
    options.signal?.throwIfAborted();
    const end = sequential ? Math.min(n, r === 0 ? firstStage : r + stage) : n;
    for (; r < end; r++) {
      columns.add(simulatePortfolioReplication(model, options.seed, r));
      if ((r + 1) % 250 === 0 && r + 1 < end) {
        options.onProgress?.(r + 1, n);
        await yieldToEventLoop();
        options.signal?.throwIfAborted();
      }
    }
    options.onProgress?.(r, n);
    if (!sequential) break;
    const fresh = [...state.alive].map((slot) => costOf(slot));
    [...state.alive].forEach((slot, i) => {
      const cost = fresh[i]!;
      for (let j = summed; j < r; j++) sums[slot]! += cost[j]!;
    });
    if (summed === 0) {
      // KN's first stage: the pairwise variances, h² and δ, fixed before any elimination.
      variances = pairVariances(fresh, r);
      h2 = knH2(k, r, alpha);
      delta = options.indifferenceUSD ?? 0.005 * Math.min(...[...sums].map((x) => x / r));
    }
    summed = r;
    evidence = allServiceEvidence(model, columns);
    screen(state, r, sums, variances, h2, delta, status);
    await yieldToEventLoop();
    if (state.alive.size === 0 || (state.alive.size === 1 && status([...state.alive][0]!) === "meets")) break;
  }
  evidence = allServiceEvidence(model, columns);
  const slotOf = new Map(plans.map((p, slot) => [p, slot]));
  return {
    model,
    space,
    columns,
    procedure: {
      kind: sequential ? "sequential" : "exhaustive",
      plans: k,
      replications: columns.count,
      firstStage: sequential ? firstStage : n,
      stage: sequential ? stage : 0,
      alpha,
      indifferenceUSD: sequential ? delta : NaN,
      h2: sequential ? h2 : NaN,
    },
    plans,
    alive: plans.filter((_, slot) => state.alive.has(slot)),
    eliminated: new Map([...state.eliminated].map(([slot, e]) => [plans[slot]!, e.reason === "costlier" ? { ...e, than: plans[e.than]! } : e])),
    evidence,
    cost: (plan) => costOf(slotOf.get(plan)!),
    qualifies: (plan) => status(slotOf.get(plan)!) === "meets",
  };
}
