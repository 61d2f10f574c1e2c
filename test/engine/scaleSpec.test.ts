// scaleSpec(spec, k) is the distribution of k·X: mean ×k, variance ×k², every quantile ×k.
import { describe, expect, it } from "vitest";
import { makeDistribution, scaleSpec } from "../../src/random/distributions.js";
import type { DistributionSpec } from "../../src/random/types.js";

const SPECS: DistributionSpec[] = [
  { dist: "fixed", value: 90 },
  { dist: "uniform", min: 60, max: 180 },
  { dist: "exponential", mean: 300 },
  { dist: "exponential", rate: 0.01 },
  { dist: "lognormal", median: 3600, sigma: 0.7 },
  { dist: "lognormal", mean: 3600, sd: 1200 },
  { dist: "weibull", shape: 1.5, scale: 600 },
  { dist: "gamma", shape: 2.5, scale: 40 },
  { dist: "triangular", min: 10, mode: 30, max: 100 },
  { dist: "truncated-normal", mean: 100, sd: 80 },
  { dist: "empirical", samples: [5, 8, 13, 21, 34, 55] },
];

describe("scaleSpec", () => {
  for (const spec of SPECS) {
    it(`${JSON.stringify(spec)} × 4 is 4·X`, () => {
      const x = makeDistribution(spec);
      const y = makeDistribution(scaleSpec(spec, 4));
      const close = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      close(y.mean, 4 * x.mean);
      close(y.variance, 16 * x.variance);
      for (const p of [0.01, 0.25, 0.5, 0.9, 0.999]) close(y.quantile(p), 4 * x.quantile(p));
    });
  }

  it("refuses a factor that is not finite and positive", () => {
    for (const k of [0, -1, Infinity, NaN]) expect(() => scaleSpec({ dist: "fixed", value: 1 }, k)).toThrow(RangeError);
  });
});
