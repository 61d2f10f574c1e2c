// The failover pipeline shared by backup & restore, pilot light and warm standby:
//   detect → wait for the primary (policy) → decide (human) → provision → restore | promote
//   → switch traffic → scale (serving partially, ramping from the standby fraction) → … failback.
// A strategy is only a description of which steps it has and how long they take: its scenario entry
// over `strategyDefaults` (models/timings.yaml). The primary returning before the point of no return (the start of the data step)
// aborts the failover when the policy says so; after it, the failover completes and traffic moves.
// While traffic still points at the primary, the service is up whenever the primary is. An
// abandoned pipeline cancels its pending step (Service.cancelStep).
import type { Distribution } from "../../random/types.js";
import type { IncidentCause } from "../../outcomes/results.js";
import type { Strategy } from "../../scenario/types.js";
import type { PartitionEvent, RegionOutageEvent } from "../../world/types.js";
import { OpenIncident } from "../../services/incident.js";
import { dist, Service, type ServiceContext } from "../../services/service.js";
import type { SyncUnreachable } from "./index.js";
import { LatentFaults } from "./latentFaults.js";

const enum Phase {
  Idle,
  Detecting,
  Waiting,
  Deciding,
  WaitingForTarget,
  Provisioning,
  Data,
  Retrying,
  Switching,
  Scaling,
  /** All attempts failed: wait for the primary. */
  GaveUp,
  /** Serving from the failed-over region at full capacity; failback pending the home region. */
  OnStandby,
  FailbackDelay,
  FailbackWindow,
}

/** The primary region, where traffic is when nothing is wrong. */
export const HOME = 0;

export class FailoverService extends Service {
  /** The data step, the failover's point of no return. */
  private readonly dataStep: "restore" | "promote";
  private readonly detect: Distribution;
  private readonly provision: Distribution | null;
  private readonly promote: Distribution | null;
  private readonly scale: Distribution | null;
  private readonly switchTraffic: Distribution | null;
  private readonly retryDelay: Distribution;
  private readonly failbackDelay: Distribution;
  private readonly failbackWindow: Distribution;
  private readonly failureProbability: number;
  /** Drills that decay, when the strategy has latent faults; else the fixed probability applies. */
  private readonly latentFaults: LatentFaults | null;
  /** With sync replication, what writes do while the standby is unreachable; null otherwise. */
  private readonly syncUnreachable: SyncUnreachable | null;

  private phase = Phase.Idle;
  /** Region receiving traffic and holding the writable data. */
  private active = HOME;
  private target = -1;
  private forced = false;
  /** The data loss of the current incident is booked once, at the first point of no return. */
  private lossCounted = false;
  private lossAtFailure = 0;
  private lostWritesAtFailure = 0;
  private rampStart = 0;
  private rampDuration = 0;
  /** When the current incident's detection ended: the wait for the primary is counted from it. */
  private detectedAt = 0;
  private partitioned = false;
  /** Since when sync replication has been cut (a partition, or no other region up); NaN while it is not. */
  private cutSince = Number.NaN;
  /** When traffic last moved to the region it is on (surge is charged while that is not HOME). */
  private activeSince = 0;

  constructor(ctx: ServiceContext, strategy: Strategy) {
    super(ctx, strategy);
    this.dataStep = strategy.steps.restoreFromBackup ? "restore" : "promote";
    const s = strategy.steps;
    this.detect = dist(s.detect)!;
    this.provision = dist(s.provision);
    this.promote = dist(s.promote);
    this.scale = dist(s.scale);
    this.switchTraffic = dist(s.switchTraffic);
    this.retryDelay = dist(strategy.failover.retryDelay)!;
    this.failbackDelay = dist(strategy.policy.failback.delay)!;
    this.failbackWindow = dist(strategy.policy.failback.window)!;
    // Drills: a runbook exercised at least once a year fails at the drilled rate.
    this.failureProbability =
      strategy.drills.perYear >= 1 ? strategy.failover.failureProbabilityDrilled : strategy.failover.failureProbabilityUntested;
    this.syncUnreachable = strategy.replication.mode === "sync" ? (strategy.policy.syncUnreachable ?? "stall") : null;
    this.reactsToPartitions = this.syncUnreachable !== null;
    const latent = strategy.failover.latentFaults;
    this.latentFaults = latent && latent.rate > 0 ? new LatentFaults(latent, strategy.drills.perYear, strategy.id, ctx.scenario) : null;
  }

  protected resetState(): void {
    this.phase = Phase.Idle;
    this.active = HOME;
    this.activeSince = 0;
    this.target = -1;
    this.forced = false;
    this.partitioned = false;
    this.cutSince = Number.NaN;
    this.latentFaults?.reset();
  }

  protected level(now: number): number {
    this.slope = 0;
    if (this.phase === Phase.FailbackWindow || !this.regionUp(this.active)) return 0;
    const capacity = this.remaining[this.active]! * this.writePath();
    if (this.phase !== Phase.Scaling) return capacity;
    const from = this.strategy.standbyFraction;
    const ramp = (1 - from) / this.rampDuration;
    this.slope = capacity * ramp;
    return capacity * (from + ramp * (now - this.rampStart));
  }

  /** Traffic is on the active region (the home region, or the standby it failed over to). */
  override servingRegions(): number {
    return 1 << this.active;
  }

  protected onRegionDown(o: RegionOutageEvent, now: number): void {
    this.updateCut(now);
    const hitsActive = (o.regionMask & (1 << this.active)) !== 0;
    if (hitsActive && o.catastrophic) this.forced = true;
    if ((o.regionMask & (1 << HOME)) !== 0 && (this.phase === Phase.FailbackDelay || this.phase === Phase.FailbackWindow)) {
      // Home failed again before traffic moved back: the failback is abandoned, traffic stays on
      // the standby, and a new failback (delay, then window) starts once home is back.
      this.cancelStep();
      this.phase = Phase.OnStandby;
      this.emit("abort", HOME, "failback", 0);
    }
    switch (this.phase) {
      case Phase.Idle:
      case Phase.Scaling:
      case Phase.OnStandby:
      case Phase.FailbackDelay:
        if (hitsActive) this.beginIncident(o.cause, o.regionMask, o.end - o.start, o.lagAtStart, now);
        break;
      case Phase.Waiting:
        // A catastrophe during the wait ends the wait: there is nothing to wait for.
        if (hitsActive && o.catastrophic) this.startDecide(now);
        break;
      case Phase.Provisioning:
      case Phase.Data:
      case Phase.Retrying:
      case Phase.Switching:
        if (this.target >= 0 && !this.regionUp(this.target)) {
          this.cancelStep();
          this.phase = Phase.WaitingForTarget;
          this.emit("abort", this.target, "target-down", 0);
        }
        break;
      default:
        break;
    }
    this.refresh(now);
  }

  protected onRegionUp(_outage: RegionOutageEvent, now: number): void {
    this.updateCut(now);
    const activeBack = this.regionUp(this.active);
    switch (this.phase) {
      case Phase.Detecting:
      case Phase.Waiting:
      case Phase.Deciding:
      case Phase.Provisioning:
        if (activeBack && (this.phase !== Phase.Deciding && this.phase !== Phase.Provisioning || this.strategy.policy.abortWhenPrimaryReturns)) {
          this.endWithoutFailover(now, this.phase === Phase.Deciding || this.phase === Phase.Provisioning);
        }
        break;
      case Phase.WaitingForTarget:
      case Phase.GaveUp:
        if (activeBack) this.endWithoutFailover(now, this.phase === Phase.WaitingForTarget);
        else if (this.phase === Phase.WaitingForTarget) this.startProvision(now);
        break;
      case Phase.OnStandby:
        if (this.active !== HOME && this.regionUp(HOME)) this.scheduleFailback(now);
        break;
      default:
        break;
    }
    this.refresh(now);
  }

  // Partitions act on async failover strategies through the replication lag, already in the world;
  // a sync one hears them: they cut its write path.
  readonly reactsToPartitions: boolean;
  protected onPartition(_partition: PartitionEvent, now: number, begins: boolean): void {
    this.partitioned = begins;
    this.updateCut(now);
    this.refresh(now);
  }

  /** Sync replication is cut while a partition is under way or no other region is up. */
  private updateCut(now: number): void {
    if (this.syncUnreachable === null) return;
    let cut = this.partitioned;
    if (!cut) {
      cut = true;
      for (let r = 0; r < this.regionCount; r++) if (r !== HOME && this.regionUp(r)) cut = false;
    }
    if (!cut) this.cutSince = Number.NaN;
    else if (Number.isNaN(this.cutSince)) this.cutSince = now;
  }

  /**
   * The share of demand the write path lets through while serving from home: 1, or — sync
   * replication cut — nothing (`stall`: writes wait and the service stops), all but the writes
   * (`reject`), or everything (`async`: writes go on unreplicated). From a standby, home is down or
   * being resynchronised and the service runs unreplicated until the failback.
   */
  private writePath(): number {
    if (this.syncUnreachable === null || this.active !== HOME || Number.isNaN(this.cutSince)) return 1;
    return this.syncUnreachable === "stall" ? 0 : this.syncUnreachable === "reject" ? 1 - this.writeFraction : 1;
  }

  protected onStepDone(now: number): void {
    const inc = this.incident;
    switch (this.phase) {
      case Phase.Detecting:
        this.emit("step-end", this.active, "detect", 0);
        this.detectedAt = now;
        if (this.forced || this.strategy.policy.waitForPrimary <= 0) this.startDecide(now);
        else {
          this.phase = Phase.Waiting;
          this.wait(this.strategy.policy.waitForPrimary);
        }
        break;
      case Phase.Waiting:
        this.startDecide(now);
        break;
      case Phase.Deciding:
        this.emit("step-end", this.active, "decide", 0);
        this.startProvision(now);
        break;
      case Phase.Provisioning:
        this.emit("step-end", this.target, "provision", 0);
        this.startData();
        break;
      case Phase.Retrying:
        this.startData();
        break;
      case Phase.Data: {
        const step = this.dataStep;
        this.emit("step-end", this.target, step, 0);
        inc!.attempts++;
        // The uniform is drawn either way, so the strategy's later draws stay paired with or
        // without latent faults.
        const u = this.rng()();
        const failed = this.latentFaults ? this.latentFaults.present(now, this.world.seed, this.world.replication) : u < this.failureProbability;
        if (failed) {
          this.latentFaults?.fixAll(); // the failed attempt exposed them; the retry delay fixes them
          this.emit("attempt-failed", this.target, step, inc!.attempts);
          if (inc!.attempts >= this.strategy.failover.maxAttempts) {
            this.phase = Phase.GaveUp;
          } else {
            this.phase = Phase.Retrying;
            this.wait(this.sampleOrZero(this.retryDelay));
          }
        } else {
          this.phase = Phase.Switching;
          this.step("switchTraffic", this.sampleOrNone(this.switchTraffic), this.target);
        }
        break;
      }
      case Phase.Switching:
        this.emit("step-end", this.target, "switchTraffic", 0);
        this.completeSwitch(now);
        break;
      case Phase.Scaling:
        this.emit("step-end", this.active, "scale", 0);
        this.phase = Phase.OnStandby;
        if (this.regionUp(HOME)) this.scheduleFailback(now);
        break;
      case Phase.FailbackDelay:
        this.phase = Phase.FailbackWindow;
        this.step("failback", this.sampleOrZero(this.failbackWindow), HOME);
        break;
      case Phase.FailbackWindow:
        this.emit("step-end", HOME, "failback", 0);
        this.moveTraffic(HOME, now);
        this.phase = Phase.Idle;
        this.emit("failback", HOME, "", 0);
        this.closeIncident(now);
        break;
      default:
        break;
    }
    this.refresh(now);
  }

  // ---- pipeline steps ----

  private beginIncident(cause: IncidentCause, mask: number, duration: number, lag: number, now: number): void {
    // The incident that left traffic on the standby ends here; a new one begins on the standby.
    if (this.phase === Phase.Scaling || this.phase === Phase.OnStandby || this.phase === Phase.FailbackDelay) this.closeIncident(now);
    this.cancelStep();
    this.lossCounted = false;
    this.incident = new OpenIncident(now, cause, this.regionNames(mask), duration, this.ledger);
    this.emit("incident-begin", this.active, cause, 0);
    this.forced = !this.regionUp(this.active) && this.lost[this.active]! > 0;
    this.lossAtFailure = this.lossAt(now, lag);
    this.lostWritesAtFailure = this.writesBetween(now - this.lossAtFailure, now);
    this.target = -1;
    this.phase = Phase.Detecting;
    this.step("detect", this.detect.sample(this.rng()), this.active);
  }

  /** Seconds of writes lost if this failure leads to a failover, by replication mode. */
  private lossAt(now: number, lag: number): number {
    switch (this.strategy.replication.mode) {
      case "sync":
        // Nothing is lost but what was written unreplicated since sync replication was cut.
        return this.syncUnreachable === "async" && !Number.isNaN(this.cutSince) ? now - this.cutSince : 0;
      case "async":
        return lag;
      case "backup":
        return now - this.backups().lastRestorePoint(now, now, true);
    }
  }

  private startDecide(now: number): void {
    this.cancelStep(); // a pending wait for the primary
    this.phase = Phase.Deciding;
    const decide = this.decide ? this.wallTime("decide", now, this.decide.sample(this.rng())) : 0;
    const waited = now - this.detectedAt;
    // `decide` is the wait for the primary plus the decision; with neither, it did not run. The
    // wait is also recorded on its own (`wait`), whenever `decide` is.
    if (this.decide !== null || waited > 0) {
      this.incident!.addStep("wait", waited);
      this.incident!.addStep("decide", waited + decide);
    }
    this.emit("step-begin", this.active, "decide", waited + decide);
    this.wait(decide);
  }

  private startProvision(now: number): void {
    this.target = this.pickTarget();
    if (this.target < 0) {
      this.phase = Phase.WaitingForTarget;
      return;
    }
    if (this.provision) {
      this.phase = Phase.Provisioning;
      const work = this.provision.sample(this.rng());
      this.step("provision", this.controlPlaneTime(this.target, now, work), this.target);
    } else {
      this.startData();
    }
  }

  /** The point of no return: restoring a backup into, or promoting, the standby. */
  private startData(): void {
    const inc = this.incident!;
    if (!this.lossCounted) {
      this.lossCounted = true;
      inc.rpo = this.lossAtFailure;
      inc.lostWrites = this.lostWritesAtFailure;
      this.loseData(inc.rpo, inc.lostWrites);
    }
    this.phase = Phase.Data;
    const duration = this.dataStep === "restore"
      ? this.ctx.scenario.workload.datasetBytes / this.backups().restoreThroughput.sample(this.rng())
      : this.sampleOrNone(this.promote);
    this.step(this.dataStep, duration, this.target);
  }

  private completeSwitch(now: number): void {
    const inc = this.incident!;
    inc.failedOver = true;
    this.failovers++;
    this.moveTraffic(this.target, now);
    this.emit("failover", this.active, "", 0);
    const work = this.scale ? this.scale.sample(this.rng()) : 0;
    if (work > 0 && this.strategy.standbyFraction < 1) {
      this.phase = Phase.Scaling;
      this.rampStart = now;
      this.rampDuration = this.step("scale", this.controlPlaneTime(this.active, now, work), this.active);
    } else {
      this.phase = Phase.OnStandby;
      if (this.regionUp(HOME)) this.scheduleFailback(now);
    }
  }

  private scheduleFailback(now: number): void {
    if (this.active === HOME) {
      this.phase = Phase.Idle;
      this.closeIncident(now);
      return;
    }
    this.phase = Phase.FailbackDelay;
    this.cancelStep();
    this.wait(this.sampleOrZero(this.failbackDelay));
  }

  /**
   * Traffic moves to `region`. Surge compute is charged for every second traffic is off HOME: the
   * standby runs at full size instead of its standing fraction from the switch to the failback
   * (whatever happens to it meanwhile), and up to the horizon if traffic is still there.
   */
  private moveTraffic(region: number, now: number): void {
    this.chargeSurge(now);
    this.active = region;
  }

  private chargeSurge(now: number): void {
    if (this.active !== HOME) this.surgeComputeSeconds += (1 - this.strategy.standbyFraction) * (now - this.activeSince);
    this.activeSince = now;
  }

  protected override close(horizon: number): void {
    this.chargeSurge(horizon);
    super.close(horizon);
  }

  private endWithoutFailover(now: number, aborted: boolean): void {
    this.cancelStep();
    const inc = this.incident!;
    inc.aborted = aborted;
    this.emit(aborted ? "abort" : "recovered", this.active, "", 0);
    if (this.active === HOME) {
      this.phase = Phase.Idle;
      this.closeIncident(now); // onRegionUp refreshes the level once everything has changed
      return;
    }
    // Traffic was already on a standby (this incident began there): it stays, charged as surge,
    // and the incident stays open until traffic is home again — by a failback once home is up.
    this.phase = Phase.OnStandby;
    if (this.regionUp(HOME)) this.scheduleFailback(now);
  }

  private pickTarget(): number {
    for (let r = 0; r < this.regionCount; r++) if (r !== this.active && this.regionUp(r)) return r;
    return -1;
  }
}
