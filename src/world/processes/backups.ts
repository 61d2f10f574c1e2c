// Periodic backups: backup k starts at k·interval (its restore point), completes after a duration
// draw and reaches the other region after a copy-delay draw. Each backup's draws come from its own
// world stream, so every strategy sees the same schedule, and the draws are made only when an
// incident asks (World.backups, bound to the replication). A strategy may have a policy of its own
// (its `backup`, merged over the scenario's): its schedule draws backup k from the same stream,
// so two policies of one replication are paired (World.backupsOf). Expected loss at a random failure
// instant is interval/2 + duration (+ copy delay when the copy is needed); the worst case
// interval + duration (docs/design.md).
import { z } from "zod";
import { makeDistribution } from "../../random/distributions.js";
import { streamFor } from "../../random/streams.js";
import type { Distribution, DistributionSpec } from "../../random/types.js";
import { THROUGHPUT_KIND, valueOrDistribution } from "../../scenario/distribution.js";
import { positiveDuration, timing } from "../../scenario/fields.js";
import { settings } from "../../scenario/objects.js";
import { DURATION_EXPECTED } from "../../scenario/units.js";
import { duration, nonNegative } from "../../scenario/values.js";
import { serviceStream } from "../../scenario/serviceStreams.js";
import type { Scenario } from "../../scenario/types.js";
import type { CompiledProcess, FailureProcess } from "../process.js";
import type { BackupSchedule, WorldDraft } from "../types.js";

export interface BackupPolicy {
  /** A backup starts every `interval` seconds (phase 0 at the horizon start). */
  readonly interval: number;
  /** Time a backup takes to complete; its restore point is its start. */
  readonly duration: DistributionSpec;
  /** Time to copy a completed backup to the other region. */
  readonly copyDelay: DistributionSpec;
  /** Restore throughput, bytes per second. */
  readonly restoreThroughput: DistributionSpec;
  /** Continuous point-in-time recovery: corruption restores to this many seconds before the corruption. */
  readonly pointInTime: { readonly enabled: boolean; readonly granularity: number };
  readonly retentionDays: number;
}

declare module "../../scenario/types.js" {
  interface ScenarioParts {
    readonly backup: BackupPolicy;
  }
  interface StrategyParts {
    /** The strategy's own backup policy (its `backup` merged over the scenario's); undefined: the scenario's. */
    readonly backup: BackupPolicy | undefined;
  }
}

/** The scenario's schedule, and the schedules of strategies with a policy of their own. */
class BackupSchedules implements CompiledProcess {
  private readonly scenario: Backups;
  private readonly strategies: ReadonlyMap<string, BackupSchedule>;

  constructor(scenario: Scenario) {
    const stream = serviceStream(scenario, "backup:");
    this.scenario = new Backups(scenario.backup, stream);
    this.strategies = new Map(scenario.strategies.flatMap((s) => (s.backup ? [[s.id, new Backups(s.backup, stream)] as const] : [])));
  }

  /** Nothing is drawn up front: the world gets the schedules, and restore points are drawn when asked. */
  draw(world: WorldDraft): void {
    world.backupSchedule = this.scenario;
    world.strategyBackupSchedules = this.strategies;
  }
}

class Backups implements BackupSchedule {
  private readonly duration: Distribution;
  private readonly copyDelay: Distribution;
  readonly restoreThroughput: Distribution;

  constructor(
    private readonly policy: BackupPolicy,
    /** `backup:`, or `<service>/backup:` for a portfolio's service: backup k draws from stream + k. */
    private readonly stream: string,
  ) {
    this.duration = makeDistribution(policy.duration);
    this.copyDelay = makeDistribution(policy.copyDelay);
    this.restoreThroughput = makeDistribution(policy.restoreThroughput);
  }

  /** Backups before the horizon start exist too (k < 0): the schedule is in steady state. */
  lastRestorePoint(seed: number, replication: number, at: number, notAfter: number, needCopy: boolean): number {
    const T = this.policy.interval;
    for (let k = Math.floor(Math.min(at, notAfter) / T); ; k--) {
      const rng = streamFor(seed, replication, `${this.stream}${k}`);
      const done = k * T + this.duration.sample(rng);
      const ready = needCopy ? done + this.copyDelay.sample(rng) : done;
      if (ready <= at) return k * T;
    }
  }

  pointInTime(time: number): number | null {
    const pitr = this.policy.pointInTime;
    return pitr.enabled ? time - pitr.granularity : null;
  }
}

export const BACKUPS = {
  name: "backups",
  part: {
    top: {
      after: "workload",
      fields: {
        backup: settings({
          interval: positiveDuration(),
          duration: timing(),
          copyDelay: timing(),
          restoreThroughput: valueOrDistribution(THROUGHPUT_KIND),
          pointInTime: z
            .strictObject({ enabled: z.boolean().default(false), granularity: duration().optional() })
            .superRefine((p, ctx) => {
              if (p.enabled && p.granularity === undefined) {
                ctx.addIssue({ code: "custom", path: ["granularity"], message: `${DURATION_EXPECTED} (needed when enabled)` });
              }
            })
            .transform((p) => ({ enabled: p.enabled, granularity: p.granularity ?? 0 }))
            .prefault({}),
          retentionDays: nonNegative(),
        }),
      },
    },
    // "Daily backups vs PITR" is two strategies of one scenario: each may have its own policy.
    strategyOverrides: ["backup"],
    // Each service of a portfolio backs up its own data, on its own policy and streams.
    perService: ["backup"],
  },
  streams: ["backup:<k>"],
  compile: (scenario): CompiledProcess => new BackupSchedules(scenario),
} satisfies FailureProcess;
