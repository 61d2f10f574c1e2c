// Entry point of the model: scenario → world → strategies → results, for one replication. The
// world's processes and the strategies' mechanisms come from the registries (registries.ts).
import { penaltyCost, standingCost, surgeCost, type StandingCost } from "../services/cost.js";
import { IMPACT } from "../services/ledger.js";
import type { Service, ServiceContext, ServiceOutcome } from "../services/service.js";
import { Simulation } from "../services/simulation.js";
import { quietAt } from "../services/worldEvents.js";
import { isRegionFailureCause, type IncidentRecord, type ReplicationMetric, type ReplicationResult, type StrategyReplicationResult, type TraceSink } from "../outcomes/results.js";
import type { Scenario } from "../scenario/types.js";
import type { Mechanism } from "../strategies/mechanism.js";
import { mechanismsByType } from "../strategies/registry.js";
import { makeTraffic, type Traffic } from "../world/traffic.js";
import { WorldSampler } from "../world/sample.js";
import type { World } from "../world/types.js";
import { REGISTRIES, type Registries } from "./registries.js";

/** A scenario with its distributions built once, reused for every replication. */
export interface CompiledModel {
  readonly scenario: Scenario;
  readonly horizon: number;
  /** The scenario's demand over time. */
  readonly traffic: Traffic;
  readonly offeredRequests: number;
  readonly standing: readonly StandingCost[];
  readonly world: WorldSampler;
  /** One per strategy, in scenario order, all on `simulation`. */
  readonly services: readonly Service[];
  readonly simulation: Simulation;
  /**
   * Per strategy: the earlier strategy of the same mechanism whose outcome it takes in a world quiet
   * at `quietHome[i]` (Mechanism.quietHome), or −1 where it never shares.
   */
  readonly sharesWith: Int32Array;
  readonly quietHome: Int32Array;
  /** Scratch per strategy for one replication: the strategy whose outcome it takes, or −1. */
  readonly takesFrom: Int32Array;
  /** Scratch per strategy for one replication: whether the world is quiet for it (1, 0; −1 not asked). */
  readonly quiet: Int8Array;
}

export function compileModel(scenario: Scenario, registries: Registries = REGISTRIES): CompiledModel {
  const horizon = scenario.run.horizon;
  const traffic = makeTraffic(scenario.workload);
  const simulation = new Simulation(horizon);
  const ctx: ServiceContext = { scenario, horizon, traffic, simulation };
  const byType = mechanismsByType(registries.mechanisms);
  const mechanisms = scenario.strategies.map((s): Mechanism => {
    const m = byType.get(s.type);
    if (m === undefined) throw new Error(`strategy "${s.id}": no mechanism implements type "${s.type}"`);
    return m;
  });
  const offeredRequests = traffic.integrate(0, horizon, 1, 0);
  const n = scenario.strategies.length;
  const sharesWith = new Int32Array(n).fill(-1);
  const quietHome = new Int32Array(n).fill(-1);
  scenario.strategies.forEach((s, i) => {
    const home = mechanisms[i]!.quietHome(s);
    if (home === null) return;
    // The first strategy of the same mechanism with a quiet home leads; the others take its outcome.
    const first = scenario.strategies.findIndex((t, j) => mechanisms[j] === mechanisms[i] && quietHome[j]! >= 0);
    if (first >= 0 && first < i) sharesWith[i] = first;
    quietHome[i] = home;
  });
  return {
    scenario,
    horizon,
    traffic,
    offeredRequests,
    standing: scenario.strategies.map((s, i) =>
      standingCost(scenario, s, mechanisms[i]!.standingCompute(scenario, s), horizon, offeredRequests),
    ),
    world: new WorldSampler(registries.processes, scenario, { horizon, traffic }),
    services: scenario.strategies.map((s, i) => mechanisms[i]!.create(ctx, s)),
    simulation,
    sharesWith,
    quietHome,
    takesFrom: new Int32Array(n),
    quiet: new Int8Array(n),
  };
}

/**
 * Whether strategy `i` meets `world` as a quiet one: its mechanism shares outcomes there
 * (Mechanism.quietHome) and no event of the world disturbs its home region (worldEvents.ts).
 */
export function isQuietFor(model: CompiledModel, world: World, i: number): boolean {
  const home = model.quietHome[i]!;
  return home >= 0 && quietAt(world, home, model.services[i]!);
}

/**
 * Replication `replication` under master seed `seed`: depends on nothing else, so any worker can
 * build any replication. `trace`, when given, receives the event log of strategy `trace.strategy`.
 */
export function simulateReplication(
  model: CompiledModel,
  seed: number,
  replication: number,
  trace?: { readonly strategy: number; readonly sink: TraceSink },
): ReplicationResult {
  const world = model.world.sample(seed, replication);
  const { services, simulation, takesFrom, quiet } = model;
  // In three quarters of the default scenario's replications nothing happens to the home region and
  // nothing is corrupted; there the failover strategies all come to one outcome, so it is simulated
  // once, not once each. A traced strategy is always simulated itself.
  simulation.start(world);
  for (let i = 0; i < services.length; i++) {
    const sink = trace && trace.strategy === i ? trace.sink : null;
    const leader = model.sharesWith[i]!;
    quiet[i] = -1; // a leader (sharesWith −1) comes before those that share its outcome
    if (leader >= 0 && quiet[leader]! < 0) quiet[leader] = isQuietFor(model, world, leader) ? 1 : 0;
    takesFrom[i] = sink === null && leader >= 0 && quiet[leader] === 1 ? leader : -1;
    if (takesFrom[i]! < 0) simulation.join(services[i]!, sink);
  }
  simulation.run();
  const outcomes: ServiceOutcome[] = [];
  const strategies: StrategyReplicationResult[] = [];
  for (let i = 0; i < services.length; i++) {
    const from = takesFrom[i]!;
    const out = from >= 0 ? outcomes[from]! : services[i]!.finish(model.horizon);
    outcomes.push(out);
    const standing = model.standing[i]!.total;
    const incident = surgeCost(model.scenario, out.surgeComputeSeconds);
    const penalty = penaltyCost(model.scenario, out.downtimeSeconds, out.lostWrites);
    const byCause = incidentsByCause(out.incidents);
    const offered = model.offeredRequests;
    const share = (failed: number): number => (offered > 0 ? failed / offered : 0);
    const failedBy = out.failedByCause;
    const downBy = out.downtimeByCause;
    const floorDowntime = downBy[IMPACT.allRegionsDown]! + downBy[IMPACT.brownout]! + downBy[IMPACT.corruption]!;
    const metrics: Record<ReplicationMetric, number> = {
      downtimeSeconds: out.downtimeSeconds,
      failedRequests: out.failedRequests,
      offeredRequests: model.offeredRequests,
      unavailability: model.offeredRequests > 0 ? out.failedRequests / model.offeredRequests : 0,
      dataLossSeconds: out.dataLossSeconds,
      lostWrites: out.lostWrites,
      lostBytes: out.lostWrites * model.scenario.workload.bytesPerWrite,
      conflictWrites: out.conflictWrites,
      incidents: out.incidents.length,
      failovers: out.failovers,
      standingCostUSD: standing,
      incidentCostUSD: incident,
      penaltyCostUSD: penalty,
      costUSD: standing + incident + penalty,
      partialSeconds: out.partialSeconds,
      partialUnavailability: share(out.partialFailedRequests),
      allRegionsDownUnavailability: share(failedBy[IMPACT.allRegionsDown]!),
      brownoutUnavailability: share(failedBy[IMPACT.brownout]!),
      corruptionUnavailability: share(failedBy[IMPACT.corruption]!),
      floorUnavailability: share(failedBy[IMPACT.allRegionsDown]! + failedBy[IMPACT.brownout]! + failedBy[IMPACT.corruption]!),
      regionFailureDataLossSeconds: byCause.regionFailureRpo,
      corruptionDataLossSeconds: byCause.corruptionRpo,
      worstRtoSeconds: byCause.worstRto,
      worstRpoSeconds: byCause.worstRpo,
      floorPenaltyUSD: penaltyCost(model.scenario, floorDowntime, byCause.corruptionLostWrites),
    };
    strategies.push({ metrics, incidents: out.incidents });
  }
  return { replication, strategies };
}

/** What a replication's incidents add up to, region failures and corruption restores apart. */
interface IncidentTotals {
  /** Seconds of writes lost: summed RPOs. */
  regionFailureRpo: number;
  corruptionRpo: number;
  corruptionLostWrites: number;
  /** The year's worst region-failure incident: what a per-year target is a promise about. */
  worstRto: number;
  worstRpo: number;
}

/** Scratch for incidentsByCause: read at once, so one object serves every call (no allocation per row). */
const TOTALS: IncidentTotals = { regionFailureRpo: 0, corruptionRpo: 0, corruptionLostWrites: 0, worstRto: 0, worstRpo: 0 };

function incidentsByCause(incidents: readonly IncidentRecord[]): Readonly<IncidentTotals> {
  const t = TOTALS;
  t.regionFailureRpo = t.corruptionRpo = t.corruptionLostWrites = t.worstRto = t.worstRpo = 0;
  for (const inc of incidents) {
    if (isRegionFailureCause(inc.cause)) {
      t.regionFailureRpo += inc.rpo;
      if (inc.rto > t.worstRto) t.worstRto = inc.rto;
      if (inc.rpo > t.worstRpo) t.worstRpo = inc.rpo;
    } else {
      t.corruptionRpo += inc.rpo;
      t.corruptionLostWrites += inc.lostWrites;
    }
  }
  return t;
}
