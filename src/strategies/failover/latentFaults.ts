// Drills that decay (docs/model.md): latent faults in the recovery path — a stale runbook, a broken
// permission, a forgotten dependency — arrive as a Poisson process at `rate`; a drill every
// T = 1 year / drills.perYear (at k·T, k any integer: the schedule is in steady state) finds and
// fixes each fault present with probability `drillCoverage`, independently. A failover attempt at
// t fails if a fault is present; the failed attempt exposes them all, and the retry delay fixes
// them. With coverage 1 the long-run probability that an attempt meets a fault is
// 1 − (1 − e^(−λT))/(λT) ≈ λT/2 (IEC 61508's proof-test average). With coverage c < 1 the faults a
// drill misses stay for later drills to find: each drill's survivors are thinned again, so at a
// drill the faults present number Poisson(λT(1−c)/c) in steady state, and an attempt fails with
// probability 1 − e^(−λT(1−c)/c)·(1 − e^(−λT))/(λT). With no drills (or coverage 0) faults pile up
// without end: the path is broken until a real failover finds out.
// One per strategy and replication, drawing from its own stream `latent-faults:<strategy id>`, so
// turning the process on shifts none of the strategy's other draws.
import { streamForKey, streamKey } from "../../random/streams.js";
import { serviceStream } from "../../scenario/serviceStreams.js";
import type { ScenarioCore } from "../../scenario/types.js";
import type { Rng } from "../../random/types.js";
import { YEAR_SECONDS } from "../../services/cost.js";
import { poissonCount } from "../../world/arrivals.js";

export interface LatentFaultProcess {
  /** Latent faults entering the recovery path, per second. */
  readonly rate: number;
  /** Share of the faults present that one drill finds and fixes, each independently. */
  readonly drillCoverage: number;
}

export class LatentFaults {
  private readonly stream: number;
  /** Drill interval, seconds (Infinity: no drills). */
  private readonly interval: number;
  private rng: Rng | null = null;
  /** Faults present at `at` (Infinity: more than any drill will clear); unknown before the first query. */
  private count = 0;
  private at = Number.NaN;

  constructor(
    private readonly process: LatentFaultProcess,
    drillsPerYear: number,
    strategyId: string,
    owner: Pick<ScenarioCore, "service"> = {},
  ) {
    this.stream = streamKey(serviceStream(owner, `latent-faults:${strategyId}`));
    this.interval = drillsPerYear > 0 ? YEAR_SECONDS / drillsPerYear : Infinity;
  }

  /** A new replication: nothing is drawn until the first failover attempt asks. */
  reset(): void {
    this.rng = null;
    this.at = Number.NaN;
  }

  /** Whether a latent fault is present at `now` (times asked in order within a replication). */
  present(now: number, seed: number, replication: number): boolean {
    this.advance(now, seed, replication);
    return this.count > 0;
  }

  /** A failed attempt exposed the faults present; they are fixed before the retry. */
  fixAll(): void {
    this.count = 0;
  }

  private advance(now: number, seed: number, replication: number): void {
    const { rate, drillCoverage: c } = this.process;
    const T = this.interval;
    if (this.rng === null) {
      this.rng = streamForKey(seed, replication, this.stream);
      // Steady state at the last drill: the faults earlier drills missed, Poisson(λT(1−c)/c).
      this.at = Number.isFinite(T) ? Math.floor(now / T) * T : now;
      this.count = Number.isFinite(T) && c > 0 ? poissonCount(this.rng, (rate * T * (1 - c)) / c) : Infinity;
    }
    const rng = this.rng;
    for (let drill = Number.isFinite(T) ? Math.floor(this.at / T) * T + T : Infinity; drill <= now; drill += T) {
      this.count += poissonCount(rng, rate * (drill - this.at));
      this.count = survivors(rng, this.count, 1 - c);
      this.at = drill;
    }
    this.count += poissonCount(rng, rate * (now - this.at));
    this.at = now;
  }
}

/** How many of `n` faults survive a drill that misses each with probability `miss`. */
function survivors(rng: Rng, n: number, miss: number): number {
  if (miss <= 0) return 0;
  if (n === Infinity || miss >= 1) return n;
  let k = 0;
  for (let i = 0; i < n; i++) if (rng() < miss) k++;
  return k;
}
