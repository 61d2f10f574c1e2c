// Entry point of the model: scenario → world → strategies → results, for one replication.
import { ActiveActiveService } from "../strategies/activeActive.js";
import { FailoverService } from "../strategies/failover.js";
import type { ModelContext, Service, ServiceOutcome } from "../services/service.js";
import { BackupSchedule } from "../world/backups.js";
import { penaltyCost, standingCost, surgeCost, type StandingCost } from "../services/cost.js";
import type { ReplicationMetric, ReplicationResult, StrategyReplicationResult, TraceSink } from "../results/results.js";
import type { Scenario } from "../scenario/types.js";
import { makeTraffic } from "../world/traffic.js";
import { WorldSampler } from "../world/sample.js";
import type { World } from "../world/types.js";

/** A scenario with its distributions built once, reused for every replication. */
export interface CompiledModel {
  readonly scenario: Scenario;
  readonly horizon: number;
  readonly offeredRequests: number;
  readonly standing: readonly StandingCost[];
  readonly world: WorldSampler;
  readonly services: readonly Service[];
}

export function compileModel(scenario: Scenario): CompiledModel {
  const horizon = scenario.run.horizon;
  const traffic = makeTraffic(scenario.workload);
  const ctx: ModelContext = {
    scenario,
    horizon,
    traffic,
    backups: new BackupSchedule(scenario.backup),
    writeFraction: scenario.workload.writeFraction,
  };
  const offeredRequests = traffic.integrate(0, horizon, 1, 0);
  return {
    scenario,
    horizon,
    offeredRequests,
    standing: scenario.strategies.map((s) => standingCost(scenario, s, horizon, offeredRequests)),
    world: new WorldSampler(scenario, horizon, traffic),
    services: scenario.strategies.map((s) =>
      s.type === "active-active" ? new ActiveActiveService(ctx, s) : new FailoverService(ctx, s),
    ),
  };
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
  // In three quarters of the default scenario's replications nothing happens to the home region
  // and nothing is corrupted; there the failover strategies all come to one outcome (see
  // Service.quietOutcomeKey), so it is simulated once, not once each.
  const services = model.services;
  const outcomes: ServiceOutcome[] = [];
  const strategies: StrategyReplicationResult[] = [];
  for (let i = 0; i < services.length; i++) {
    const sink = trace && trace.strategy === i ? trace.sink : null;
    const out = (sink === null && sharedOutcome(services, outcomes, world, i)) || services[i]!.simulate(world, seed, replication, sink);
    outcomes.push(out);
    const standing = model.standing[i]!.total;
    const incident = surgeCost(model.scenario, out.surgeComputeSeconds);
    const penalty = penaltyCost(model.scenario, out.downtimeSeconds, out.lostWrites);
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
    };
    strategies.push({ metrics, incidents: out.incidents });
  }
  return { replication, strategies };
}

/** The outcome of an earlier service that service `i` shares in `world` (Service.quietOutcomeKey), if any. */
function sharedOutcome(services: readonly Service[], outcomes: readonly ServiceOutcome[], world: World, i: number): ServiceOutcome | null {
  const key = services[i]!.quietOutcomeKey;
  if (key === null) return null;
  for (let j = 0; j < i; j++) {
    // Same key, same isQuiet(): the first match decides.
    if (services[j]!.quietOutcomeKey === key) return services[i]!.isQuiet(world) ? outcomes[j]! : null;
  }
  return null;
}
