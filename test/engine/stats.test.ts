import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../src/random/distributions.js";
import { streamFor } from "../../src/random/streams.js";
import { meanCI, quantileSorted, Tally, tCritical95, TimeWeighted } from "../../src/stats/stats.js";
import { moments } from "./ks.js";

const SEED = 99;

function normals(replication: number, n: number, mean: number, sd: number): Float64Array {
  const rng = streamFor(SEED, replication, "normals");
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = mean + sd * normalQuantile(rng());
  return xs;
}

function tallyOf(xs: ArrayLike<number>): Tally {
  const t = new Tally();
  for (let i = 0; i < xs.length; i++) t.add(xs[i]!);
  return t;
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe("Tally", () => {
  it("agrees with a two-pass computation, even on a large offset", () => {
    // A naive Σx² − n·mean² loses every digit here (values ~1e9, spread ~1); Welford must not.
    const xs = normals(0, 10_000, 1e9, 1);
    const t = tallyOf(xs);
    const exact = moments(xs);
    expect(t.count).toBe(10_000);
    // Rounding bounds: each of the n updates may err by ε relative to the mean (1e9), so the mean
    // is within n·ε ≈ 1.1e-12 relative; the variance, computed from deviations of size ~1 about a
    // mean known to ~n·ε·1e9 ≈ 1e-3, within ~1e-5 relative in the worst case (typically far less).
    expect(relErr(t.mean, exact.mean)).toBeLessThan(10_000 * Number.EPSILON);
    expect(relErr(t.variance, exact.variance)).toBeLessThan(1e-5);
    expect(t.sd).toBe(Math.sqrt(t.variance));
    expect(t.sem).toBe(t.sd / 100);
    expect(t.min).toBe(Math.min(...xs));
    expect(t.max).toBe(Math.max(...xs));
  });

  it("merges to the same result as one tally over everything", () => {
    const xs = normals(1, 3_001, 5, 2);
    const whole = tallyOf(xs);
    for (const cuts of [[1], [1500], [10, 20, 2990], [3000]]) {
      const parts: Tally[] = [];
      let from = 0;
      for (const to of [...cuts, xs.length]) {
        parts.push(tallyOf(xs.subarray(from, to)));
        from = to;
      }
      const merged = parts.reduce((acc, p) => acc.merge(p), new Tally());
      expect(merged.count).toBe(whole.count);
      expect(relErr(merged.mean, whole.mean)).toBeLessThan(1e-13);
      expect(relErr(merged.variance, whole.variance)).toBeLessThan(1e-12);
      expect([merged.min, merged.max]).toEqual([whole.min, whole.max]);
    }
    // Merging an empty tally changes nothing; merging into an empty one copies.
    const copy = new Tally().merge(whole).merge(new Tally());
    expect([copy.count, copy.mean, copy.variance, copy.min, copy.max]).toEqual([
      whole.count,
      whole.mean,
      whole.variance,
      whole.min,
      whole.max,
    ]);
  });

  it("round-trips through its plain state", () => {
    const t = tallyOf([3, 1, 4, 1, 5]);
    const back = Tally.fromState(structuredClone(t.toState()));
    expect([back.count, back.mean, back.variance, back.min, back.max]).toEqual([5, t.mean, t.variance, 1, 5]);
  });

  it("reports NaN where a statistic is undefined", () => {
    const empty = new Tally();
    expect([empty.count, empty.mean, empty.variance, empty.min, empty.max]).toEqual([0, NaN, NaN, NaN, NaN]);
    const one = tallyOf([7]);
    expect([one.mean, one.variance, one.min, one.max]).toEqual([7, NaN, 7, 7]);
    expect(one.ci95()).toEqual([NaN, NaN]);
  });

  it("ci95 is mean ± t_{0.975,n−1}·sd/√n", () => {
    // Values 1..5: mean 3, sample variance Σ(x − 3)²/4 = 10/4, so half-width = t₄·√(2.5/5).
    const t = tallyOf([1, 2, 3, 4, 5]);
    const half = tCritical95(4) * Math.sqrt(2.5 / 5);
    const [lo, hi] = t.ci95();
    expect(lo).toBeCloseTo(3 - half, 14);
    expect(hi).toBeCloseTo(3 + half, 14);
    // ν = 1 is the Cauchy distribution: t = tan(π(0.975 − 1/2)).
    expect(relErr(tCritical95(1), Math.tan(0.475 * Math.PI))).toBeLessThan(1e-12);
  });

  it("95 % intervals cover the true mean 95 % of the time, even for n = 5", () => {
    // 2,000 intervals from 5 normal draws each. Coverage is Binomial(2000, 0.95)/2000 with
    // SE √(0.95·0.05/2000) ≈ 0.0049; allow 4 SE. A normal-quantile (1.96) interval would cover
    // only ~88 % at n = 5 and fail this bound.
    const trials = 2000;
    let covered = 0;
    for (let r = 0; r < trials; r++) {
      const { lo, hi } = meanCI(normals(100 + r, 5, 10, 3));
      if (lo <= 10 && 10 <= hi) covered++;
    }
    const se = Math.sqrt((0.95 * 0.05) / trials);
    expect(Math.abs(covered / trials - 0.95)).toBeLessThan(4 * se);
  });

  it("meanCI accepts values or a tally", () => {
    const xs = normals(2, 50, 0, 1);
    const fromValues = meanCI(xs);
    expect(meanCI(tallyOf(xs))).toEqual(fromValues);
    const t = tallyOf(xs);
    expect(fromValues.mean).toBe(t.mean);
    expect(fromValues.sd).toBe(t.sd);
    expect([fromValues.lo, fromValues.hi]).toEqual(t.ci95());
  });
});

describe("Tally.addColumns (tallies advanced together)", () => {
  /** A column mixing the values that test an update: ordinary, equal, −0, huge, tiny, ∞, NaN. */
  function column(rng: () => number, n: number): Float64Array {
    const special = [0, -0, 1e300, -1e300, 5e-324, Infinity, -Infinity, NaN, 1, 1];
    return Float64Array.from({ length: n }, () => (rng() < 0.1 ? special[Math.floor(rng() * special.length)]! : (rng() - 0.3) * 10 ** Math.floor(rng() * 12 - 4)));
  }

  it("gives every tally the same doubles as adding its column one value at a time, in 200 random worlds", () => {
    for (let world = 0; world < 200; world++) {
      const rng = streamFor(SEED, world, "tally-columns");
      const k = Math.floor(rng() * 11); // 0…10 tallies: groups of four and a remainder
      const n = Math.floor(rng() * 300);
      const before = Array.from({ length: k }, () => column(rng, Math.floor(rng() * 5)));
      const columns = Array.from({ length: k }, () => column(rng, n + Math.floor(rng() * 3)));
      const together = before.map(tallyOf);
      const alone = before.map(tallyOf);
      Tally.addColumns(together, columns, n);
      alone.forEach((t, j) => {
        for (let i = 0; i < n; i++) t.add(columns[j]![i]!);
      });
      for (let j = 0; j < k; j++) {
        const a = together[j]!.toState();
        const b = alone[j]!.toState();
        for (const key of ["count", "mean", "m2", "min", "max"] as const) {
          expect(Object.is(a[key], b[key]), `world ${world}, tally ${j} of ${k}, ${key}: ${a[key]} vs ${b[key]}`).toBe(true);
        }
      }
    }
  });
});

describe("quantileSorted (Hyndman–Fan type 7)", () => {
  it("interpolates between order statistics at h = (n − 1)p", () => {
    const x = [10, 20, 30, 40];
    // n = 4: p = 0.5 → h = 1.5 → x₁ + 0.5(x₂ − x₁) = 25; p = 0.25 → h = 0.75 → 10 + 0.75·10 = 17.5;
    // p = 0.9 → h = 2.7 → 30 + 0.7·10 = 37; p = 0 and 1 → the extremes.
    expect(quantileSorted(x, 0.5)).toBeCloseTo(25, 12);
    expect(quantileSorted(x, 0.25)).toBeCloseTo(17.5, 12);
    expect(quantileSorted(x, 0.9)).toBeCloseTo(37, 12);
    expect([quantileSorted(x, 0), quantileSorted(x, 1)]).toEqual([10, 40]);
    // n = 5, p = 0.5 → h = 2 exactly → the middle value; n = 1 → that value for every p.
    expect(quantileSorted(Float64Array.from([1, 2, 7, 8, 9]), 0.5)).toBe(7);
    expect(quantileSorted([42], 0.37)).toBe(42);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(() => quantileSorted(x, 1.01)).toThrow("quantile: p must be in [0, 1], got 1.01");
  });
});

describe("TimeWeighted", () => {
  it("integrates a piecewise-constant path", () => {
    // Level 0 on [0, 2), 3 on [2, 5), 1 on [5, 10]: ∫ = 0·2 + 3·3 + 1·5 = 14, mean 14/10 = 1.4.
    // Up to t = 4: 0·2 + 3·2 = 6, mean 6/4 = 1.5.
    const tw = new TimeWeighted();
    tw.update(2, 3);
    expect(tw.mean(4)).toBeCloseTo(1.5, 14);
    tw.update(5, 1);
    expect(tw.integral(10)).toBeCloseTo(14, 14);
    expect(tw.mean(10)).toBeCloseTo(1.4, 14);
    expect(tw.level).toBe(1);
  });

  it("starts at a given time and level, and refuses to go back in time", () => {
    // Level 2 on [100, 110), then 4 on [110, 120]: mean (2·10 + 4·10)/20 = 3.
    const tw = new TimeWeighted(100, 2);
    expect(tw.mean()).toBeNaN();
    tw.update(110, 4);
    tw.update(110, 4); // a repeated time is a no-op
    expect(tw.mean(120)).toBeCloseTo(3, 14);
    expect(() => tw.update(109, 0)).toThrow("TimeWeighted: time 109 is before the last update at 110");
    expect(() => tw.mean(105)).toThrow("before the last update");
  });
});
