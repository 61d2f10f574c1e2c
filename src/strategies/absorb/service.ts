// Active–active: every region serves an equal share of demand. When a region fails, its share
// fails until health checks detect it and reroute; the survivors then serve what their capacity
// allows (standbyFraction = each region's capacity as a share of peak load), scaling out to carry
// everything (partial until scaled). Async replication loses the failed region's unreplicated
// writes when traffic is rerouted; sync loses none. During a partition, async multi-master writes
// conflict; sync replication (with a witness) keeps one side writable and rejects the other's writes.
import type { Distribution } from "../../random/types.js";
import type { Strategy } from "../../scenario/types.js";
import type { PartitionEvent, RegionOutageEvent } from "../../world/types.js";
import { OpenIncident } from "../../services/incident.js";
import { dist, Service, type ServiceContext } from "../../services/service.js";

const enum Phase {
  Idle,
  Detecting,
  Scaling,
  /** Survivors carry the load (scaled out if they had to). */
  Absorbed,
}

export class AbsorbService extends Service {
  private readonly detect: Distribution;
  private readonly scale: Distribution | null;
  private readonly all: number;

  private phase = Phase.Idle;
  private routed = 0;
  /** Capacity per region added by scaling out, as a share of peak load. */
  private boost = 0;
  private rampStart = 0;
  private rampDuration = 0;
  private rampFrom = 0;
  private rampTo = 0;
  private boostSince = 0;
  /** The boost the scale-out under way will reach. */
  private rampBoost = 0;
  private partitioned = false;
  private lagAtFailure = 0;

  constructor(ctx: ServiceContext, strategy: Strategy) {
    super(ctx, strategy);
    this.detect = dist(strategy.steps.detect)!;
    this.scale = dist(strategy.steps.scale);
    this.all = (1 << this.regionCount) - 1;
  }

  protected resetState(): void {
    this.phase = Phase.Idle;
    this.routed = this.all;
    this.boost = 0;
    this.partitioned = false;
  }

  readonly reactsToPartitions = true;

  protected level(now: number): number {
    if (this.phase === Phase.Scaling) {
      this.slope = (this.rampTo - this.rampFrom) / this.rampDuration;
      return this.rampFrom + this.slope * (now - this.rampStart);
    }
    this.slope = 0;
    return this.servedWith(this.strategy.standbyFraction + this.boost);
  }

  /** Share of demand served when each routed region has capacity `perRegion`. */
  private servedWith(perRegion: number): number {
    const k = popcount(this.routed);
    if (k === 0) return 0;
    let served = 0;
    // A loop, not forEachRegion: this runs at every level change, and the closure (capturing
    // `served`) would be an allocation each time. Same regions, same order, same sum.
    for (let r = 0; r < this.regionCount; r++) {
      if ((this.routed & (1 << r)) !== 0 && this.regionUp(r)) served += Math.min(1 / k, perRegion * this.remaining[r]!);
    }
    if (this.partitioned && this.strategy.replication.mode === "sync") served -= this.writeFraction / k;
    return Math.max(0, served);
  }

  /** Traffic is spread over the routed regions that are up. */
  override servingRegions(): number {
    return this.routed & this.upMask();
  }

  protected onRegionDown(o: RegionOutageEvent, now: number): void {
    if ((o.regionMask & this.routed) !== 0 && this.phase !== Phase.Detecting) {
      this.endBoost(now);
      if (!this.incident) {
        this.incident = new OpenIncident(now, o.cause, this.regionNames(o.regionMask), o.end - o.start, this.ledger);
        this.emit("incident-begin", -1, o.cause, 0);
        this.lagAtFailure = this.strategy.replication.mode === "async" ? o.lagAtStart : 0;
      }
      this.cancelStep();
      this.phase = Phase.Detecting;
      this.step("detect", this.detect.sample(this.rng()), -1);
    }
    this.refresh(now);
  }

  protected onRegionUp(_outage: RegionOutageEvent, now: number): void {
    if (this.incident && this.upMask() === this.all) {
      // Every region is back: route to all, scale back in, close the incident.
      this.endBoost(now);
      this.cancelStep();
      this.phase = Phase.Idle;
      this.routed = this.all;
      this.refresh(now);
      this.closeIncident(now);
      return;
    }
    this.routed |= this.upMask();
    this.refresh(now);
  }

  protected onPartition(p: PartitionEvent, now: number, begins: boolean): void {
    if (this.strategy.replication.mode === "sync") {
      this.partitioned = begins;
      this.refresh(now);
    } else if (begins) {
      const conflicts = this.strategy.conflictFraction * this.writesBetween(p.start, Math.min(p.end, this.ctx.horizon));
      this.conflictWrites += conflicts;
      this.lostWrites += conflicts;
    }
  }

  protected onStepDone(now: number): void {
    if (this.phase === Phase.Detecting) {
      this.emit("step-end", -1, "detect", 0);
      this.reroute(now);
    } else if (this.phase === Phase.Scaling) {
      this.emit("step-end", -1, "scale", 0);
      this.phase = Phase.Absorbed;
      this.boost = this.rampBoost;
      this.boostSince = now;
    }
    this.refresh(now);
  }

  /** Detection done: traffic goes to the regions that are up; book the writes that are lost. */
  private reroute(now: number): void {
    const failed = this.routed & ~this.upMask();
    const k = popcount(this.routed);
    if (failed !== 0 && this.incident && this.lagAtFailure > 0) {
      const share = popcount(failed) / k;
      const lost = share * this.writesBetween(now - this.lagAtFailure, now);
      this.incident.rpo = Math.max(this.incident.rpo, this.lagAtFailure);
      this.incident.lostWrites += lost;
      this.loseData(this.lagAtFailure, lost);
      this.lagAtFailure = 0;
    }
    this.routed = this.upMask();
    const survivors = popcount(this.routed);
    const need = survivors > 0 ? 1 / survivors : 0;
    const cap = this.strategy.standbyFraction;
    const work = this.scale && survivors > 0 && cap < need ? this.scale.sample(this.rng()) : 0;
    if (work <= 0) {
      this.phase = Phase.Absorbed;
      return;
    }
    const first = Math.log2(this.routed & -this.routed);
    this.phase = Phase.Scaling;
    this.rampBoost = need - cap;
    this.rampStart = now;
    this.rampFrom = this.servedWith(cap);
    this.rampTo = this.servedWith(need);
    this.rampDuration = this.step("scale", this.controlPlaneTime(first, now, work), first);
  }

  private endBoost(now: number): void {
    if (this.boost > 0) this.surgeComputeSeconds += this.boost * popcount(this.routed) * (now - this.boostSince);
    this.boost = 0;
  }

  private upMask(): number {
    let mask = 0;
    for (let r = 0; r < this.regionCount; r++) if (this.regionUp(r)) mask |= 1 << r;
    return mask;
  }

  protected override close(horizon: number): void {
    this.endBoost(horizon);
    super.close(horizon);
  }
}

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}
