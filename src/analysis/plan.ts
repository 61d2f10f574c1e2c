// `drsim plan`'s analysis: the cheapest plan whose every service demonstrably meets its tier's
// targets (planCriteria.ts), chosen by the study of planStudy.ts and verified on a fresh seed —
// the chosen plan and its closest rivals simulated again on new years, the same rule applied to
// them. Returns data (plan numbers, service and strategy ids, evidence); src/report/plan*.ts words it.
import { describe, pairedDifference, type Difference } from "../montecarlo/stat.js";
import { compilePortfolio, type PortfolioCause } from "../replication/portfolioModel.js";
import type { Registries } from "../replication/registries.js";
import type { Portfolio, ServiceDependency, Tier } from "../scenario/portfolio.js";
import { columnMean as mean } from "./planColumns.js";
import { unmetTargets, worstShortfall, type ServiceEvidence, type Unmet } from "./planEvidence.js";
import { choosePlan, type Choice, type Elimination } from "./planSelect.js";
import { studyPlans, type PlanProcedure, type PlanStudy, type PlanStudyOptions } from "./planStudy.js";

const YEAR_SECONDS = 365.25 * 86_400;

export interface PlanOptions extends Omit<PlanStudyOptions, "runs" | "seed" | "plans"> {
  /** The seed of the verification; null: no verification. Default: the portfolio's seed + 1. */
  readonly verifySeed?: number | null;
  /** Rivals of the chosen plan verified with it: the next cheapest qualifying plans (default 3). */
  readonly verifyRivals?: number;
  readonly registries?: Registries;
}

/** A flow under a plan: its users' view, and what its services cost. */
export interface FlowEvidence {
  readonly flow: string;
  readonly availability: number;
  readonly downtimeSeconds: number;
  /** Its services' costs (each service it needs, once) plus its own downtime penalty: means per year. */
  readonly costUSD: number;
}

export interface PlanEvidence {
  readonly plan: number;
  /** Strategy id per service, in the portfolio's service order. */
  readonly strategies: readonly string[];
  /** Per service, its configuration (an index into PortfolioPlan.services[s].configurations). */
  readonly configurations: readonly number[];
  readonly complexity: number;
  /** Total cost of risk per year of every service and flow penalty: mean and 95 % CI. */
  readonly costUSD: { readonly mean: number; readonly ci95: readonly [number, number] };
  /** This plan's cost minus the chosen plan's, paired year by year; undefined without a choice. */
  readonly costDifference: Difference | undefined;
  readonly flows: readonly FlowEvidence[];
  readonly qualifies: boolean;
  /** Targets not demonstrably met, dependencies' services first. */
  readonly unmet: readonly Unmet[];
  /** How the sequential screening dropped it; undefined when it stood to the end. */
  readonly eliminated: Elimination | undefined;
}

/** Where a service's or a flow's downtime came from under a plan: seconds per year by cause. */
export interface RiskSources {
  readonly name: string;
  readonly downtimeSeconds: number;
  readonly causes: readonly { readonly cause: PortfolioCause; readonly seconds: number }[];
}

export interface Verification {
  readonly seed: number;
  readonly replications: number;
  /** The plans simulated again: the chosen and its rivals. */
  readonly plans: readonly { readonly plan: number; readonly qualifies: boolean; readonly unmet: readonly Unmet[]; readonly costMean: number; readonly costDifference: Difference }[];
  readonly choice: number | undefined;
  /** The same rule on the fresh years chooses the same plan. */
  readonly confirmed: boolean;
}

export interface PortfolioPlan {
  readonly portfolio: { readonly name: string; readonly file: string; readonly runs: number; readonly seed: number; readonly horizonYears: number };
  readonly procedure: PlanProcedure;
  readonly services: readonly {
    readonly name: string;
    readonly tier: Tier;
    readonly dependsOn: readonly ServiceDependency[];
    readonly strategies: readonly { readonly id: string; readonly label: string; readonly type: string }[];
    readonly configurations: readonly ServiceEvidence[];
  }[];
  readonly flows: readonly { readonly name: string; readonly services: readonly string[]; readonly downtimeUSDPerMinute: number }[];
  /** Every plan evaluated, in plan order. */
  readonly plans: readonly PlanEvidence[];
  readonly choice: Choice | undefined;
  /** When no plan qualifies: the closest (fewest unmet targets, then smallest shortfall, then cheapest). */
  readonly closest: number | undefined;
  /** Of the chosen plan (else the closest): per service, per flow. */
  readonly risk: { readonly services: readonly RiskSources[]; readonly flows: readonly RiskSources[] } | undefined;
  readonly verification: Verification | undefined;
}

export async function planPortfolio(portfolio: Portfolio, options: PlanOptions = {}): Promise<PortfolioPlan> {
  const model = compilePortfolio(portfolio, options.registries);
  const { runs, seed } = portfolio.run;
  const verifySeed = options.verifySeed === undefined ? seed + 1 : options.verifySeed;
  // Progress over both: the study's years, then the verification's.
  const total = verifySeed === null ? runs : 2 * runs;
  const study = await studyPlans(model, { ...options, runs, seed, onProgress: (done) => options.onProgress?.(done, total) });
  const qualifying = study.alive.filter((p) => study.qualifies(p));
  const choice = choosePlan(qualifying, study.cost, study.space.complexity);
  const chosenCost = choice === undefined ? undefined : study.cost(choice.plan);
  const plans = study.plans.map((p) => planEvidence(study, p, chosenCost));
  const closest = choice === undefined ? closestPlan(plans) : undefined;
  const focus = choice?.plan ?? closest;
  const verification =
    choice === undefined || verifySeed === null
      ? undefined
      : await verify(study, plans, choice, verifySeed, { ...options, onProgress: (done) => options.onProgress?.(runs + done, total) });
  return {
    portfolio: { name: portfolio.name, file: portfolio.file, runs, seed, horizonYears: portfolio.run.horizon / YEAR_SECONDS },
    procedure: study.procedure,
    services: model.services.map((sm, s) => ({
      name: sm.service.name,
      tier: sm.service.tier,
      dependsOn: sm.service.dependsOn,
      strategies: sm.service.scenario.strategies.map((st) => ({ id: st.id, label: st.label, type: st.type })),
      configurations: study.evidence[s]!,
    })),
    flows: portfolio.flows.map((f) => ({ name: f.name, services: f.services, downtimeUSDPerMinute: f.downtimeUSDPerMinute })),
    plans,
    choice,
    closest,
    risk: focus === undefined ? undefined : riskSources(study, focus),
    verification,
  };
}

function planEvidence(study: PlanStudy, plan: number, chosenCost: Float64Array | undefined): PlanEvidence {
  const { model, space, columns, evidence } = study;
  const choice = space.strategies(plan);
  const configurations = [...space.serviceConfigs(plan)];
  const flowConfigs = space.flowConfigs(plan);
  const cost = study.cost(plan);
  const stat = describe(cost);
  const unmet = unmetTargets(model, space, evidence, plan);
  return {
    plan,
    strategies: model.services.map((sm, s) => sm.service.scenario.strategies[choice[s]!]!.id),
    configurations,
    complexity: space.complexity(plan),
    costUSD: { mean: stat.mean, ci95: stat.ci95 },
    costDifference: chosenCost === undefined ? undefined : pairedDifference(cost, chosenCost),
    flows: model.flows.map((fm, f) => {
      const col = columns.flow(f, flowConfigs[f]!);
      let costUSD = mean(col.penaltyCostUSD, columns.count);
      for (const s of fm.configs.members) costUSD += evidence[s]![configurations[s]!]!.costUSD;
      return { flow: fm.flow.name, availability: 1 - mean(col.unavailability, columns.count), downtimeSeconds: mean(col.downtimeSeconds, columns.count), costUSD };
    }),
    qualifies: unmet.length === 0,
    unmet,
    eliminated: study.eliminated.get(plan),
  };
}

function closestPlan(plans: readonly PlanEvidence[]): number | undefined {
  const score = (p: PlanEvidence): [number, number, number] => [p.unmet.length, worstShortfall(p.unmet), p.costUSD.mean];
  const best = [...plans].sort((a, b) => {
    const x = score(a);
    const y = score(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.plan - b.plan;
  })[0];
  return best?.plan;
}

function riskSources(study: PlanStudy, plan: number): NonNullable<PortfolioPlan["risk"]> {
  const { model, space, columns } = study;
  const n = columns.count;
  const sources = (name: string, byCause: Float64Array, downtime: Float64Array): RiskSources => ({
    name,
    downtimeSeconds: mean(downtime, n),
    causes: model.causes.map((cause, i) => ({ cause, seconds: byCause[i]! / n })).filter((c) => c.seconds > 0),
  });
  const configs = space.serviceConfigs(plan);
  const flowConfigs = space.flowConfigs(plan);
  return {
    services: model.services.map((sm, s) => {
      const col = columns.services[s]![configs[s]!]!;
      return sources(sm.service.name, col.downtimeByCause, col.downtimeSeconds);
    }),
    flows: model.flows.map((fm, f) => {
      const col = columns.flow(f, flowConfigs[f]!);
      return sources(fm.flow.name, col.downtimeByCause, col.downtimeSeconds);
    }),
  };
}

/**
 * The chosen plan and its rivals — the next cheapest qualifying plans, and plans cheaper than it
 * that fell short least — simulated on `seed`'s years, and the same rule applied to them.
 */
async function verify(study: PlanStudy, plans: readonly PlanEvidence[], choice: Choice, seed: number, options: PlanOptions): Promise<Verification> {
  const byPlan = new Map(plans.map((p) => [p.plan, p]));
  const chosen = byPlan.get(choice.plan)!;
  const rivals = options.verifyRivals ?? 3;
  const cheaper = (a: PlanEvidence, b: PlanEvidence): number => a.costUSD.mean - b.costUSD.mean || a.plan - b.plan;
  const qualifying = plans.filter((p) => p.plan !== choice.plan && p.qualifies).sort(cheaper).slice(0, rivals);
  const nearMisses = plans
    .filter((p) => !p.qualifies && p.costUSD.mean < chosen.costUSD.mean)
    .sort((a, b) => worstShortfall(a.unmet) - worstShortfall(b.unmet) || cheaper(a, b))
    .slice(0, Math.max(1, rivals - 1));
  const finalists = [choice.plan, ...qualifying.map((p) => p.plan), ...nearMisses.map((p) => p.plan)].sort((a, b) => a - b);
  const runs = study.columns.capacity;
  const again = await studyPlans(study.model, { runs, seed, plans: finalists, exhaustiveLimit: finalists.length, signal: options.signal, onProgress: options.onProgress });
  const pass = finalists.filter((p) => again.qualifies(p));
  const rechosen = choosePlan(pass, again.cost, again.space.complexity);
  const base = again.cost(rechosen?.plan ?? choice.plan);
  return {
    seed,
    replications: again.columns.count,
    plans: finalists.map((p) => {
      const cost = again.cost(p);
      return {
        plan: p,
        qualifies: again.qualifies(p),
        unmet: unmetTargets(again.model, again.space, again.evidence, p),
        costMean: mean(cost),
        costDifference: pairedDifference(cost, base),
      };
    }),
    choice: rechosen?.plan,
    confirmed: rechosen?.plan === choice.plan,
  };
}
