// One replication of a portfolio: one world per service view — the world's processes draw the same
// events for every service (the same streams and fields), each service's own data and strategies
// from its own streams — every strategy of every service simulated once, then every configuration
// of every service (portfolioModel.ts) composed from those runs, dependencies first.
//
// Why composing is exact: a dependency changes what the dependent's users get, never what the
// dependent does — its pipeline hears the world, not its dependencies — so a service's run under
// one strategy is the same whatever its dependencies run, and its effective level under any
// configuration is the least of recorded levels (services/dependencyLevels.ts). Where no
// dependency ever holds it below its own, the service's own numbers stand, bit for bit.
import { FULL } from "../services/ledger.js";
import type { LevelLog } from "../services/levelLog.js";
import { penaltyCost } from "../services/cost.js";
import type { ComposedLevel, LevelTerm } from "../services/dependencyLevels.js";
import type { IncidentRecord, ReplicationMetric, ReplicationResult } from "../outcomes/results.js";
import type { PortfolioModel, ServiceModel } from "./portfolioModel.js";
import { simulateReplication } from "./replication.js";

/** A service's year under one configuration. */
export interface ConfigOutcome {
  /** Its replication row: its own, but for downtime, failed requests and their costs where dependencies held it down. */
  readonly metrics: Readonly<Record<ReplicationMetric, number>>;
  /** Its own incidents (its own RPO: a dependency's data loss is the dependency's). */
  readonly incidents: readonly IncidentRecord[];
  /**
   * Each incident's RTO as its users saw it — until the service *and* what it needs were back at
   * full service; null where that is its own RTO (no dependency held it).
   */
  readonly effectiveRto: readonly number[] | null;
  /** Seconds at level 0 by PortfolioModel.causes; null: all of its downtime is its own. */
  readonly downtimeByCause: Float64Array | null;
}

/** A flow's year under one configuration of its services. */
export interface FlowOutcome {
  readonly downtimeSeconds: number;
  /** Of the demand of the flow's first service (its entry point). */
  readonly failedRequests: number;
  readonly offeredRequests: number;
  readonly unavailability: number;
  /** The flow's own downtime penalty (Flow.downtimeUSDPerMinute). */
  readonly penaltyCostUSD: number;
  /** Seconds at level 0 by PortfolioModel.causes; null when it was never down. */
  readonly downtimeByCause: Float64Array | null;
}

export interface PortfolioReplication {
  readonly replication: number;
  /** Per service, per configuration. */
  readonly services: readonly (readonly ConfigOutcome[])[];
  /** Per flow, per configuration. */
  readonly flows: readonly (readonly FlowOutcome[])[];
}

export function simulatePortfolioReplication(model: PortfolioModel, seed: number, replication: number): PortfolioReplication {
  const own = model.services.map((s) => simulateReplication(s.model, seed, replication));
  const effective: LevelLog[][] = model.services.map(() => []);
  const services: ConfigOutcome[][] = model.services.map(() => []);
  for (const s of model.order) {
    const sm = model.services[s]!;
    for (let c = 0; c < sm.configs.count; c++) {
      const [log, outcome] = composeService(model, sm, s, c, own[s]!, effective);
      effective[s]![c] = log;
      services[s]![c] = outcome;
    }
  }
  const flows = model.flows.map((fm) => {
    const outcomes: FlowOutcome[] = [];
    const offered = model.services[fm.services[0]!]!.model.offeredRequests;
    for (let c = 0; c < fm.configs.count; c++) {
      if (fm.sameAs >= 0) {
        const entry = services[fm.sameAs]![fm.configOf[0]![c]!]!;
        const m = entry.metrics;
        const downtimeByCause = entry.downtimeByCause ?? (m.downtimeSeconds > 0 ? ownDowntime(model.causes.length, fm.sameAs, m.downtimeSeconds) : null);
        outcomes.push({
          downtimeSeconds: m.downtimeSeconds,
          failedRequests: m.failedRequests,
          offeredRequests: m.offeredRequests,
          unavailability: m.unavailability,
          penaltyCostUSD: (fm.flow.downtimeUSDPerMinute * m.downtimeSeconds) / 60,
          downtimeByCause,
        });
        continue;
      }
      const terms = fm.services.map((s, m): LevelTerm => ({ log: effective[s]![fm.configOf[m]![c]!]!, cause: s, sameRegion: false, apartCause: -1 }));
      if (terms.every((t) => t.log.length === 0)) {
        outcomes.push({ downtimeSeconds: 0, failedRequests: 0, offeredRequests: offered, unavailability: 0, penaltyCostUSD: 0, downtimeByCause: null });
        continue;
      }
      const byCause = new Float64Array(model.causes.length);
      const level = fm.composer.compose(terms, fm.composed, null, byCause);
      outcomes.push({
        downtimeSeconds: level.downtime,
        failedRequests: level.failedRequests,
        offeredRequests: offered,
        unavailability: offered > 0 ? level.failedRequests / offered : 0,
        penaltyCostUSD: (fm.flow.downtimeUSDPerMinute * level.downtime) / 60,
        downtimeByCause: byCause,
      });
    }
    return outcomes;
  });
  return { replication, services, flows };
}

function ownDowntime(causes: number, service: number, seconds: number): Float64Array {
  const out = new Float64Array(causes);
  out[service] = seconds;
  return out;
}

/** Service `s` under configuration `c`: its effective level and its year. */
function composeService(
  model: PortfolioModel,
  sm: ServiceModel,
  s: number,
  c: number,
  own: ReplicationResult,
  effective: readonly (readonly LevelLog[])[],
): [LevelLog, ConfigOutcome] {
  const k = sm.strategyOf[c]!;
  // A strategy that took a leader's outcome in a quiet world (replication.ts) did not run: its level is the leader's.
  const leader = sm.model.takesFrom[k]!;
  const ownLog = sm.logs[leader >= 0 ? leader : k]!;
  const result = own.strategies[k]!;
  const asOwn: ConfigOutcome = { metrics: result.metrics, incidents: result.incidents, effectiveRto: null, downtimeByCause: null };
  if (sm.dependsOn.length === 0) return [ownLog, asOwn];
  const terms: LevelTerm[] = [{ log: ownLog, cause: s, sameRegion: false, apartCause: -1 }];
  let untouched = true;
  for (const d of sm.dependsOn) {
    const log = effective[d.service]![d.configOf[c]!]!;
    // A dependency always at full service anywhere holds nothing; a co-located one may still be elsewhere.
    if (log.length > 0 || d.sameRegion) untouched = false;
    terms.push({ log, cause: d.service, sameRegion: d.sameRegion, apartCause: d.apartCause });
  }
  if (untouched) return [ownLog, asOwn];
  const byCause = new Float64Array(model.causes.length);
  const composed = sm.composer.compose(terms, sm.composed[c]!, { downtime: result.metrics.downtimeSeconds, failedRequests: result.metrics.failedRequests }, byCause);
  if (!composed.bound) return [ownLog, asOwn];
  const log = sm.composed[c]!;
  return [
    log,
    {
      metrics: effectiveMetrics(sm, result.metrics, composed),
      incidents: result.incidents,
      effectiveRto: result.incidents.map((inc) => effectiveRto(inc, log, model.horizon)),
      downtimeByCause: byCause,
    },
  ];
}

/** The service's row with its downtime, failed requests and their penalty as its users saw them. */
function effectiveMetrics(sm: ServiceModel, own: Readonly<Record<ReplicationMetric, number>>, level: ComposedLevel): Record<ReplicationMetric, number> {
  const scenario = sm.model.scenario;
  const offered = sm.model.offeredRequests;
  const penalty = penaltyCost(scenario, level.downtime, own.lostWrites);
  return {
    ...own,
    downtimeSeconds: level.downtime,
    failedRequests: level.failedRequests,
    unavailability: offered > 0 ? level.failedRequests / offered : 0,
    penaltyCostUSD: penalty,
    costUSD: own.standingCostUSD + own.incidentCostUSD + penalty,
  };
}

/**
 * From the incident's start to the first instant, at or after its own return to full service, at
 * which its composed level is full too; censored at the horizon like its own.
 */
function effectiveRto(incident: IncidentRecord, log: LevelLog, horizon: number): number {
  const ownBack = incident.start + incident.rto;
  if (ownBack >= horizon) return incident.rto;
  let i = log.indexAt(ownBack);
  if (i < 0 || log.levels[i]! + log.slopes[i]! * (ownBack - log.times[i]!) >= FULL) return incident.rto;
  for (i++; i < log.length; i++) if (log.levels[i]! >= FULL) return log.times[i]! - incident.start;
  return horizon - incident.start;
}
