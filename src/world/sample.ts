// Samples the world of one replication from world streams only, so that every strategy of the
// replication faces the same events: each failure process (processes/, listed in registry.ts) draws
// its events from its own named streams, so adding a process or a strategy never shifts another
// process's numbers.
import type { Scenario } from "../scenario/types.js";
import type { CompiledProcess, FailureProcess, RunConstants } from "./process.js";
import type {
  BackupSchedule,
  CorruptionEvent,
  DegradationEvent,
  DependencyOutage,
  PartitionEvent,
  RegionOutageEvent,
  ReplicationBackups,
  World,
  WorldDraft,
} from "./types.js";

/** The world's processes, compiled once per run. */
export class WorldSampler {
  private readonly drawing: readonly CompiledProcess[];
  private readonly deriving: readonly CompiledProcess[];

  constructor(processes: readonly FailureProcess[], scenario: Scenario, run: RunConstants) {
    const compiled = processes.map((p) => p.compile(scenario, run));
    this.drawing = compiled.filter((p) => p.draw !== undefined);
    this.deriving = compiled.filter((p) => p.derive !== undefined);
  }

  sample(seed: number, replication: number): World {
    const world = new SampledWorld(seed, replication);
    for (let i = 0; i < this.drawing.length; i++) this.drawing[i]!.draw!(world);
    // Several processes add outages (region outages, common cause): in time order, whichever drew them.
    if (world.outages.length > 1) world.outages.sort(byStartThenMask);
    if (world.degradations.length > 1) world.degradations.sort(byStartThenRegion);
    if (world.dependencyOutages.length > 1) world.dependencyOutages.sort(byStart);
    for (let i = 0; i < this.deriving.length; i++) this.deriving[i]!.derive!(world);
    return world;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NO_SCHEDULES: ReadonlyMap<string, BackupSchedule> = new Map();

/**
 * The world as it is drawn and as it is read: one object, so a replication allocates no second
 * one, and its own bound backups (ReplicationBackups), so it allocates no third.
 */
class SampledWorld implements WorldDraft, World, ReplicationBackups {
  readonly outages: Mutable<RegionOutageEvent>[] = [];
  readonly degradations: Mutable<DegradationEvent>[] = [];
  readonly partitions: PartitionEvent[] = [];
  readonly corruptions: CorruptionEvent[] = [];
  readonly dependencyOutages: DependencyOutage[] = [];
  backupSchedule: BackupSchedule | null = null;
  strategyBackupSchedules: ReadonlyMap<string, BackupSchedule> = NO_SCHEDULES;
  readonly backups: ReplicationBackups = this;

  constructor(
    readonly seed: number,
    readonly replication: number,
  ) {}

  lastRestorePoint(at: number, notAfter: number, needCopy: boolean): number {
    return this.schedule().lastRestorePoint(this.seed, this.replication, at, notAfter, needCopy);
  }

  pointInTime(time: number): number | null {
    return this.schedule().pointInTime(time);
  }

  get restoreThroughput(): ReplicationBackups["restoreThroughput"] {
    return this.schedule().restoreThroughput;
  }

  backupsOf(id: string): ReplicationBackups {
    const own = this.strategyBackupSchedules.get(id);
    if (own === undefined) return this;
    // Bound to this replication when a strategy with its own policy asks (an incident: rarely).
    return {
      lastRestorePoint: (at, notAfter, needCopy) => own.lastRestorePoint(this.seed, this.replication, at, notAfter, needCopy),
      pointInTime: (time) => own.pointInTime(time),
      restoreThroughput: own.restoreThroughput,
    };
  }

  private schedule(): BackupSchedule {
    if (this.backupSchedule === null) throw new Error("this world has no backups: no registered process draws them");
    return this.backupSchedule;
  }
}

// Module-level comparators: an arrow function written in the sort call is a new closure each call.
function byStartThenMask(a: RegionOutageEvent, b: RegionOutageEvent): number {
  return a.start - b.start || a.regionMask - b.regionMask;
}

function byStartThenRegion(a: DegradationEvent, b: DegradationEvent): number {
  return a.start - b.start || a.region - b.region;
}

function byStart(a: DependencyOutage, b: DependencyOutage): number {
  return a.start - b.start;
}
