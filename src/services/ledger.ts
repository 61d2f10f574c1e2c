// The service level over time and what it costs in requests: the share of demand the service can
// serve is piecewise linear (constant, or a linear ramp while scaling), so failed requests are the
// exact integral ∫ (1 − level(t)) d(t) dt, and downtime is the time spent at level 0.
//
// Each failed request is also attributed twice, so the headline metrics can keep apart what they
// mean (docs/decision.md): to full outage (level 0) or partial service (0 < level < 1, ramps
// included), and to the reason the service was below full, which the service names with each
// level it sets (IMPACT_CAUSES).
import type { Traffic } from "../world/traffic.js";

/** Levels within this of 1 count as full service (float noise of ramps and sums). */
export const FULL = 1 - 1e-9;

/**
 * Why the service is below full, as the service says when it sets a level:
 * - response: a region failure the strategy is responding to (an incident is open) — what a DR
 *   strategy controls;
 * - allRegionsDown: every region is down — nowhere to fail over to;
 * - brownout: below full with no incident open — a degraded region the strategy does not fail
 *   over from (and sync active–active rejecting one side's writes in a partition);
 * - corruption: restoring from a backup after logical corruption, alike for every strategy.
 * The last three are the floor no DR strategy removes.
 */
export const IMPACT_CAUSES = ["response", "allRegionsDown", "brownout", "corruption"] as const;
export type ImpactCause = (typeof IMPACT_CAUSES)[number];
/** Index into IMPACT_CAUSES. */
export const IMPACT = { response: 0, allRegionsDown: 1, brownout: 2, corruption: 3 } as const satisfies Record<ImpactCause, number>;

export class ServiceLedger {
  /** Level at `since`, and its slope per second until the next change. */
  private level = 1;
  private slope = 0;
  private since = 0;
  /** Index into IMPACT_CAUSES of the current segment. */
  private cause: number = IMPACT.response;
  downtime = 0;
  failedRequests = 0;
  /** Seconds at partial service (0 < level < 1, ramps included), and the requests failed then. */
  partialTime = 0;
  partialFailedRequests = 0;
  /** Failed requests per IMPACT_CAUSES entry; they add up to failedRequests. */
  readonly failedByCause = new Float64Array(IMPACT_CAUSES.length);
  /** Full-outage seconds per IMPACT_CAUSES entry; they add up to downtime. */
  readonly downtimeByCause = new Float64Array(IMPACT_CAUSES.length);

  constructor(private readonly traffic: Traffic) {}

  reset(start: number): void {
    this.level = 1;
    this.slope = 0;
    this.since = start;
    this.cause = IMPACT.response;
    this.downtime = 0;
    this.failedRequests = 0;
    this.partialTime = 0;
    this.partialFailedRequests = 0;
    this.failedByCause.fill(0);
    this.downtimeByCause.fill(0);
  }

  /** Accounts for [since, now] at the current level and slope. */
  advance(now: number): void {
    const dt = now - this.since;
    if (dt <= 0) return;
    if (this.slope === 0) {
      if (this.level < FULL) {
        const offered = this.traffic.integrate(this.since, now, 1, 0);
        const failed = (1 - this.level) * offered;
        this.failedRequests += failed;
        this.failedByCause[this.cause]! += failed;
        if (this.level <= 0) {
          this.downtime += dt;
          this.downtimeByCause[this.cause]! += dt;
        } else {
          this.partialTime += dt;
          this.partialFailedRequests += failed;
        }
      }
    } else {
      // ∫ (1 − level − slope·(t − since)) d(t) dt over the ramp: partial service throughout.
      const failed = this.traffic.integrate(this.since, now, 1 - this.level, -this.slope);
      this.failedRequests += failed;
      this.failedByCause[this.cause]! += failed;
      this.partialTime += dt;
      this.partialFailedRequests += failed;
    }
    this.level += this.slope * dt;
    this.since = now;
  }

  /** Changes the level from `now` on, below full because of `cause` (IMPACT); returns the new level. */
  set(now: number, level: number, slope: number, cause: number): number {
    this.advance(now);
    this.level = Math.min(1, Math.max(0, level));
    this.slope = slope;
    this.cause = cause;
    return this.level;
  }

  current(now: number): number {
    return this.level + this.slope * (now - this.since);
  }
}
