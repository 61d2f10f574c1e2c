// The plans of a portfolio: one strategy per service, every combination of the strategies each
// service may use. A plan is numbered in mixed radix over the services in file order (the first
// service's strategy changes fastest), so plan i is the same plan in every run of the file.
import { configOf, type PortfolioModel } from "../replication/portfolioModel.js";
import type { StrategyType } from "../scenario/types.js";

/** How much machinery a strategy type runs: the simplest viable plan is preferred among equals (docs/portfolio.md). */
export const TYPE_RANK: Readonly<Record<StrategyType, number>> = {
  none: 0,
  "backup-restore": 1,
  "pilot-light": 2,
  "warm-standby": 3,
  "active-active": 4,
};

export interface PlanSpace {
  readonly count: number;
  /** Per service, its strategies' count. */
  readonly radix: readonly number[];
  /** Plan `plan`'s strategy index per service. */
  strategies(plan: number): Int32Array;
  /** Per service, the configuration (portfolioModel.ts) plan `plan` gives it. */
  serviceConfigs(plan: number): Int32Array;
  /** Per flow, the configuration plan `plan` gives it. */
  flowConfigs(plan: number): Int32Array;
  /** The sum of its strategies' TYPE_RANK: lower is simpler. */
  complexity(plan: number): number;
}

export function planSpace(model: PortfolioModel): PlanSpace {
  const radix = model.services.map((s) => s.service.scenario.strategies.length);
  const count = radix.reduce((a, b) => a * b, 1);
  const strategies = (plan: number): Int32Array => {
    const out = new Int32Array(radix.length);
    let rest = plan;
    radix.forEach((r, s) => {
      out[s] = rest % r;
      rest = Math.floor(rest / r);
    });
    return out;
  };
  return {
    count,
    radix,
    strategies,
    serviceConfigs: (plan) => {
      const choice = strategies(plan);
      return Int32Array.from(model.services, (s) => configOf(s.configs, choice));
    },
    flowConfigs: (plan) => {
      const choice = strategies(plan);
      return Int32Array.from(model.flows, (f) => configOf(f.configs, choice));
    },
    complexity: (plan) => {
      const choice = strategies(plan);
      let sum = 0;
      model.services.forEach((s, i) => (sum += TYPE_RANK[s.service.scenario.strategies[choice[i]!]!.type]));
      return sum;
    },
  };
}
