// The evidence a plan study reads off its columns: per configuration of a service, each of its
// tier's targets over the years simulated (planCriteria.ts) and what the service's users saw; per
// plan, whether every service meets its tier and which targets it misses.
import type { PortfolioModel } from "../replication/portfolioModel.js";
import { targetEvidence, type TargetEvidence, type TargetKind } from "./planCriteria.js";
import { columnMean as mean, type PlanColumns, type ServiceColumns } from "./planColumns.js";
import type { PlanSpace } from "./planSpace.js";

/** A service under one configuration. */
export interface ServiceEvidence {
  readonly service: string;
  /** The strategy id it runs in this configuration. */
  readonly strategy: string;
  readonly tier: string;
  /** In the order rto, rpo, availability (when the tier has one). */
  readonly targets: readonly TargetEvidence[];
  readonly meets: boolean;
  /** Means per year, as its users saw them (dependencies included). */
  readonly costUSD: number;
  readonly downtimeSeconds: number;
  readonly availability: number;
  readonly dataLossSeconds: number;
}

/** Service `s` under configuration `c`, over the first `columns.count` replications. */
export function serviceEvidence(model: PortfolioModel, columns: PlanColumns, s: number, c: number): ServiceEvidence {
  const sm = model.services[s]!;
  const tier = sm.service.tier;
  const col: ServiceColumns = columns.services[s]![c]!;
  const n = columns.count;
  const targets = [
    targetEvidence("rto", tier.rtoSeconds, col.rtoYears, n, tier.confidence, col.rtoMisses),
    targetEvidence("rpo", tier.rpoSeconds, col.rpoYears, n, tier.confidence, col.rpoMisses),
  ];
  if (tier.availability !== undefined) targets.push(targetEvidence("availability", tier.availability, col.availabilityYears, n, tier.confidence, 0));
  return {
    service: sm.service.name,
    strategy: sm.service.scenario.strategies[sm.strategyOf[c]!]!.id,
    tier: tier.name,
    targets,
    meets: targets.every((t) => t.verdict === "meets"),
    costUSD: mean(col.costUSD, n),
    downtimeSeconds: mean(col.downtimeSeconds, n),
    availability: 1 - mean(col.unavailability, n),
    dataLossSeconds: mean(col.dataLossSeconds, n),
  };
}

/** Every configuration of every service. */
export function allServiceEvidence(model: PortfolioModel, columns: PlanColumns): ServiceEvidence[][] {
  return model.services.map((sm, s) => Array.from({ length: sm.configs.count }, (_, c) => serviceEvidence(model, columns, s, c)));
}

/** A target of a service a plan does not demonstrably meet. */
export interface Unmet {
  readonly service: string;
  readonly target: TargetKind;
  /** Whether the years show it cannot (upper bound below the confidence), not only that they do not yet show it can. */
  readonly misses: boolean;
  readonly shortfall: number;
}

/** How far the worst of `unmet` is from being demonstrated (0 when nothing is unmet). */
export function worstShortfall(unmet: readonly Unmet[]): number {
  return Math.max(0, ...unmet.map((u) => u.shortfall));
}

/** What plan `plan` does not demonstrably meet, service by service (dependencies first: the first is the root). */
export function unmetTargets(model: PortfolioModel, space: PlanSpace, evidence: readonly (readonly ServiceEvidence[])[], plan: number): Unmet[] {
  const configs = space.serviceConfigs(plan);
  const out: Unmet[] = [];
  for (const s of model.order) {
    const e = evidence[s]![configs[s]!]!;
    for (const t of e.targets) {
      if (t.verdict !== "meets") out.push({ service: e.service, target: t.kind, misses: t.verdict === "misses", shortfall: t.shortfall });
    }
  }
  return out;
}
