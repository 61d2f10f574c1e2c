// A portfolio: several services of one company in one world. Each service has its own workload,
// data, tier and the strategies it may use, and may depend on other services; business flows name
// the services a user's journey crosses. The loader (portfolioLoad.ts) resolves each service into
// a Scenario of its own — the portfolio's world (regions, failure processes, prices) with the
// service's own fields over it — so everything that simulates a scenario simulates a service.
import type { Scenario } from "./types.js";

/**
 * Where a dependency must serve its dependent from. `same-region`: a co-located database — the
 * dependent's requests in a region need the dependency serving in that region. `any-region`: a
 * global service (identity) — needed up, wherever it serves from.
 */
export const DEPENDENCY_SCOPES = ["same-region", "any-region"] as const;
export type DependencyScope = (typeof DEPENDENCY_SCOPES)[number];

export interface ServiceDependency {
  /** The service depended on. */
  readonly service: string;
  readonly scope: DependencyScope;
}

/** What a tier promises for every year of each of its services. */
export interface Tier {
  readonly name: string;
  /** Per-incident recovery time objective, seconds. */
  readonly rtoSeconds: number;
  /** Per-incident recovery point objective, seconds of writes lost. */
  readonly rpoSeconds: number;
  /** Yearly (per-horizon) request availability as a fraction; undefined: no availability target. */
  readonly availability: number | undefined;
  /** Required probability that a year keeps each promise, e.g. 0.95. */
  readonly confidence: number;
  /** Hold corruption restores to RTO and RPO too (default: region failures only, as `recommend`). */
  readonly includeCorruption: boolean;
}

export interface PortfolioService {
  readonly name: string;
  readonly tier: Tier;
  /** In the order written. */
  readonly dependsOn: readonly ServiceDependency[];
  /** The service as a scenario of its own: its strategies are the ones it may use. `service` is set. */
  readonly scenario: Scenario;
}

/** A business flow ("checkout": web → API → payments DB): served while each of its services is. */
export interface Flow {
  readonly name: string;
  readonly services: readonly string[];
  /** What a minute of the flow being down costs the business, beyond its services' own penalties. */
  readonly downtimeUSDPerMinute: number;
}

export interface Portfolio {
  readonly name: string;
  readonly description: string;
  /** Base name of the file it was loaded from. */
  readonly file: string;
  readonly run: Scenario["run"];
  readonly tiers: readonly Tier[];
  /** In file order. */
  readonly services: readonly PortfolioService[];
  readonly flows: readonly Flow[];
}

/** The portfolio with other run settings (replications, seed, horizon), in every service's view too. */
export function withRun(portfolio: Portfolio, run: Scenario["run"]): Portfolio {
  return {
    ...portfolio,
    run,
    services: portfolio.services.map((s) => ({ ...s, scenario: { ...s.scenario, run } })),
  };
}
