// What every strategy shares: it runs on its replication's simulation (simulation.ts), hears the
// world's events (worldEvents.ts), keeps the service ledger, records incidents and restores logical
// corruption (corruptionRecovery.ts: the same for every strategy). Each mechanism of
// strategies/<mechanism>/ extends it with how it responds: failing over, absorbing load…
import { makeDistribution } from "../random/distributions.js";
import { streamForKey, streamKey } from "../random/streams.js";
import type { EventId, Simulator } from "../kernel/simulator.js";
import type { Distribution, DistributionSpec, Rng } from "../random/types.js";
import { PIPELINE_STEPS, type IncidentRecord, type PipelineStep, type TraceSink } from "../outcomes/results.js";
import { serviceStream } from "../scenario/serviceStreams.js";
import type { Scenario, Strategy } from "../scenario/types.js";
import type { Traffic } from "../world/traffic.js";
import type {
  CorruptionEvent,
  DegradationEvent,
  DependencyOutage,
  PartitionEvent,
  RegionOutageEvent,
  ReplicationBackups,
  World,
} from "../world/types.js";
import { CorruptionRecovery, type RecoveryHost } from "./corruptionRecovery.js";
import type { OpenIncident } from "./incident.js";
import { FULL, IMPACT, ServiceLedger } from "./ledger.js";
import { LevelLog, type RegionMask } from "./levelLog.js";
import { ServiceEvent } from "./serviceEvent.js";
import type { Simulation } from "./simulation.js";

/** What a run shares with every service: built once, read-only. */
export interface ServiceContext {
  readonly scenario: Scenario;
  readonly horizon: number;
  readonly traffic: Traffic;
  /** The one simulation every service of a replication runs on. */
  readonly simulation: Simulation;
}

/** Per-replication totals a strategy hands to the cost model and the runner. */
export interface ServiceOutcome {
  readonly downtimeSeconds: number;
  readonly failedRequests: number;
  readonly dataLossSeconds: number;
  readonly lostWrites: number;
  readonly conflictWrites: number;
  readonly failovers: number;
  /** Seconds × extra share of compute run above the standing footprint (surge). */
  readonly surgeComputeSeconds: number;
  readonly incidents: readonly IncidentRecord[];
  /** Seconds at partial service, and the requests failed then (ServiceLedger). */
  readonly partialSeconds: number;
  readonly partialFailedRequests: number;
  /**
   * Failed requests and full-outage seconds per IMPACT_CAUSES entry: the ledger's own arrays (no
   * copy per replication), valid until the service begins its next replication.
   */
  readonly failedByCause: Readonly<Float64Array>;
  readonly downtimeByCause: Readonly<Float64Array>;
}

/** The outcome's incident list when there were none: shared, so frozen. */
const NO_INCIDENTS: readonly IncidentRecord[] = Object.freeze([]);

function byStart(a: IncidentRecord, b: IncidentRecord): number {
  return a.start - b.start;
}

export const dist = (spec: DistributionSpec | null): Distribution | null => (spec ? makeDistribution(spec) : null);

export abstract class Service implements RecoveryHost {
  protected readonly sim: Simulator;
  /** Type of this service's first event kind on the shared simulator (ServiceEvent adds to it). */
  private readonly eventBase: number;
  readonly ledger: ServiceLedger;
  protected readonly ctx: ServiceContext;
  protected readonly regionCount: number;
  protected readonly writeFraction: number;
  protected readonly down: Int32Array;
  protected readonly lost: Int32Array;
  protected readonly remaining: Float64Array;
  /** Per region, the degradations under way: they compose (remaining is their product). */
  private readonly impairments: DegradationEvent[][];
  protected readonly cpUntil: Float64Array;
  protected readonly cpSlowdown: Float64Array;
  /** Human decision delay, shared by failover decisions and corruption restores. */
  protected readonly decide: Distribution | null;
  private readonly corruption: CorruptionRecovery;
  private readonly streamKey: number;

  world!: World;
  protected trace: TraceSink | null = null;
  private rngCache: Rng | null = null;
  protected incident: OpenIncident | null = null;
  /** Null until the first incident closes: most replications have none, and allocate no list. */
  private incidents: IncidentRecord[] | null = null;
  /** The pipeline's pending step event: abandoning a pipeline cancels it. */
  private pendingStep: EventId = -1;
  /** Its level as it changes, when a portfolio asks (recordLevels); null: not recorded. */
  private levels: LevelLog | null = null;
  /** Outages under way of dependencies the service itself needs (it is down while any is). */
  private dependenciesDown = 0;
  protected dataLossSeconds = 0;
  protected lostWrites = 0;
  protected conflictWrites = 0;
  protected failovers = 0;
  protected surgeComputeSeconds = 0;

  constructor(
    ctx: ServiceContext,
    protected readonly strategy: Strategy,
  ) {
    this.ctx = ctx;
    this.regionCount = ctx.scenario.regions.length;
    this.writeFraction = ctx.scenario.workload.writeFraction;
    this.down = new Int32Array(this.regionCount);
    this.lost = new Int32Array(this.regionCount);
    this.remaining = new Float64Array(this.regionCount);
    this.impairments = Array.from({ length: this.regionCount }, () => []);
    this.cpUntil = new Float64Array(this.regionCount);
    this.cpSlowdown = new Float64Array(this.regionCount);
    this.decide = dist(strategy.steps.decide);
    this.streamKey = streamKey(serviceStream(ctx.scenario, `strategy:${strategy.id}`));
    this.ledger = new ServiceLedger(ctx.traffic);
    this.corruption = new CorruptionRecovery(this, this.decide, ctx.scenario.workload.datasetBytes);
    this.sim = ctx.simulation.sim;
    this.eventBase = ctx.simulation.attach(this);
  }

  /** Starts a replication in `world`; `trace`, when given, receives this service's event log. */
  begin(world: World, trace: TraceSink | null): void {
    this.world = world;
    this.trace = trace;
    this.rngCache = null;
    this.incident = null;
    this.incidents = null;
    this.pendingStep = -1;
    this.dependenciesDown = 0;
    this.corruption.reset();
    this.dataLossSeconds = this.lostWrites = this.conflictWrites = this.failovers = this.surgeComputeSeconds = 0;
    // A loop, not five TypedArray.fill calls: for two or three regions the builtin's call costs
    // more than the stores.
    for (let r = 0; r < this.regionCount; r++) {
      this.down[r] = 0;
      this.lost[r] = 0;
      this.remaining[r] = 1;
      this.cpUntil[r] = 0;
      this.cpSlowdown[r] = 1;
      this.impairments[r]!.length = 0;
    }
    this.ledger.reset(0);
    this.resetState();
    this.levels?.reset(this.servingRegions());
  }

  /**
   * From the next replication on, keep this service's level as it changes (levelLog.ts): what a
   * portfolio composes dependencies from. Returns the log, refilled every replication.
   */
  recordLevels(): LevelLog {
    return (this.levels ??= new LevelLog());
  }

  /**
   * The regions whose capacity serves the demand now (bit r for region r): where a co-located
   * dependency must be to serve it (dependencyLevels.ts). The home region unless a mechanism says
   * otherwise (a failover moves it, active–active spreads it).
   */
  servingRegions(): RegionMask {
    return 1;
  }

  /** At the horizon: closes what is open (its RTO is censored at the horizon) and returns the totals. */
  finish(horizon: number): ServiceOutcome {
    this.close(horizon);
    if (this.incidents !== null && this.incidents.length > 1) this.incidents.sort(byStart);
    return {
      downtimeSeconds: this.ledger.downtime,
      failedRequests: this.ledger.failedRequests,
      dataLossSeconds: this.dataLossSeconds,
      lostWrites: this.lostWrites,
      conflictWrites: this.conflictWrites,
      failovers: this.failovers,
      surgeComputeSeconds: this.surgeComputeSeconds,
      incidents: this.incidents ?? NO_INCIDENTS,
      partialSeconds: this.ledger.partialTime,
      partialFailedRequests: this.ledger.partialFailedRequests,
      failedByCause: this.ledger.failedByCause,
      downtimeByCause: this.ledger.downtimeByCause,
    };
  }

  // ---- what the world's events do (worldEvents.ts delivers them) ----

  outageBegins(o: RegionOutageEvent, now: number): void {
    // Loops rather than forEachRegion: no closure allocated per event.
    for (let r = 0; r < this.regionCount; r++) {
      if ((o.regionMask & (1 << r)) === 0) continue;
      this.down[r]!++;
      if (o.catastrophic) this.lost[r]!++;
      this.emit(o.catastrophic ? "catastrophic" : "outage-begin", r, o.cause, 0);
    }
    for (let r = 0; r < this.regionCount; r++) {
      if ((o.controlPlaneMask & (1 << r)) === 0) continue;
      this.cpUntil[r] = Math.max(this.cpUntil[r]!, o.controlPlaneEnd);
      this.cpSlowdown[r] = o.controlPlaneSlowdown;
      if (this.trace !== null) this.emit("control-plane-begin", r, `slowdown=${o.controlPlaneSlowdown}`, o.controlPlaneEnd);
    }
    this.onRegionDown(o, now);
  }

  outageEnds(o: RegionOutageEvent, now: number): void {
    for (let r = 0; r < this.regionCount; r++) {
      if ((o.regionMask & (1 << r)) === 0) continue;
      this.down[r]!--;
      if (o.catastrophic) this.lost[r]!--;
      this.emit("outage-end", r, o.cause, 0);
    }
    this.onRegionUp(o, now);
  }

  degrade(d: DegradationEvent, begins: boolean, now: number): void {
    // Overlapping degradations of a region (a zonal common-cause event during a brownout) are
    // independent losses: each leaves its share of what the others leave.
    const under = this.impairments[d.region]!;
    if (begins) under.push(d);
    else under.splice(under.indexOf(d) >>> 0, 1);
    let remaining = 1;
    for (let i = 0; i < under.length; i++) remaining *= under[i]!.remaining;
    this.remaining[d.region] = remaining;
    this.emit(begins ? "degradation-begin" : "degradation-end", d.region, "", remaining);
    this.refresh(now);
  }

  partition(p: PartitionEvent, begins: boolean, now: number): void {
    this.emit(begins ? "partition-begin" : "partition-end", -1, "", 0);
    this.onPartition(p, now, begins);
  }

  corruptionDetected(c: CorruptionEvent, index: number, now: number): void {
    this.corruption.detected(c, index, now);
  }

  dependency(d: DependencyOutage, begins: boolean, now: number): void {
    this.emit(begins ? "dependency-begin" : "dependency-end", -1, d.dependency, 0);
    if (!d.serviceDown) return; // the steps it blocks read the world's list (wallTime)
    this.dependenciesDown += begins ? 1 : -1;
    this.refresh(now);
  }

  // ---- this service's own events (the simulation hands them back) ----

  fire(kind: number, arg: number): void {
    const now = this.sim.now;
    switch (kind) {
      case ServiceEvent.Step:
        this.onStepDone(now);
        break;
      case ServiceEvent.CorruptionDecided:
        this.corruption.decided(arg, now);
        break;
      case ServiceEvent.CorruptionRestored:
        this.corruption.restored(now);
        break;
    }
  }

  // ---- for the service's components (RecoveryHost) and mechanisms ----

  /** Recomputes the service level from the state (after any change). */
  refresh(now: number): void {
    if (this.corruption.restoring || this.dependenciesDown > 0) {
      // A dependency every region needs (serviceDown) is down: as if every region were, for every strategy.
      this.ledger.set(now, 0, 0, this.corruption.restoring ? IMPACT.corruption : IMPACT.allRegionsDown);
      this.levels?.push(now, 0, 0, this.servingRegions());
      this.emit("capacity", -1, "", 0);
      return;
    }
    const level = this.level(now);
    const slope = this.slope;
    const set = this.ledger.set(now, level, slope, this.impactCause());
    this.levels?.push(now, set, slope, this.servingRegions());
    this.emit("capacity", -1, slope > 0 ? "ramp" : "", set);
    const inc = this.incident;
    if (inc && Number.isNaN(inc.fullAt) && set >= FULL) inc.fullAt = now;
  }

  /** Why the service is below full from now on, should it be (ledger.ts, IMPACT_CAUSES). */
  private impactCause(): number {
    let up = false;
    for (let r = 0; r < this.regionCount; r++) if (this.down[r] === 0) up = true;
    if (!up) return IMPACT.allRegionsDown;
    return this.incident === null ? IMPACT.brownout : IMPACT.response;
  }

  /** The backups this strategy restores from: its own policy's, or the scenario's. */
  backups(): ReplicationBackups {
    return this.world.backupsOf(this.strategy.id);
  }

  /** This strategy's own stream, `strategy:<id>` (a portfolio's service prefixes it): created at its first draw in a replication. */
  rng(): Rng {
    return (this.rngCache ??= streamForKey(this.world.seed, this.world.replication, this.streamKey));
  }

  writesBetween(t0: number, t1: number): number {
    return t1 > t0 ? this.writeFraction * this.ctx.traffic.integrate(t0, t1, 1, 0) : 0;
  }

  /** Books writes lost for good: `seconds` of them (an RPO), `writes` in number. */
  loseData(seconds: number, writes: number): void {
    this.dataLossSeconds += seconds;
    this.lostWrites += writes;
  }

  emit(event: string, region: number, detail: string, value: number): void {
    if (this.trace === null) return;
    const name = region >= 0 ? this.ctx.scenario.regions[region]!.name : "";
    this.trace({ time: this.sim.now, event, region: name, detail, value });
  }

  record(incident: IncidentRecord): void {
    (this.incidents ??= []).push(incident);
  }

  /** Schedules one of this service's own events at `time`. */
  schedule(kind: ServiceEvent, time: number, arg: number): EventId {
    return this.sim.schedule(time, this.eventBase + kind, arg);
  }

  // ---- helpers for the mechanisms ----

  protected sampleOrZero(d: Distribution | null): number {
    return d ? d.sample(this.rng()) : 0;
  }

  /** A step's duration, or null where the strategy has no such step (`none`). */
  protected sampleOrNone(d: Distribution | null): number | null {
    return d ? d.sample(this.rng()) : null;
  }

  /**
   * Wall time a step of `work` seconds takes in `region` from `now`, given a control-plane impairment
   * there: slowed `slowdown`× until it ends (Infinity: blocked until it ends), normal after.
   */
  protected controlPlaneTime(region: number, now: number, work: number): number {
    const left = this.cpUntil[region]! - now;
    if (left <= 0 || work <= 0) return work;
    const k = this.cpSlowdown[region]!;
    if (!Number.isFinite(k)) return left + work;
    return work * k <= left ? work * k : left + (work - left / k);
  }

  protected regionUp(r: number): boolean {
    return this.down[r] === 0;
  }

  protected regionNames(mask: number): string {
    const names: string[] = [];
    this.forEachRegion(mask, (r) => names.push(this.ctx.scenario.regions[r]!.name));
    return names.join("+");
  }

  protected forEachRegion(mask: number, fn: (r: number) => void): void {
    for (let r = 0; r < this.regionCount; r++) if (mask & (1 << r)) fn(r);
  }

  /** The pipeline waits `delay` (its one pending event), then onStepDone() runs. */
  protected wait(delay: number): void {
    this.pendingStep = this.schedule(ServiceEvent.Step, this.sim.now + delay, 0);
  }

  /**
   * A pipeline step of `work` seconds, recorded in the open incident: a wait with a name, taking its
   * wall time (wallTime: dependencies it needs may hold it up), which it returns. A null `work` is a
   * step the strategy does not have (`none`): the pipeline passes it at once and the incident
   * records nothing for it (an empty cell, not 0).
   */
  protected step(step: PipelineStep, work: number | null, region: number): number {
    const duration = work === null ? 0 : this.wallTime(step, this.sim.now, work);
    if (work !== null) this.incident?.addStep(step, duration);
    this.emit("step-begin", region, step, duration);
    this.wait(duration);
    return duration;
  }

  /**
   * Wall time of `step`, `work` seconds of it starting at `now`: it makes progress only while no
   * dependency that blocks it is down (world/processes/dependencies.ts), so an outage under way
   * holds it up, even a step of no work, and one starting meanwhile pauses it.
   */
  wallTime(step: PipelineStep, now: number, work: number): number {
    const outages = this.world.dependencyOutages;
    if (outages.length === 0) return work;
    const bit = 1 << PIPELINE_STEPS.indexOf(step);
    let t = now;
    let left = work;
    let held = false;
    // Sorted by start, so the cursor only moves forward; an outage inside time already passed is skipped.
    for (let i = 0; i < outages.length; i++) {
      const o = outages[i]!;
      if ((o.blocks & bit) === 0 || o.end <= t) continue;
      if (o.start > t) {
        if (t + left <= o.start) break;
        left -= o.start - t;
      }
      t = o.end;
      held = true;
    }
    // Never held up: exactly its work (no float noise from adding and subtracting `now`).
    return held ? t + left - now : work;
  }

  /** Abandons the pipeline's pending step or wait, if any: its onStepDone() never comes. */
  protected cancelStep(): void {
    this.sim.cancel(this.pendingStep);
  }

  protected closeIncident(now: number): void {
    if (this.incident) {
      this.record(this.incident.close(now));
      this.incident = null;
      this.emit("incident-end", -1, "", 0);
    }
  }

  /** At the horizon: account up to it and close what is open. */
  protected close(horizon: number): void {
    this.ledger.advance(horizon);
    this.closeIncident(horizon);
    this.corruption.close(horizon);
  }

  // ---- what each mechanism defines ----
  /** True where the mechanism acts on partitions (false: they act only through the world's lag). */
  abstract readonly reactsToPartitions: boolean;
  /** Slope per second of the level that level() last returned (an out-parameter: no allocation). */
  protected slope = 0;
  protected abstract resetState(): void;
  /** Share of demand served from now on, ignoring corruption; sets `slope`. */
  protected abstract level(now: number): number;
  protected abstract onRegionDown(outage: RegionOutageEvent, now: number): void;
  protected abstract onRegionUp(outage: RegionOutageEvent, now: number): void;
  protected abstract onPartition(partition: PartitionEvent, now: number, begins: boolean): void;
  /** The pending step or wait is over. */
  protected abstract onStepDone(now: number): void;
}
