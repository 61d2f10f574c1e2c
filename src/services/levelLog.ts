// A service's level over one replication, as it changed: every value its ledger was set to (the
// share of demand served, and its slope while it ramps) and the regions it served from then. In a
// portfolio a service is down while a service it depends on is (dependencyLevels.ts): that is
// computed from these logs, which hold the whole piecewise-linear level exactly. Recorded only
// when asked (Service.recordLevels): a single-service run records nothing.

/** A service's own log: its own level holds it everywhere. */
export const OWN = -1;

/** The regions a service serves from: bit r for region r. */
export type RegionMask = number;

export class LevelLog {
  /** Level 1 (slope 0) from 0 until times[0]; from times[i], levels[i] + slopes[i]·(t − times[i]). */
  times = new Float64Array(16);
  levels = new Float64Array(16);
  slopes = new Float64Array(16);
  masks = new Int32Array(16);
  /**
   * What holds the level there (dependencyLevels.ts: the service whose own level it is, or a
   * co-location mismatch); OWN for a service's own log.
   */
  causes = new Int32Array(16);
  length = 0;
  /** The regions served from before the first change. */
  initialMask: RegionMask = 1;

  reset(mask: RegionMask): void {
    this.length = 0;
    this.initialMask = mask;
  }

  /** A change at `time`; one that changes nothing (a flat level set again as it was) is not kept. */
  push(time: number, level: number, slope: number, mask: RegionMask, cause: number = OWN): void {
    if (slope === 0) {
      const last = this.length - 1;
      if (last < 0 ? level === 1 && mask === this.initialMask : this.slopes[last] === 0 && this.levels[last] === level && this.masks[last] === mask && this.causes[last] === cause) return;
    }
    if (this.length === this.times.length) this.grow();
    const i = this.length++;
    this.times[i] = time;
    this.levels[i] = level;
    this.slopes[i] = slope;
    this.masks[i] = mask;
    this.causes[i] = cause;
  }

  /** The index of the last change at or before `t`; −1 when there is none (level 1 from the start). */
  indexAt(t: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    const levels = new Float64Array(n);
    const slopes = new Float64Array(n);
    const masks = new Int32Array(n);
    const causes = new Int32Array(n);
    times.set(this.times);
    levels.set(this.levels);
    slopes.set(this.slopes);
    masks.set(this.masks);
    causes.set(this.causes);
    this.times = times;
    this.levels = levels;
    this.slopes = slopes;
    this.masks = masks;
    this.causes = causes;
  }
}
