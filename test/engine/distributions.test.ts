import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  betaI,
  erf,
  gammaP,
  gammaQ,
  logGamma,
  makeDistribution,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSf,
  studentTCdf,
  studentTQuantile,
} from "../../src/random/distributions.js";
import { loadEmpiricalSamples } from "../../src/random/empirical.js";
import { streamFor } from "../../src/random/streams.js";
import type { DistributionSpec, Rng } from "../../src/random/types.js";
import { ksCritical001, ksStatistic, moments, varianceSE } from "./ks.js";

const SEED = 7_2024;
const N = 20_000;

function relErr(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

/** A stream that replays the given uniforms, to drive sample() deterministically. */
function replay(...us: number[]): Rng {
  let i = 0;
  return () => us[i++ % us.length]!;
}

// ---------------------------------------------------------------------------------------------
// Fourth central moments μ₄, from the families' textbook kurtosis, for the standard error of the
// sample variance (see varianceSE in ks.ts). They come from the spec, not from the code under test.

function weibullMu4(k: number, scale: number): number {
  const g = (r: number): number => Math.exp(logGamma(1 + r / k));
  const [g1, g2, g3, g4] = [g(1), g(2), g(3), g(4)];
  return scale ** 4 * (g4 - 4 * g3 * g1 + 6 * g2 * g1 * g1 - 3 * g1 ** 4);
}

function lognormalMu4(sigma: number, variance: number): number {
  const s2 = sigma * sigma;
  return variance * variance * (Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3);
}

/** Truncated standard normal Z ≥ α: raw moments m_k = (k − 1)m_{k−2} + α^{k−1}λ, λ = φ(α)/Q(α). */
function truncatedNormalMu4(mean: number, sd: number): number {
  const a = -mean / sd;
  const lambda = normalPdf(a) / normalSf(a);
  const m1 = lambda;
  const m2 = 1 + a * lambda;
  const m3 = 2 * m1 + a * a * lambda;
  const m4 = 3 * m2 + a ** 3 * lambda;
  const c4 = m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * m1 ** 4;
  return sd ** 4 * c4;
}

/** The interpolated ECDF is a mixture of uniforms on [x_i, x_{i+1}]: E[X^k] = mean of (b^{k+1} − a^{k+1})/((k+1)(b − a)). */
function interpolatedMu4(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const raw = [0, 0, 0, 0, 0];
  for (let i = 0; i + 1 < s.length; i++) {
    const [a, b] = [s[i]!, s[i + 1]!];
    for (let k = 1; k <= 4; k++) {
      raw[k]! += a === b ? a ** k : (b ** (k + 1) - a ** (k + 1)) / ((k + 1) * (b - a));
    }
  }
  const [, r1, r2, r3, r4] = raw.map((r) => r / (s.length - 1)) as [number, number, number, number, number];
  return r4 - 4 * r3 * r1 + 6 * r2 * r1 * r1 - 3 * r1 ** 4;
}

const durations = Array.from({ length: 300 }, (_, i) => Math.exp(Math.sin(i * 12.9898) * 2) * 3600);

interface Case {
  spec: DistributionSpec;
  mu4: number;
}

const cases: Case[] = [
  { spec: { dist: "uniform", min: -2, max: 5 }, mu4: 7 ** 4 / 80 },
  { spec: { dist: "exponential", mean: 3600 }, mu4: 9 * 3600 ** 4 },
  { spec: { dist: "exponential", rate: 0.1 }, mu4: 9 * 10 ** 4 },
  {
    spec: { dist: "lognormal", median: 21600, sigma: 0.9 },
    mu4: lognormalMu4(0.9, Math.expm1(0.81) * Math.exp(2 * Math.log(21600) + 0.81)),
  },
  { spec: { dist: "lognormal", mean: 5, sd: 3 }, mu4: lognormalMu4(Math.sqrt(Math.log1p(9 / 25)), 9) },
  { spec: { dist: "weibull", shape: 0.7, scale: 3 }, mu4: weibullMu4(0.7, 3) },
  { spec: { dist: "weibull", shape: 1.5, scale: 100 }, mu4: weibullMu4(1.5, 100) },
  { spec: { dist: "weibull", shape: 8, scale: 2 }, mu4: weibullMu4(8, 2) },
  // Gamma: excess kurtosis 6/k, variance kθ².
  { spec: { dist: "gamma", shape: 0.3, scale: 2 }, mu4: (0.3 * 4) ** 2 * (3 + 6 / 0.3) },
  { spec: { dist: "gamma", shape: 1, scale: 5 }, mu4: 25 ** 2 * 9 },
  { spec: { dist: "gamma", shape: 7.5, scale: 2 }, mu4: 30 ** 2 * (3 + 6 / 7.5) },
  // Triangular: excess kurtosis −3/5; variance (a² + b² + c² − ab − ac − bc)/18.
  { spec: { dist: "triangular", min: 1, mode: 2, max: 6 }, mu4: ((1 + 36 + 4 - 6 - 2 - 12) / 18) ** 2 * 2.4 },
  { spec: { dist: "triangular", min: 0, mode: 0, max: 1 }, mu4: (1 / 18) ** 2 * 2.4 },
  { spec: { dist: "truncated-normal", mean: 3, sd: 1 }, mu4: truncatedNormalMu4(3, 1) },
  { spec: { dist: "truncated-normal", mean: 0, sd: 2 }, mu4: truncatedNormalMu4(0, 2) },
  { spec: { dist: "truncated-normal", mean: -1, sd: 1 }, mu4: truncatedNormalMu4(-1, 1) },
  // α = 5: the near regime solved from the upper tail; α = 12 and 40: the far regime (at 40, the
  // kept mass Q(α) ≈ 4e-350 underflows). There μ₄ ≈ 9σ⁴/α⁴ (X·α/σ → Exp(1)), an approximation
  // good to O(1/α²) that only sets the tolerance.
  { spec: { dist: "truncated-normal", mean: -5, sd: 1 }, mu4: truncatedNormalMu4(-5, 1) },
  { spec: { dist: "truncated-normal", mean: -12, sd: 0.5 }, mu4: (9 * 0.5 ** 4) / 12 ** 4 },
  { spec: { dist: "truncated-normal", mean: -40, sd: 1 }, mu4: 9 / 40 ** 4 },
  { spec: { dist: "empirical", samples: durations }, mu4: interpolatedMu4(durations) },
  { spec: { dist: "empirical", samples: [1, 1, 2, 5, 5, 5, 9] }, mu4: interpolatedMu4([1, 1, 2, 5, 5, 5, 9]) },
];

describe("makeDistribution: sampling matches the analytic distribution", () => {
  for (const { spec, mu4 } of cases) {
    const d = makeDistribution(spec);
    it(d.label, () => {
      const rng = streamFor(SEED, 0, d.label);
      const xs = new Float64Array(N);
      for (let i = 0; i < N; i++) xs[i] = d.sample(rng);
      const m = moments(xs);
      // Mean: SE = σ/√n. Variance: SE from μ₄ (see varianceSE). Both to 4 standard errors.
      expect(Math.abs(m.mean - d.mean)).toBeLessThan(4 * Math.sqrt(d.variance / N));
      expect(Math.abs(m.variance - d.variance)).toBeLessThan(4 * varianceSE(mu4, d.variance, N));
      expect(ksStatistic(xs, (x) => d.cdf(x))).toBeLessThan(ksCritical001(N));
    });
  }
});

describe("quantile and cdf are inverse", () => {
  const ps = [1e-6, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1 - 1e-6];
  for (const { spec } of cases) {
    const d = makeDistribution(spec);
    it(d.label, () => {
      // Repeated empirical samples are atoms: there quantile is the generalised inverse
      // inf{x : F(x) ≥ p}, so F(Q(p)) ≥ p and F just below Q(p) ≤ p.
      const atoms = spec.dist === "empirical" && new Set(spec.samples).size < spec.samples.length;
      for (const p of ps) {
        const x = d.quantile(p);
        expect(Number.isFinite(x)).toBe(true);
        if (atoms) {
          expect(d.cdf(x)).toBeGreaterThanOrEqual(p - 1e-12);
          expect(d.cdf(x - 1e-9 * Math.max(1, Math.abs(x)))).toBeLessThanOrEqual(p + 1e-12);
          continue;
        }
        expect(Math.abs(d.cdf(x) - p)).toBeLessThan(1e-9);
        expect(relErr(d.quantile(d.cdf(x)), x)).toBeLessThan(1e-8);
      }
      if (!atoms) expect(d.cdf(d.quantile(0))).toBeLessThanOrEqual(1e-12);
      expect(d.quantile(1)).toBeGreaterThanOrEqual(d.quantile(1 - 1e-6));
      expect(() => d.quantile(1.5)).toThrow(`${d.label}: quantile p must be in [0, 1], got 1.5`);
      expect(() => d.quantile(NaN)).toThrow("quantile p must be in [0, 1], got NaN");
    });
  }
});

describe("uniform consumption and monotonicity (common random numbers)", () => {
  it("inverse-transform families consume exactly one uniform and increase with it", () => {
    for (const { spec } of [...cases, { spec: { dist: "fixed", value: 4 } as DistributionSpec }]) {
      if (spec.dist === "gamma") continue;
      const d = makeDistribution(spec);
      let previous = -Infinity;
      for (let u = 0; u < 1; u += 1 / 64) {
        let calls = 0;
        const x = d.sample(() => {
          calls++;
          return u;
        });
        expect(calls).toBe(1);
        expect(x).toBe(d.quantile(u));
        expect(x).toBeGreaterThanOrEqual(previous);
        previous = x;
      }
    }
  });

  it("gamma consumes two uniforms per trial, plus one boost uniform when shape < 1", () => {
    for (const shape of [0.4, 1, 3]) {
      const d = makeDistribution({ dist: "gamma", shape, scale: 1 });
      const base = streamFor(SEED, 1, `gamma-count-${shape}`);
      for (let i = 0; i < 500; i++) {
        let calls = 0;
        d.sample(() => {
          calls++;
          return base();
        });
        expect(calls % 2).toBe(shape < 1 ? 1 : 0);
      }
    }
  });

  it("gamma rejects a trial whose normal deviate makes 1 + cz ≤ 0", () => {
    // u = 0 gives z = −∞ (rejected); the next trial uses z = 0 (u = 1/2), accepted since v = 1 and
    // 1 − 0.0331·0 > any u < 1, giving d = shape − 1/3.
    const d = makeDistribution({ dist: "gamma", shape: 2, scale: 3 });
    expect(d.sample(replay(0, 0.9, 0.5, 0.2))).toBeCloseTo((2 - 1 / 3) * 3, 12);
  });

  it("fixed always returns its value", () => {
    const d = makeDistribution({ dist: "fixed", value: 42 });
    expect(d.sample(replay(0.3))).toBe(42);
    expect([d.mean, d.variance, d.cdf(41.9), d.cdf(42), d.quantile(0.2)]).toEqual([42, 0, 0, 1, 42]);
  });
});

describe("truncated normal: the regimes agree at their boundaries", () => {
  // Near (Φ⁻¹) vs far (continued fraction + Newton) at α = 8, and direct vs continued-fraction
  // moments at α = 3: parameters a hair apart must give nearly the same distribution.
  it("cdf, quantile, mean and variance are continuous across α = 8 and α = 3", () => {
    for (const a of [8, 3]) {
      const below = makeDistribution({ dist: "truncated-normal", mean: -(a - 1e-9), sd: 1 });
      const above = makeDistribution({ dist: "truncated-normal", mean: -(a + 1e-9), sd: 1 });
      expect(relErr(below.mean, above.mean)).toBeLessThan(1e-7);
      expect(relErr(below.variance, above.variance)).toBeLessThan(1e-7);
      for (const p of [0.01, 0.5, 0.99]) expect(relErr(below.quantile(p), above.quantile(p))).toBeLessThan(1e-7);
      for (const x of [0.01, 0.1, 0.5]) expect(Math.abs(below.cdf(x) - above.cdf(x))).toBeLessThan(1e-7);
    }
  });

  it("tends to μ, σ² when the mean is far above 0", () => {
    const d = makeDistribution({ dist: "truncated-normal", mean: 50, sd: 2 });
    expect(d.mean).toBe(50);
    expect(d.variance).toBe(4);
  });
});

describe("empirical (interpolated ECDF)", () => {
  it("matches hand-computed moments, cdf and quantile", () => {
    // Samples 0, 1, 3: uniform on [0,1] or [1,3] with probability 1/2 each.
    // mean = (0.5 + 2)/2 = 1.25; E[X²] = ((0 + 0 + 1)/3 + (1 + 3 + 9)/3)/2 = 7/3; var = 7/3 − 1.25².
    // cdf(2) = (1 + (2 − 1)/(3 − 1))/2 = 0.75; quantile(0.75): h = 0.75·2 = 1.5 → 1 + 0.5·(3 − 1) = 2.
    const d = makeDistribution({ dist: "empirical", samples: [3, 0, 1] });
    expect(d.mean).toBeCloseTo(1.25, 14);
    expect(d.variance).toBeCloseTo(7 / 3 - 1.25 ** 2, 14);
    expect(d.cdf(2)).toBeCloseTo(0.75, 14);
    expect(d.quantile(0.75)).toBeCloseTo(2, 14);
    expect([d.cdf(-1), d.cdf(0), d.cdf(3), d.quantile(0), d.quantile(1)]).toEqual([0, 0, 1, 0, 3]);
  });

  it("treats repeated values as a point mass", () => {
    const d = makeDistribution({ dist: "empirical", samples: [2, 2, 2, 4] });
    // Segments [2,2], [2,2], [2,4]: P(X = 2) = 2/3, then uniform on [2, 4] with weight 1/3.
    expect(d.cdf(2)).toBeCloseTo(2 / 3, 14);
    expect(d.cdf(3)).toBeCloseTo(2 / 3 + 1 / 6, 14);
    expect(d.mean).toBeCloseTo((2 * 2 + 3) / 3, 14);
  });
});

describe("parameter validation", () => {
  const bad: [unknown, string][] = [
    [{ dist: "fixed", value: NaN }, "fixed: value must be a finite number, got NaN"],
    [{ dist: "uniform", min: 3, max: 1 }, "uniform: max must be > min (3), got 1"],
    [{ dist: "uniform", min: 0, max: Infinity }, "uniform: max must be a finite number, got Infinity"],
    [{ dist: "exponential", mean: 0 }, "exponential: mean must be > 0, got 0"],
    [{ dist: "exponential", rate: -2 }, "exponential: rate must be > 0, got -2"],
    [{ dist: "exponential", mean: 1, rate: 1 }, "exponential: give either mean or rate, not both"],
    [{ dist: "exponential" }, "exponential: needs mean or rate"],
    [{ dist: "lognormal", median: 10, sigma: -1 }, "lognormal: sigma must be > 0, got -1"],
    [{ dist: "lognormal", median: 10 }, "lognormal: sigma must be a finite number, got undefined"],
    [{ dist: "lognormal", mean: 10, sd: 0 }, "lognormal: sd must be > 0, got 0"],
    [{ dist: "lognormal", mean: "10", sd: 1 }, 'lognormal: mean must be a finite number, got "10"'],
    [{ dist: "lognormal", median: 1, sigma: 1, mean: 1, sd: 1 }, "lognormal: give either median or mean, not both"],
    [{ dist: "weibull", shape: 0, scale: 1 }, "weibull: shape must be > 0, got 0"],
    [{ dist: "weibull", shape: 1, scale: -Infinity }, "weibull: scale must be a finite number, got -Infinity"],
    [{ dist: "gamma", shape: -1, scale: 1 }, "gamma: shape must be > 0, got -1"],
    [{ dist: "gamma", shape: 1, scale: 0 }, "gamma: scale must be > 0, got 0"],
    [{ dist: "triangular", min: 0, mode: 5, max: 3 }, "triangular: mode must be within [min, max] = [0, 3], got 5"],
    [{ dist: "triangular", min: 2, mode: 2, max: 2 }, "triangular: max must be > min (2), got 2"],
    [{ dist: "truncated-normal", mean: 1, sd: 0 }, "truncated-normal: sd must be > 0, got 0"],
    [{ dist: "truncated-normal", mean: NaN, sd: 1 }, "truncated-normal: mean must be a finite number, got NaN"],
    [{ dist: "empirical", samples: [1] }, "empirical: samples must hold at least 2 values, got 1"],
    [{ dist: "empirical", samples: [1, 2, NaN] }, "empirical: samples[2] must be a finite number, got NaN"],
    [{ dist: "empirical", samples: "1,2" }, "empirical: samples must be an array of numbers, got string"],
    [{ dist: "pareto", shape: 1 }, 'unknown distribution "pareto"'],
  ];
  for (const [spec, message] of bad) {
    it(message, () => {
      expect(() => makeDistribution(spec as DistributionSpec)).toThrow(message);
    });
  }

  it("labels name the family and the parameters as given", () => {
    const labels = [
      makeDistribution({ dist: "lognormal", median: 21600, sigma: 0.9 }).label,
      makeDistribution({ dist: "lognormal", mean: 5, sd: 3 }).label,
      makeDistribution({ dist: "exponential", rate: 0.25 }).label,
    ];
    expect(labels).toEqual(["lognormal(median=21600, sigma=0.9)", "lognormal(mean=5, sd=3)", "exponential(rate=0.25)"]);
  });
});

describe("special functions", () => {
  it("logGamma: factorials, Γ(1/2) = √π, the recurrence and tiny arguments", () => {
    let logFactorial = 0;
    for (let n = 1; n <= 30; n++) {
      expect(Math.abs(logGamma(n) - logFactorial)).toBeLessThan(1e-13 * Math.max(1, logFactorial));
      logFactorial += Math.log(n);
    }
    expect(relErr(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    for (const x of [0.01, 0.3, 1.7, 9.5, 123.4]) {
      expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(1e-12 * Math.max(1, Math.abs(logGamma(x))));
    }
    // Γ(x) ≈ 1/x − γ for small x (Euler–Mascheroni γ = 0.5772…): error O(x).
    expect(Math.abs(Math.exp(logGamma(1e-8)) - (1e8 - 0.5772156649015329))).toBeLessThan(1e-6);
    expect(logGamma(0)).toBeNaN();
  });

  it("normal cdf: symmetry, the tail asymptotics and erf's Taylor series", () => {
    for (const z of [0.1, 0.5, 1, 2, 4, 8]) expect(Math.abs(normalCdf(z) + normalCdf(-z) - 1)).toBeLessThan(1e-15);
    // Mills ratio: Q(z) = φ(z)/z·(1 − 1/z² + 3/z⁴ − 15/z⁶ + 105/z⁸ − …), error < 945/z¹⁰ relative.
    for (const z of [15, 20, 30]) {
      const series = (normalPdf(z) / z) * (1 - 1 / z ** 2 + 3 / z ** 4 - 15 / z ** 6 + 105 / z ** 8);
      expect(relErr(normalSf(z), series)).toBeLessThan(2 * (945 / z ** 10) + 1e-13);
    }
    // erf(x) = 2/√π Σ (−1)^n x^{2n+1}/(n!(2n+1)), summed to convergence for |x| ≤ 1.
    for (const x of [-1, -0.3, 0.05, 0.7, 1]) {
      let term = x;
      let sum = x;
      for (let n = 1; n < 40; n++) {
        term *= (-x * x) / n;
        sum += term / (2 * n + 1);
      }
      expect(Math.abs(erf(x) - (2 / Math.sqrt(Math.PI)) * sum)).toBeLessThan(1e-15);
    }
  });

  it("normalQuantile inverts the cdf from 1e-300 to 1 − 1e-16", () => {
    for (let e = -300; e <= -1; e += 7) {
      const p = 10 ** e;
      expect(relErr(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-12);
    }
    // Symmetry only where 1 − p is exact enough: its rounding error 1.1e-16 moves z by ~1e-16/(p·φ).
    for (const p of [1e-6, 1e-3, 0.02, 0.2]) expect(Math.abs(normalQuantile(1 - p) + normalQuantile(p))).toBeLessThan(1e-9);
    for (let p = 0.01; p < 1; p += 0.01) expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-15);
    expect([normalQuantile(0), normalQuantile(1), normalQuantile(0.5)]).toEqual([-Infinity, Infinity, 0]);
    expect(normalQuantile(-0.1)).toBeNaN();
  });

  it("incomplete gamma: P(1, x) = 1 − e^−x, Poisson sums for integer a, P + Q = 1, erf", () => {
    for (const x of [1e-3, 0.5, 2, 10, 40]) expect(relErr(gammaP(1, x), -Math.expm1(-x))).toBeLessThan(1e-14);
    // P(n, x) = 1 − e^−x Σ_{k<n} x^k/k!  (so Q(n, x) is the Poisson(x) cdf at n − 1).
    for (const [n, x] of [[3, 1.5], [10, 4], [10, 25], [30, 30]] as const) {
      let term = 1;
      let sum = 1;
      for (let k = 1; k < n; k++) {
        term *= x / k;
        sum += term;
      }
      expect(relErr(gammaQ(n, x), Math.exp(-x) * sum)).toBeLessThan(1e-12);
    }
    for (const [a, x] of [[0.3, 0.1], [2.5, 3], [50, 45], [50, 60]] as const) {
      expect(Math.abs(gammaP(a, x) + gammaQ(a, x) - 1)).toBeLessThan(1e-14);
    }
    expect(relErr(gammaP(0.5, 0.49), erf(0.7))).toBeLessThan(1e-15);
  });

  it("incomplete beta: closed forms and the reflection identity", () => {
    for (const x of [0.05, 0.3, 0.77, 0.99]) {
      expect(relErr(betaI(1, 1, x), x)).toBeLessThan(1e-14);
      expect(relErr(betaI(2.5, 1, x), x ** 2.5)).toBeLessThan(1e-13);
      expect(relErr(betaI(1, 4, x), 1 - (1 - x) ** 4)).toBeLessThan(1e-13);
      expect(Math.abs(betaI(3.2, 0.7, x) + betaI(0.7, 3.2, 1 - x) - 1)).toBeLessThan(1e-14);
    }
  });

  it("Student t: Cauchy (ν = 1) and ν = 2 closed forms, normal limit", () => {
    for (const p of [0.6, 0.9, 0.975, 0.999]) {
      expect(relErr(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)))).toBeLessThan(1e-12);
      expect(relErr(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)))).toBeLessThan(1e-12);
      expect(relErr(studentTQuantile(1 - p, 7), -studentTQuantile(p, 7))).toBeLessThan(1e-12);
    }
    // Cornish–Fisher: t_ν = z + (z³ + z)/(4ν) + (5z⁵ + 16z³ + 3z)/(96ν²) + O(ν⁻³); at ν = 1e5 the
    // second-order term is ~3e-9, so the first-order expansion must hold to 1e-8.
    const z = normalQuantile(0.975);
    expect(Math.abs(studentTQuantile(0.975, 1e5) - z - (z ** 3 + z) / 4e5)).toBeLessThan(1e-8);
    // Above ν = 1e4 the quantile switches from inverting the cdf to the Cornish–Fisher series:
    // both sides of the switch must agree (t_ν itself moves by ~1e-15 between the two ν). The
    // inverted side is the less exact one there: ln Γ(ν/2 + 1/2) − ln Γ(ν/2) cancels ~1e-12 of
    // absolute error into the incomplete beta prefactor, ~2e-11 relative in t (mpmath check).
    for (const p of [0.001, 0.2, 0.975, 0.9999]) {
      const inverted = studentTQuantile(p, 9999.999);
      const series = studentTQuantile(p, 1e4);
      expect(Math.abs(series - inverted)).toBeLessThan(1e-10 * Math.abs(inverted));
      expect(Math.abs(studentTCdf(series, 1e4) - p)).toBeLessThan(1e-11);
    }
    expect(studentTCdf(0, 3)).toBe(0.5);
    expect(() => studentTQuantile(0.5, 0)).toThrow("degrees of freedom must be > 0");
  });
});

describe("loadEmpiricalSamples", () => {
  let dir = "";
  const file = async (name: string, text: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "drsim-empirical-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads a column, scales it, skips blank lines and quoted line breaks", async () => {
    const path = await file("ok.csv", 'id,hours,note\n1,2.5,a\n\n2, 1e1 ,"two\nlines"\r\n3,-0.5,c\n');
    expect(await loadEmpiricalSamples(path, "hours", 3600)).toEqual([2.5 * 3600, 10 * 3600, -0.5 * 3600]);
    const d = makeDistribution({ dist: "empirical", samples: await loadEmpiricalSamples(path, "hours") });
    expect(d.quantile(0)).toBe(-0.5);
  });

  it("names the file, line and column of a bad value", async () => {
    // Line 5: line 3 is blank and the quoted field of line 4 spans into line 5's count.
    const path = await file("bad.csv", 'id,hours,note\n1,2,a\n\n2,3,"x\ny"\n3,abc,z\n');
    await expect(loadEmpiricalSamples(path, "hours")).rejects.toThrow(`${path}:6: column "hours" is not a number`);
    const empty = await file("empty-cell.csv", "id,hours\n1,2\n2,\n");
    await expect(loadEmpiricalSamples(empty, "hours")).rejects.toThrow(`${empty}:3: column "hours" is empty`);
    const hex = await file("hex.csv", "hours\n0x10\n2\n");
    await expect(loadEmpiricalSamples(hex, "hours")).rejects.toThrow(`${hex}:2: column "hours" is not a number`);
  });

  it("rejects a missing column, too few values, an empty or missing file, ragged rows", async () => {
    const path = await file("cols.csv", "a,b\n1,2\n3,4\n");
    await expect(loadEmpiricalSamples(path, "hours")).rejects.toThrow(`${path}:1: no column "hours" in the header row`);
    const one = await file("one.csv", "hours\n7\n");
    await expect(loadEmpiricalSamples(one, "hours")).rejects.toThrow(`${one}: column "hours" has 1 value(s); at least 2 are needed`);
    const empty = await file("empty.csv", "");
    await expect(loadEmpiricalSamples(empty, "hours")).rejects.toThrow(`${empty}: empty file`);
    await expect(loadEmpiricalSamples(join(dir, "nope.csv"), "hours")).rejects.toThrow(
      `${join(dir, "nope.csv")}: not found`,
    );
    const ragged = await file("ragged.csv", "a,hours\n1,2\n1,2,3\n");
    await expect(loadEmpiricalSamples(ragged, "hours")).rejects.toThrow(`${ragged}:3: the row has 3 fields but the header has 2`);
    await expect(loadEmpiricalSamples(path, "a", 0)).rejects.toThrow("scale for column \"a\" must be a finite number > 0, got 0");
  });
});
