// No DR: the baseline every DR strategy is compared with. The service runs in its home region
// (regions[0]) with nothing standing by elsewhere, and is down whenever that region is. An ordinary
// outage is ridden out: the service comes back with the region, its data intact. A catastrophic
// outage destroys the region's data: once the region is back, the service is rebuilt in place —
// decide, provision a cluster (control plane), restore the newest backup that had been copied off
// the region by the failure (the point of no return: everything written after its restore point is
// lost), switch traffic if the strategy has that step, and scale from nothing on a linear ramp.
// Another outage of home during the rebuild interrupts it; it starts again when home is back.
import type { Distribution } from "../../random/types.js";
import type { Strategy } from "../../scenario/types.js";
import type { RegionOutageEvent } from "../../world/types.js";
import { OpenIncident } from "../../services/incident.js";
import { dist, Service, type ServiceContext } from "../../services/service.js";

const enum Phase {
  /** Serving from home, or riding out its outage. */
  Idle,
  Detecting,
  /** Home's data is gone: rebuilding once it is back. */
  Deciding,
  Provisioning,
  Restoring,
  Switching,
  Scaling,
}

/** The only region this mechanism serves from. */
export const HOME = 0;

export class NoDrService extends Service {
  private readonly detect: Distribution;
  private readonly provision: Distribution | null;
  private readonly scale: Distribution | null;
  private readonly switchTraffic: Distribution | null;

  private phase = Phase.Idle;
  /** A catastrophic outage destroyed home's data; cleared when the restore is done. */
  private rebuild = false;
  /** The instant home's data was lost: the restore point must have left the region by then. */
  private lostAt = 0;
  private lossCounted = false;
  private rampStart = 0;
  private rampDuration = 0;

  constructor(ctx: ServiceContext, strategy: Strategy) {
    super(ctx, strategy);
    const s = strategy.steps;
    this.detect = dist(s.detect)!;
    this.provision = dist(s.provision);
    this.scale = dist(s.scale);
    this.switchTraffic = dist(s.switchTraffic);
  }

  readonly reactsToPartitions = false;
  protected onPartition(): void {}

  protected resetState(): void {
    this.phase = Phase.Idle;
    this.rebuild = false;
  }

  protected level(now: number): number {
    this.slope = 0;
    if (!this.regionUp(HOME) || this.rebuild && this.phase !== Phase.Scaling) return 0;
    const capacity = this.remaining[HOME]!;
    if (this.phase !== Phase.Scaling) return capacity;
    const from = Math.min(1, this.strategy.standbyFraction);
    this.slope = (capacity * (1 - from)) / this.rampDuration;
    return capacity * from + this.slope * (now - this.rampStart);
  }

  protected onRegionDown(o: RegionOutageEvent, now: number): void {
    if ((o.regionMask & (1 << HOME)) !== 0) {
      if (o.catastrophic && !this.rebuild) {
        this.rebuild = true;
        this.lostAt = now;
      }
      if (this.incident === null) {
        this.incident = new OpenIncident(now, o.cause, this.regionNames(o.regionMask), o.end - o.start, this.ledger);
        this.lossCounted = false;
        this.emit("incident-begin", HOME, o.cause, 0);
        this.phase = Phase.Detecting;
        this.step("detect", this.detect.sample(this.rng()), HOME);
      } else if (this.phase !== Phase.Idle && this.phase !== Phase.Detecting) {
        this.cancelStep(); // a rebuild under way stops; it starts again when home is back
        this.emit("abort", HOME, "rebuild", 0);
        this.phase = Phase.Idle;
      }
    }
    this.refresh(now);
  }

  protected onRegionUp(_o: RegionOutageEvent, now: number): void {
    if (this.incident !== null && this.regionUp(HOME) && (this.phase === Phase.Idle || this.phase === Phase.Detecting)) {
      this.cancelStep();
      if (this.rebuild) {
        this.phase = Phase.Deciding;
        this.step("decide", this.sampleOrNone(this.decide), HOME);
      } else {
        this.phase = Phase.Idle;
        this.emit("recovered", HOME, "", 0);
        this.closeIncident(now);
      }
    }
    this.refresh(now);
  }

  protected onStepDone(now: number): void {
    switch (this.phase) {
      case Phase.Detecting:
        this.emit("step-end", HOME, "detect", 0);
        this.phase = Phase.Idle; // home is still down: wait for it
        break;
      case Phase.Deciding:
        this.phase = Phase.Provisioning;
        this.step("provision", this.provision ? this.controlPlaneTime(HOME, now, this.provision.sample(this.rng())) : null, HOME);
        break;
      case Phase.Provisioning:
        this.startRestore();
        break;
      case Phase.Restoring:
        this.phase = Phase.Switching;
        this.step("switchTraffic", this.sampleOrNone(this.switchTraffic), HOME);
        break;
      case Phase.Switching: {
        const work = this.scale ? this.scale.sample(this.rng()) : 0;
        if (work > 0 && this.strategy.standbyFraction < 1) {
          this.phase = Phase.Scaling;
          this.rampStart = now;
          this.rampDuration = this.step("scale", this.controlPlaneTime(HOME, now, work), HOME);
        } else {
          this.rebuilt(now);
        }
        break;
      }
      case Phase.Scaling:
        this.emit("step-end", HOME, "scale", 0);
        this.rebuilt(now);
        break;
      default:
        break;
    }
    this.refresh(now);
  }

  /** The point of no return: the data written after the restore point is gone for good. */
  private startRestore(): void {
    const inc = this.incident!;
    if (!this.lossCounted) {
      this.lossCounted = true;
      inc.rpo = this.lostAt - this.backups().lastRestorePoint(this.lostAt, this.lostAt, true);
      inc.lostWrites = this.writesBetween(this.lostAt - inc.rpo, this.lostAt);
      this.loseData(inc.rpo, inc.lostWrites);
    }
    this.phase = Phase.Restoring;
    this.step("restore", this.ctx.scenario.workload.datasetBytes / this.backups().restoreThroughput.sample(this.rng()), HOME);
  }

  private rebuilt(now: number): void {
    this.rebuild = false;
    this.phase = Phase.Idle;
    this.refresh(now);
    this.closeIncident(now);
  }
}
