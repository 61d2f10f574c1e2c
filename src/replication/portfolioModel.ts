// A portfolio compiled for simulation. Each service is compiled as the scenario it is (its view:
// the world plus its own workload, data and strategies), every strategy of it recording its level
// (services/levelLog.ts). A plan picks one strategy per service; what a service's users see depends
// on its own strategy and its dependencies' — transitively — so its outcomes are indexed by a
// *configuration*: one strategy for each service of its closure (itself and everything it needs).
// A portfolio has far fewer configurations than plans, and any plan reads each service's outcome
// at its configuration.
import { LevelComposer } from "../services/dependencyLevels.js";
import { LevelLog } from "../services/levelLog.js";
import type { Flow, Portfolio, PortfolioService } from "../scenario/portfolio.js";
import { closure, dependencyOrder } from "../scenario/portfolioGraph.js";
import { compileModel, type CompiledModel } from "./replication.js";
import { REGISTRIES, type Registries } from "./registries.js";

/**
 * Configurations of a closure of services, numbered in mixed radix: configuration c gives
 * service members[m] its strategy ⌊c / strides[m]⌋ mod radix[m].
 */
export interface ConfigSpace {
  /** Service indices, in dependency order. */
  readonly members: readonly number[];
  readonly radix: readonly number[];
  readonly strides: readonly number[];
  readonly count: number;
}

function configSpace(members: readonly number[], services: readonly PortfolioService[]): ConfigSpace {
  const radix = members.map((i) => services[i]!.scenario.strategies.length);
  const strides: number[] = [];
  let count = 1;
  for (const r of radix) {
    strides.push(count);
    count *= r;
  }
  return { members, radix, strides, count };
}

/** The configuration of `space` that plan `plan` (a strategy index per service) gives. */
export function configOf(space: ConfigSpace, plan: ArrayLike<number>): number {
  let c = 0;
  for (let m = 0; m < space.members.length; m++) c += plan[space.members[m]!]! * space.strides[m]!;
  return c;
}

/** For each configuration of `from`, the configuration of `to` (whose members are among from's). */
function projection(from: ConfigSpace, to: ConfigSpace): Int32Array {
  const out = new Int32Array(from.count);
  const plan = new Int32Array(Math.max(0, ...from.members) + 1);
  for (let c = 0; c < from.count; c++) {
    from.members.forEach((s, m) => (plan[s] = Math.floor(c / from.strides[m]!) % from.radix[m]!));
    out[c] = configOf(to, plan);
  }
  return out;
}

export interface DependencyLink {
  readonly service: number;
  readonly sameRegion: boolean;
  /** The downtime cause "served where this co-located dependency was not" (PortfolioModel.causes). */
  readonly apartCause: number;
  /** Per configuration of the dependent, the dependency's configuration. */
  readonly configOf: Int32Array;
}

export interface ServiceModel {
  readonly service: PortfolioService;
  readonly model: CompiledModel;
  /** Per strategy, the log its service fills each replication. */
  readonly logs: readonly LevelLog[];
  readonly dependsOn: readonly DependencyLink[];
  readonly configs: ConfigSpace;
  /** Per configuration, the service's own strategy. */
  readonly strategyOf: Int32Array;
  readonly composer: LevelComposer;
  /** Scratch, per configuration: its composed level in the replication under way. */
  readonly composed: readonly LevelLog[];
}

export interface FlowModel {
  readonly flow: Flow;
  /** Its services' indices, as written. */
  readonly services: readonly number[];
  readonly configs: ConfigSpace;
  /** Per flow service, per flow configuration, that service's configuration. */
  readonly configOf: readonly Int32Array[];
  /**
   * The flow's first service when every other service of the flow is among what it needs: the
   * flow is then exactly that service as its users see it (a dependent is never above what it
   * needs), and its outcome is that service's; −1 otherwise.
   */
  readonly sameAs: number;
  /** Accounts against the flow's first service's demand: where its users come in. */
  readonly composer: LevelComposer;
  readonly composed: LevelLog;
}

export interface PortfolioModel {
  readonly portfolio: Portfolio;
  readonly horizon: number;
  /** Service indices, each after those it depends on. */
  readonly order: readonly number[];
  readonly services: readonly ServiceModel[];
  readonly flows: readonly FlowModel[];
  /**
   * What downtime is attributed to: cause i < services.length is service i's own level at 0; the
   * others are co-location mismatches, "`service` served where `dependency` did not".
   */
  readonly causes: readonly PortfolioCause[];
}

export type PortfolioCause =
  | { readonly kind: "own"; readonly service: number }
  | { readonly kind: "apart"; readonly service: number; readonly dependency: number };

export function compilePortfolio(portfolio: Portfolio, registries: Registries = REGISTRIES): PortfolioModel {
  const services = portfolio.services;
  const index = new Map(services.map((s, i) => [s.name, i]));
  const order = dependencyOrder(services);
  const causes: PortfolioCause[] = services.map((_, i) => ({ kind: "own", service: i }));
  const spaces = services.map((_, i) => configSpace(closure(services, [i]), services));
  const models = services.map((s, i): ServiceModel => {
    const model = compileModel(s.scenario, registries);
    const configs = spaces[i]!;
    const self = configs.members.indexOf(i);
    const strategyOf = new Int32Array(configs.count);
    for (let c = 0; c < configs.count; c++) strategyOf[c] = Math.floor(c / configs.strides[self]!) % configs.radix[self]!;
    const dependsOn = s.dependsOn.map((d): DependencyLink => {
      const j = index.get(d.service)!;
      const sameRegion = d.scope === "same-region";
      if (sameRegion) causes.push({ kind: "apart", service: i, dependency: j });
      return { service: j, sameRegion, apartCause: sameRegion ? causes.length - 1 : -1, configOf: projection(configs, spaces[j]!) };
    });
    return {
      service: s,
      model,
      logs: model.services.map((service) => service.recordLevels()),
      dependsOn,
      configs,
      strategyOf,
      composer: new LevelComposer(model.traffic, model.horizon),
      composed: Array.from({ length: configs.count }, () => new LevelLog()),
    };
  });
  const flows = portfolio.flows.map((flow): FlowModel => {
    const members = flow.services.map((name) => index.get(name)!);
    const configs = configSpace(closure(services, members), services);
    const first = models[members[0]!]!.model;
    const entryNeeds = spaces[members[0]!]!.members;
    return {
      flow,
      services: members,
      configs,
      configOf: members.map((i) => projection(configs, spaces[i]!)),
      sameAs: members.every((i) => entryNeeds.includes(i)) ? members[0]! : -1,
      composer: new LevelComposer(first.traffic, first.horizon),
      composed: new LevelLog(),
    };
  });
  return { portfolio, horizon: portfolio.run.horizon, order, services: models, flows, causes };
}
