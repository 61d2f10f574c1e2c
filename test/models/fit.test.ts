// The outage calibration: the fitting functions are right, and the committed outage-fit.json is
// what the reference CSVs give today.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  empiricalQuantile,
  fitLognormal,
  gammaP,
  ksDistance,
  lognormalCdf,
  lognormalQuantile,
  normalCdf,
  normalQuantile,
  poissonRateInterval,
  roundSignificant,
  sortedAscending,
} from "../../models/fit/lognormal.js";
import { computeOutageFit, isMultiRegion, isProviderTimed, parseCsv } from "../../models/fit/outage-data.js";
import { streamFor } from "../../src/random/streams.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
// The repository carries its own copy of the reference data (reference/), so these always run.
const referenceDir = resolve(repo, "reference");

function lognormalSamples(n: number, mu: number, sigma: number, seed: number): number[] {
  const u = streamFor(seed, 0, "fit-test");
  const out: number[] = [];
  while (out.length < n) {
    // Box–Muller, both normals used.
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const th = 2 * Math.PI * u();
    out.push(Math.exp(mu + sigma * r * Math.cos(th)));
    if (out.length < n) out.push(Math.exp(mu + sigma * r * Math.sin(th)));
  }
  return out;
}

describe("lognormal MLE", () => {
  const cases = [
    { mu: 0.82, sigma: 1.28, n: 1029, seed: 1 },
    { mu: Math.log(7), sigma: 0.52, n: 11, seed: 2 },
    { mu: Math.log(7), sigma: 0.52, n: 5000, seed: 3 },
    { mu: -2, sigma: 0.1, n: 200, seed: 4 },
    { mu: 5, sigma: 2.5, n: 2000, seed: 5 },
  ];
  for (const c of cases) {
    it(`recovers mu=${c.mu.toFixed(3)} sigma=${c.sigma} from n=${c.n} within 4 standard errors`, () => {
      const fit = fitLognormal(lognormalSamples(c.n, c.mu, c.sigma, c.seed));
      expect(fit.n).toBe(c.n);
      expect(Math.abs(fit.mu - c.mu)).toBeLessThan((4 * c.sigma) / Math.sqrt(c.n));
      expect(Math.abs(fit.sigma - c.sigma)).toBeLessThan((4 * c.sigma) / Math.sqrt(2 * c.n));
      expect(fit.sigmaUnbiased).toBeCloseTo(fit.sigma * Math.sqrt(c.n / (c.n - 1)), 12);
    });
  }

  it("is exact on a small hand-checked sample", () => {
    const fit = fitLognormal([Math.E, Math.exp(3)]);
    expect(fit.mu).toBeCloseTo(2, 12);
    expect(fit.sigma).toBeCloseTo(1, 12);
    expect(fit.sigmaUnbiased).toBeCloseTo(Math.SQRT2, 12);
  });

  it("rejects non-positive samples", () => {
    expect(() => fitLognormal([1, 0])).toThrow(RangeError);
    expect(() => fitLognormal([1])).toThrow(RangeError);
  });
});

describe("distribution helpers", () => {
  it("normal CDF and quantile match tabulated values and invert each other", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.326347874)).toBeCloseTo(0.01, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281551566, 7);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 6);
    for (const p of [1e-6, 0.01, 0.3, 0.5, 0.77, 0.99, 1 - 1e-6]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });

  it("lognormal quantile inverts the CDF", () => {
    for (const p of [0.05, 0.5, 0.9, 0.99]) expect(lognormalCdf(lognormalQuantile(p, 0.82, 1.28), 0.82, 1.28)).toBeCloseTo(p, 6);
    expect(lognormalQuantile(0.5, Math.log(7), 0.52)).toBeCloseTo(7, 9);
  });

  it("empirical quantiles interpolate like R type 7 / NumPy", () => {
    const s = sortedAscending([4, 1, 3, 2]);
    expect(empiricalQuantile(s, 0)).toBe(1);
    expect(empiricalQuantile(s, 0.5)).toBe(2.5);
    expect(empiricalQuantile(s, 0.9)).toBeCloseTo(3.7, 12);
    expect(empiricalQuantile(s, 1)).toBe(4);
  });

  it("KS distance of a uniform CDF on evenly spread points, with ties", () => {
    const uniform = (x: number): number => Math.min(1, Math.max(0, x));
    expect(ksDistance([0.1, 0.3, 0.5, 0.7, 0.9], uniform)).toBeCloseTo(0.1, 12);
    // A tie at 0.5 of all four points: the empirical CDF jumps from 0 to 1 there.
    expect(ksDistance([0.5, 0.5, 0.5, 0.5], uniform)).toBeCloseTo(0.5, 12);
  });

  it("incomplete gamma and exact Poisson intervals match tables", () => {
    expect(gammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(gammaP(3, 10)).toBeCloseTo(1 - Math.exp(-10) * (1 + 10 + 50), 12);
    // Garwood 95 % limits for 7 events: 2.8143 and 14.4227; for 0 events: 0 and 3.6889.
    const seven = poissonRateInterval(7, 1);
    expect(seven.lower).toBeCloseTo(2.8143, 3);
    expect(seven.upper).toBeCloseTo(14.4227, 3);
    const zero = poissonRateInterval(0, 2);
    expect(zero.lower).toBe(0);
    expect(zero.upper).toBeCloseTo(3.6889 / 2, 3);
  });

  it("rounds to four significant digits", () => {
    expect(roundSignificant(0.821810249)).toBe(0.8218);
    expect(roundSignificant(44.5301)).toBe(44.53);
    expect(roundSignificant(12345.6)).toBe(12350);
    expect(roundSignificant(0)).toBe(0);
  });
});

describe("reference CSV handling", () => {
  it("parses quoted fields with commas and doubled quotes", () => {
    const rows = parseCsv('a,b,c\r\n1,"x, y",3\n4,"say ""hi""",6\n');
    expect(rows).toEqual([
      { a: "1", b: "x, y", c: "3" },
      { a: "4", b: 'say "hi"', c: "6" },
    ]);
  });

  it("classifies events the way reference/SOURCES.md does", () => {
    expect(isProviderTimed("post-event summary")).toBe(true);
    expect(isProviderTimed("status history")).toBe(true);
    expect(isProviderTimed("approximate (multi-day)")).toBe(false);
    expect(isProviderTimed("third-party report")).toBe(false);
    expect(isMultiRegion("global (Front Door)")).toBe(true);
    expect(isMultiRegion("several US regions")).toBe(true);
    expect(isMultiRegion("us-east-1")).toBe(false);
  });
});

describe("committed outage-fit.json", () => {
  it("re-fitting the reference CSVs reproduces models/fit/outage-fit.json", () => {
    const committed: unknown = JSON.parse(readFileSync(join(repo, "models", "fit", "outage-fit.json"), "utf8"));
    const fresh: unknown = JSON.parse(JSON.stringify(computeOutageFit(referenceDir)));
    expect(fresh).toEqual(committed);
  });

  it("reproduces the figures reference/SOURCES.md quotes", () => {
    const fit = computeOutageFit(referenceDir);
    const all = fit.statusPage.all;
    expect(all.n).toBe(1029);
    expect(all.mu).toBeCloseTo(0.82, 2);
    expect(all.sigma).toBeCloseTo(1.28, 2);
    expect(all.empirical.median).toBeCloseTo(2.23, 2);
    expect(all.empirical.mean).toBeCloseTo(5.0, 1);
    expect(all.empirical.p90).toBeCloseTo(10.7, 1);
    expect(Math.round(all.empirical.p99)).toBe(41);
    expect(fit.major.timed.n).toBe(11);
    expect(fit.major.timed.fitted.median).toBeGreaterThan(6.5);
    expect(fit.major.timed.fitted.median).toBeLessThan(7.5);
    expect(fit.major.timed.sigmaUnbiased).toBeCloseTo(0.52, 1);
    expect(fit.major.timedWith2011.sigmaUnbiased).toBeCloseTo(0.86, 1);
    expect(fit.major.usEast1Rate.events).toBe(7);
  });
});
