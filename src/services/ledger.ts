// The service level over time and what it costs in requests: the share of demand the service can
// serve is piecewise linear (constant, or a linear ramp while scaling), so failed requests are the
// exact integral ∫ (1 − level(t)) d(t) dt, and downtime is the time spent at level 0.
import type { Traffic } from "../world/traffic.js";

/** Levels within this of 1 count as full service (float noise of ramps and sums). */
export const FULL = 1 - 1e-9;

export class ServiceLedger {
  /** Level at `since`, and its slope per second until the next change. */
  private level = 1;
  private slope = 0;
  private since = 0;
  downtime = 0;
  failedRequests = 0;

  constructor(private readonly traffic: Traffic) {}

  reset(start: number): void {
    this.level = 1;
    this.slope = 0;
    this.since = start;
    this.downtime = 0;
    this.failedRequests = 0;
  }

  /** Accounts for [since, now] at the current level and slope. */
  advance(now: number): void {
    const dt = now - this.since;
    if (dt <= 0) return;
    if (this.slope === 0) {
      if (this.level < FULL) {
        const offered = this.traffic.integrate(this.since, now, 1, 0);
        this.failedRequests += (1 - this.level) * offered;
        if (this.level <= 0) this.downtime += dt;
      }
    } else {
      // ∫ (1 − level − slope·(t − since)) d(t) dt over the ramp.
      this.failedRequests += this.traffic.integrate(this.since, now, 1 - this.level, -this.slope);
    }
    this.level += this.slope * dt;
    this.since = now;
  }

  /** Changes the level from `now` on; returns the new level. */
  set(now: number, level: number, slope: number): number {
    this.advance(now);
    this.level = Math.min(1, Math.max(0, level));
    this.slope = slope;
    return this.level;
  }

  current(now: number): number {
    return this.level + this.slope * (now - this.since);
  }
}
