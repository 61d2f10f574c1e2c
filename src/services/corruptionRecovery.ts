// Recovery from logical corruption, the same for every strategy: replication copies corruption
// everywhere, so no mechanism can fail it over. When a corruption is discovered: decide (the
// strategy's human delay), then restore the dataset from the last clean restore point — the
// point-in-time one if enabled, else the newest backup that started before the corruption and had
// completed — with the service down meanwhile. Everything written after the restore point is
// discarded: that is the incident's RPO. One restore at a time: a corruption discovered during
// one is folded into it.
import type { Distribution, Rng } from "../random/types.js";
import type { IncidentRecord } from "../outcomes/results.js";
import type { CorruptionEvent, ReplicationBackups, World } from "../world/types.js";
import { OpenIncident } from "./incident.js";
import { FULL, type ServiceLedger } from "./ledger.js";
import { ServiceEvent } from "./serviceEvent.js";

/** What the recovery needs of the service it runs in (services/service.ts). */
export interface RecoveryHost {
  readonly ledger: ServiceLedger;
  readonly world: World;
  /** The backups the strategy restores from (its own policy's, or the scenario's). */
  backups(): ReplicationBackups;
  /** The strategy's own stream: the decision and the restore are its draws. */
  rng(): Rng;
  writesBetween(t0: number, t1: number): number;
  /** Wall time of a step of `work` seconds from `now`, held up by the dependencies it needs. */
  wallTime(step: "decide" | "restore", now: number, work: number): number;
  loseData(seconds: number, writes: number): void;
  record(incident: IncidentRecord): void;
  /** Recomputes the service level (down while `restoring`). */
  refresh(now: number): void;
  emit(event: string, region: number, detail: string, value: number): void;
  /** Schedules one of the service's own events. */
  schedule(kind: ServiceEvent, time: number, arg: number): unknown;
}

export class CorruptionRecovery {
  /** The service is down while a restore runs. */
  restoring = false;
  private incident: OpenIncident | null = null;

  constructor(
    private readonly host: RecoveryHost,
    private readonly decide: Distribution | null,
    private readonly datasetBytes: number,
  ) {}

  reset(): void {
    this.incident = null;
    this.restoring = false;
  }

  /** Corruption `index` of the world is discovered: decide, then restore. */
  detected(c: CorruptionEvent, index: number, now: number): void {
    if (this.incident) return; // one restore at a time: the next detection is folded in
    const host = this.host;
    host.emit("corruption-detected", -1, "", c.time);
    this.incident = new OpenIncident(now, "corruption", "", now - c.time, host.ledger);
    // `decide: none` records no decision (an empty cell), not one of 0 s.
    const decide = this.decide ? host.wallTime("decide", now, this.decide.sample(host.rng())) : 0;
    if (this.decide) this.incident.addStep("decide", decide);
    host.schedule(ServiceEvent.CorruptionDecided, now + decide, index);
  }

  /** Decided: restore from the last clean restore point (the service is down meanwhile). */
  decided(index: number, now: number): void {
    const host = this.host;
    const c = host.world.corruptions[index]!;
    const inc = this.incident!;
    const backups = host.backups();
    const point = backups.pointInTime(c.time) ?? backups.lastRestorePoint(now, c.time, false);
    // Everything written after the restore point is discarded, clean or not.
    inc.rpo = now - point;
    inc.lostWrites = host.writesBetween(point, now);
    host.loseData(inc.rpo, inc.lostWrites);
    const restore = host.wallTime("restore", now, this.datasetBytes / backups.restoreThroughput.sample(host.rng()));
    inc.addStep("restore", restore);
    this.restoring = true;
    host.emit("step-begin", -1, "restore", 0);
    host.refresh(now);
    host.schedule(ServiceEvent.CorruptionRestored, now + restore, index);
  }

  restored(now: number): void {
    const host = this.host;
    this.restoring = false;
    host.emit("step-end", -1, "restore", 0);
    host.refresh(now);
    const inc = this.incident!;
    if (host.ledger.current(now) >= FULL) inc.fullAt = now;
    host.record(inc.close(now));
    this.incident = null;
  }

  /** At the horizon: a restore still under way is recorded as it stands (its RTO censored). */
  close(horizon: number): void {
    if (this.incident) {
      this.host.record(this.incident.close(horizon));
      this.incident = null;
    }
  }
}
