// What every strategy shares: it lives on the event engine, receives the world's events, keeps the
// service ledger, recovers from logical corruption by restoring a backup (the same for every
// strategy: replication copies corruption everywhere), and records incidents. The two mechanisms —
// failing over (failover.ts) and absorbing load (activeActive.ts) — extend it.
import { makeDistribution } from "../random/distributions.js";
import { streamForKey, streamKey } from "../random/streams.js";
import { Simulator } from "../kernel/simulator.js";
import type { Distribution, DistributionSpec, Rng } from "../random/types.js";
import type { BackupSchedule } from "../world/backups.js";
import type { IncidentRecord, PipelineStep, TraceSink } from "../results/results.js";
import type { Scenario, Strategy } from "../scenario/types.js";
import type { Traffic } from "../world/traffic.js";
import type { World } from "../world/types.js";
import { OpenIncident } from "./incident.js";
import { FULL, ServiceLedger } from "./ledger.js";

export const enum Ev {
  RegionDown,
  RegionUp,
  DegradeBegin,
  DegradeEnd,
  PartitionBegin,
  PartitionEnd,
  CorruptionDetected,
  CorruptionDecided,
  CorruptionRestored,
  /** A pipeline step finished; arg = the pipeline generation it belongs to (stale ones are ignored). */
  StepDone,
}

/** What a run shares with every strategy: built once, read-only. */
export interface ModelContext {
  readonly scenario: Scenario;
  readonly horizon: number;
  readonly traffic: Traffic;
  readonly backups: BackupSchedule;
  readonly writeFraction: number;
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
}

/** The outcome's incident list when there were none: shared, so frozen. */
const NO_INCIDENTS: readonly IncidentRecord[] = Object.freeze([]);

function byStart(a: IncidentRecord, b: IncidentRecord): number {
  return a.start - b.start;
}

export const dist = (spec: DistributionSpec | null): Distribution | null => (spec ? makeDistribution(spec) : null);

export abstract class Service {
  protected readonly sim: Simulator;
  protected readonly ledger: ServiceLedger;
  protected readonly regionCount: number;
  protected readonly down: Int32Array;
  protected readonly lost: Int32Array;
  protected readonly remaining: Float64Array;
  protected readonly cpUntil: Float64Array;
  protected readonly cpSlowdown: Float64Array;
  /** Human decision delay, shared by failover decisions and corruption restores. */
  protected readonly decide: Distribution | null;
  private readonly streamKey: number;

  protected world!: World;
  protected seed = 0;
  protected replication = 0;
  protected trace: TraceSink | null = null;
  private rngCache: Rng | null = null;
  protected incident: OpenIncident | null = null;
  /** Null until the first incident closes: most replications have none, and allocate no list. */
  private incidents: IncidentRecord[] | null = null;
  protected dataLossSeconds = 0;
  protected lostWrites = 0;
  protected conflictWrites = 0;
  protected failovers = 0;
  protected surgeComputeSeconds = 0;
  private corruptionIncident: OpenIncident | null = null;
  private restoringCorruption = false;

  constructor(
    protected readonly ctx: ModelContext,
    protected readonly strategy: Strategy,
  ) {
    this.regionCount = ctx.scenario.regions.length;
    this.down = new Int32Array(this.regionCount);
    this.lost = new Int32Array(this.regionCount);
    this.remaining = new Float64Array(this.regionCount);
    this.cpUntil = new Float64Array(this.regionCount);
    this.cpSlowdown = new Float64Array(this.regionCount);
    this.decide = dist(strategy.steps.decide);
    this.streamKey = streamKey(`strategy:${strategy.id}`);
    this.ledger = new ServiceLedger(ctx.traffic);
    this.sim = new Simulator((type, arg) => this.dispatch(type, arg));
  }

  /** Simulates this strategy over one replication's world. */
  simulate(world: World, seed: number, replication: number, trace: TraceSink | null): ServiceOutcome {
    this.world = world;
    this.seed = seed;
    this.replication = replication;
    this.trace = trace;
    this.rngCache = null;
    this.incident = null;
    this.corruptionIncident = null;
    this.restoringCorruption = false;
    this.incidents = null;
    this.dataLossSeconds = this.lostWrites = this.conflictWrites = this.failovers = this.surgeComputeSeconds = 0;
    // A loop, not five TypedArray.fill calls: for two or three regions the builtin's call costs
    // more than the stores.
    for (let r = 0; r < this.regionCount; r++) {
      this.down[r] = 0;
      this.lost[r] = 0;
      this.remaining[r] = 1;
      this.cpUntil[r] = 0;
      this.cpSlowdown[r] = 1;
    }
    this.sim.reset(0);
    this.ledger.reset(0);
    this.resetState();
    this.scheduleWorld();
    this.sim.run(this.ctx.horizon);
    this.finish(this.ctx.horizon);
    return {
      downtimeSeconds: this.ledger.downtime,
      failedRequests: this.ledger.failedRequests,
      dataLossSeconds: this.dataLossSeconds,
      lostWrites: this.lostWrites,
      conflictWrites: this.conflictWrites,
      failovers: this.failovers,
      surgeComputeSeconds: this.surgeComputeSeconds,
      incidents: this.incidents ?? NO_INCIDENTS,
    };
  }

  private scheduleWorld(): void {
    const { outages, degradations, partitions, corruptions } = this.world;
    for (let i = 0; i < outages.length; i++) {
      this.sim.schedule(outages[i]!.start, Ev.RegionDown, i);
      this.sim.schedule(outages[i]!.end, Ev.RegionUp, i);
    }
    for (let i = 0; i < degradations.length; i++) {
      this.sim.schedule(degradations[i]!.start, Ev.DegradeBegin, i);
      this.sim.schedule(degradations[i]!.end, Ev.DegradeEnd, i);
    }
    if (this.reactsToPartitions) {
      for (let i = 0; i < partitions.length; i++) {
        this.sim.schedule(partitions[i]!.start, Ev.PartitionBegin, i);
        this.sim.schedule(partitions[i]!.end, Ev.PartitionEnd, i);
      }
    }
    for (let i = 0; i < corruptions.length; i++) this.sim.schedule(corruptions[i]!.detectedAt, Ev.CorruptionDetected, i);
  }

  private dispatch(type: number, arg: number): void {
    const now = this.sim.now;
    switch (type) {
      case Ev.RegionDown: {
        const o = this.world.outages[arg]!;
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
        this.onRegionDown(arg, now);
        break;
      }
      case Ev.RegionUp: {
        const o = this.world.outages[arg]!;
        for (let r = 0; r < this.regionCount; r++) {
          if ((o.regionMask & (1 << r)) === 0) continue;
          this.down[r]!--;
          if (o.catastrophic) this.lost[r]!--;
          this.emit("outage-end", r, o.cause, 0);
        }
        this.onRegionUp(arg, now);
        break;
      }
      case Ev.DegradeBegin: {
        const d = this.world.degradations[arg]!;
        this.remaining[d.region] = d.remaining;
        this.emit("degradation-begin", d.region, "", d.remaining);
        this.refresh(now);
        break;
      }
      case Ev.DegradeEnd: {
        const d = this.world.degradations[arg]!;
        this.remaining[d.region] = 1;
        this.emit("degradation-end", d.region, "", 1);
        this.refresh(now);
        break;
      }
      case Ev.PartitionBegin:
        this.emit("partition-begin", -1, "", 0);
        this.onPartition(arg, now, true);
        break;
      case Ev.PartitionEnd:
        this.emit("partition-end", -1, "", 0);
        this.onPartition(arg, now, false);
        break;
      case Ev.CorruptionDetected:
        this.beginCorruptionRecovery(arg, now);
        break;
      case Ev.CorruptionDecided:
        this.restoreCorruption(arg, now);
        break;
      case Ev.CorruptionRestored:
        this.endCorruptionRecovery(now);
        break;
      case Ev.StepDone:
        this.onStepDone(arg, now);
        break;
    }
  }

  // ---- logical corruption: decide, then restore the last clean backup (service down meanwhile) ----

  private beginCorruptionRecovery(index: number, now: number): void {
    if (this.corruptionIncident) return; // one restore at a time: the next detection is folded in
    const c = this.world.corruptions[index]!;
    this.emit("corruption-detected", -1, "", c.time);
    this.corruptionIncident = new OpenIncident(now, "corruption", "", now - c.time, this.ledger);
    const decide = this.sampleOrZero(this.decide);
    this.corruptionIncident.addStep("decide", decide);
    this.sim.schedule(now + decide, Ev.CorruptionDecided, index);
  }

  private restoreCorruption(index: number, now: number): void {
    const c = this.world.corruptions[index]!;
    const inc = this.corruptionIncident!;
    const backups = this.ctx.backups;
    const point =
      backups.pointInTime(c.time) ?? backups.lastRestorePoint(this.seed, this.replication, now, c.time, false);
    // Everything written after the restore point is discarded, clean or not.
    inc.rpo = now - point;
    inc.lostWrites = this.writesBetween(point, now);
    this.dataLossSeconds += inc.rpo;
    this.lostWrites += inc.lostWrites;
    const restore = this.ctx.scenario.workload.datasetBytes / backups.restoreThroughput.sample(this.rng());
    inc.addStep("restore", restore);
    this.restoringCorruption = true;
    this.emit("step-begin", -1, "restore", 0);
    this.refresh(now);
    this.sim.schedule(now + restore, Ev.CorruptionRestored, index);
  }

  private endCorruptionRecovery(now: number): void {
    this.restoringCorruption = false;
    this.emit("step-end", -1, "restore", 0);
    this.refresh(now);
    const inc = this.corruptionIncident!;
    if (this.ledger.current(now) >= FULL) inc.fullAt = now;
    this.record(inc.close(now));
    this.corruptionIncident = null;
  }

  // ---- helpers for the mechanisms ----

  /** Recomputes the service level from the state (after any change). */
  protected refresh(now: number): void {
    if (this.restoringCorruption) {
      this.ledger.set(now, 0, 0);
      this.emit("capacity", -1, "", 0);
      return;
    }
    const level = this.level(now);
    const slope = this.slope;
    const set = this.ledger.set(now, level, slope);
    this.emit("capacity", -1, slope > 0 ? "ramp" : "", set);
    const inc = this.incident;
    if (inc && Number.isNaN(inc.fullAt) && set >= FULL) inc.fullAt = now;
  }

  protected rng(): Rng {
    return (this.rngCache ??= streamForKey(this.seed, this.replication, this.streamKey));
  }

  protected sampleOrZero(d: Distribution | null): number {
    return d ? d.sample(this.rng()) : 0;
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

  protected writesBetween(t0: number, t1: number): number {
    return t1 > t0 ? this.ctx.writeFraction * this.ctx.traffic.integrate(t0, t1, 1, 0) : 0;
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

  protected emit(event: string, region: number, detail: string, value: number): void {
    if (this.trace === null) return;
    const name = region >= 0 ? this.ctx.scenario.regions[region]!.name : "";
    this.trace({ time: this.sim.now, event, region: name, detail, value });
  }

  protected step(step: PipelineStep, duration: number, generation: number, region: number): number {
    this.incident?.addStep(step, duration);
    this.emit("step-begin", region, step, duration);
    return this.sim.schedule(this.sim.now + duration, Ev.StepDone, generation);
  }

  private record(incident: IncidentRecord): void {
    (this.incidents ??= []).push(incident);
  }

  protected closeIncident(now: number): void {
    if (this.incident) {
      this.record(this.incident.close(now));
      this.incident = null;
      this.emit("incident-end", -1, "", 0);
    }
  }

  /** At the horizon: close what is open (its RTO is censored at the horizon). */
  protected finish(horizon: number): void {
    this.ledger.advance(horizon);
    this.closeIncident(horizon);
    if (this.corruptionIncident) {
      this.record(this.corruptionIncident.close(horizon));
      this.corruptionIncident = null;
    }
    if (this.incidents !== null && this.incidents.length > 1) this.incidents.sort(byStart);
  }

  // ---- what each mechanism defines ----
  /**
   * Services with the same non-null key come to the same outcome, whatever their strategy, in every
   * world where isQuiet() holds — a world in which their mechanism never starts — so a replication
   * may simulate one of them and hand its outcome to the others. Only a mechanism that can show
   * this sets a key; services with the same key have the same isQuiet().
   */
  abstract readonly quietOutcomeKey: string | null;
  /** See quietOutcomeKey. */
  isQuiet(_world: World): boolean {
    return false;
  }
  /** False where partitions act only through the world's replication lag (no events needed). */
  protected abstract readonly reactsToPartitions: boolean;
  /** Slope per second of the level that level() last returned (an out-parameter: no allocation). */
  protected slope = 0;
  protected abstract resetState(): void;
  /** Share of demand served from now on, ignoring corruption; sets `slope`. */
  protected abstract level(now: number): number;
  protected abstract onRegionDown(outage: number, now: number): void;
  protected abstract onRegionUp(outage: number, now: number): void;
  protected abstract onPartition(partition: number, now: number, begins: boolean): void;
  protected abstract onStepDone(generation: number, now: number): void;
}
