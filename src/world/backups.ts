// Periodic backups: backup k starts at k·interval (its restore point), completes after a duration
// draw and reaches the other region after a copy-delay draw. Each backup's draws come from its own
// world stream, so every strategy sees the same schedule and the draws are made only when an
// incident asks. Expected loss at a random failure instant is interval/2 + duration (+ copy delay
// when the copy is needed); the worst case interval + duration (docs/design.md).
import { makeDistribution } from "../random/distributions.js";
import { streamFor } from "../random/streams.js";
import type { Distribution } from "../random/types.js";
import type { BackupPolicy } from "../scenario/types.js";

export class BackupSchedule {
  private readonly duration: Distribution;
  private readonly copyDelay: Distribution;
  readonly restoreThroughput: Distribution;

  constructor(private readonly policy: BackupPolicy) {
    this.duration = makeDistribution(policy.duration);
    this.copyDelay = makeDistribution(policy.copyDelay);
    this.restoreThroughput = makeDistribution(policy.restoreThroughput);
  }

  /**
   * Restore point of the newest backup usable at time `at` whose data predates `notAfter`:
   * completed by `at`, and copied to the other region by `at` when `needCopy` (the source region is
   * down). Backups before the horizon start exist too (k < 0): the schedule is in steady state.
   */
  lastRestorePoint(seed: number, replication: number, at: number, notAfter: number, needCopy: boolean): number {
    const T = this.policy.interval;
    for (let k = Math.floor(Math.min(at, notAfter) / T); ; k--) {
      const rng = streamFor(seed, replication, `backup:${k}`);
      const done = k * T + this.duration.sample(rng);
      const ready = needCopy ? done + this.copyDelay.sample(rng) : done;
      if (ready <= at) return k * T;
    }
  }

  /** Point-in-time recovery restores to just before `time`, if enabled. */
  pointInTime(time: number): number | null {
    const pitr = this.policy.pointInTime;
    return pitr.enabled ? time - pitr.granularity : null;
  }
}
