// The selection procedure (analysis/planSelect.ts): KN's constants and screening, its constrained
// use, and the simplest-viable choice among plans whose costs cannot be told apart.
import { describe, expect, it } from "vitest";
import { choosePlan, knH2, pairVariances, screen, type ScreenState } from "../../src/analysis/planSelect.js";
import { normalQuantile } from "../../src/random/distributions/normal.js";
import { streamFor } from "../../src/random/streams.js";

describe("KN's constants", () => {
  it("h² tends to the Brownian-motion bound −2·ln(2α/(k − 1)) as the first stage grows, and grows with k", () => {
    expect(knH2(2, 1e7, 0.05)).toBeCloseTo(-2 * Math.log(0.1), 4);
    expect(knH2(10, 1e7, 0.05)).toBeCloseTo(-2 * Math.log(0.1 / 9), 4);
    expect(knH2(10, 20, 0.05)).toBeGreaterThan(knH2(2, 20, 0.05));
    expect(knH2(10, 20, 0.05)).toBeGreaterThan(knH2(10, 200, 0.05));
  });

  it("S²ᵢₗ is the sample variance of the paired differences", () => {
    const a = Float64Array.from([1, 4, 2, 8, 5]);
    const b = Float64Array.from([0, 1, 3, 2, 2]);
    const d = [...a].map((x, i) => x - b[i]!);
    const m = d.reduce((s, x) => s + x, 0) / d.length;
    const variance = d.reduce((s, x) => s + (x - m) ** 2, 0) / (d.length - 1);
    const v = pairVariances([a, b], 5);
    expect(v[1]).toBeCloseTo(variance, 12);
    expect(v[2]).toBe(v[1]);
    expect(v[0]).toBe(0);
  });
});

describe("screening", () => {
  const state = (k: number): ScreenState => ({ alive: new Set(Array.from({ length: k }, (_, i) => i)), eliminated: new Map() });

  it("drops a plan whose years show a target cannot be met, and a plan costlier than a qualifying one beyond the continuation region", () => {
    const s = state(4);
    // Means after 100 years: 10, 30, 5, 12; tiny variances.
    const sums = Float64Array.from([1000, 3000, 500, 1200]);
    const variances = new Float64Array(16).fill(1);
    const status = (i: number): "meets" | "misses" | "undetermined" => (i === 0 ? "meets" : i === 2 ? "misses" : "undetermined");
    screen(s, 100, sums, variances, 5, 1, status);
    expect(s.eliminated.get(2)).toEqual({ reason: "misses", after: 100 });
    expect(s.eliminated.get(1)).toEqual({ reason: "costlier", after: 100, than: 0 });
    expect(s.eliminated.get(3)).toEqual({ reason: "costlier", after: 100, than: 0 });
    expect([...s.alive]).toEqual([0]);
  });

  it("only a plan shown to qualify eliminates another on cost: a cheaper one that may yet miss a target does not", () => {
    const s = state(2);
    const sums = Float64Array.from([1000, 3000]);
    screen(s, 100, sums, new Float64Array(4).fill(1), 5, 1, () => "undetermined");
    expect([...s.alive]).toEqual([0, 1]);
  });

  it("keeps plans whose difference is within the continuation region (noisy, or within δ)", () => {
    const s = state(2);
    // Means 10 and 10.4 with δ = 1: within the indifference zone while r is small.
    screen(s, 10, Float64Array.from([100, 104]), Float64Array.from([0, 4, 4, 0]), 5, 1, (i) => (i === 0 ? "meets" : "undetermined"));
    expect([...s.alive]).toEqual([0, 1]);
  });

  it("selects the best of k systems in the least favourable configuration with probability at least 1 − α", () => {
    // k normal systems, the best δ below the rest (cost: lower is better), sd 1; each macro-replication
    // runs KN to the end from a first stage of n0.
    const k = 4;
    const delta = 0.5;
    const alpha = 0.1;
    const n0 = 10;
    const macro = 300;
    const h2 = knH2(k, n0, alpha);
    let correct = 0;
    for (let m = 0; m < macro; m++) {
      const rng = streamFor(2024, m, "kn-test");
      const draw = (i: number): number => (i === 0 ? 0 : delta) + normalQuantile(Math.max(1e-12, rng()));
      const values: number[][] = Array.from({ length: k }, () => []);
      const sums = new Float64Array(k);
      const add = (): void => {
        for (let i = 0; i < k; i++) {
          const x = draw(i);
          values[i]!.push(x);
          sums[i]! += x;
        }
      };
      for (let r = 0; r < n0; r++) add();
      const variances = pairVariances(values.map((v) => Float64Array.from(v)), n0);
      const s: ScreenState = { alive: new Set([0, 1, 2, 3]), eliminated: new Map() };
      for (let r = n0; s.alive.size > 1 && r < 100_000; r++) {
        if (r > n0) add();
        screen(s, r, sums, variances, h2, delta, () => "meets");
      }
      if (s.alive.has(0) && s.alive.size === 1) correct++;
    }
    const floor = 1 - alpha;
    expect(correct / macro).toBeGreaterThanOrEqual(floor - 4 * Math.sqrt((floor * (1 - floor)) / macro));
  });
});

describe("the choice among qualifying plans", () => {
  // Per-year costs of three plans over the same 400 years.
  const years = 400;
  const noise = Array.from({ length: years }, (_, r) => streamFor(9, r, "choice-test")() * 1000);
  const cost = new Map<number, Float64Array>([
    [0, Float64Array.from(noise, (x) => 10_000 + x)], // cheapest, complex
    [1, Float64Array.from(noise, (x, r) => 10_000 + x + (r % 2 === 0 ? 30 : -29))], // the same cost within noise, simpler
    [2, Float64Array.from(noise, (x) => 11_000 + x)], // simplest, clearly dearer
  ]);
  const complexity = new Map([
    [0, 12],
    [1, 9],
    [2, 6],
  ]);

  it("prefers the cheapest only when the paired difference excludes zero, else the simpler", () => {
    const c = choosePlan([0, 1, 2], (p) => cost.get(p)!, (p) => complexity.get(p)!)!;
    expect(c.cheapest).toBe(0);
    expect(c.indistinguishable).toEqual([0, 1]);
    expect(c.plan).toBe(1);
  });

  it("has nothing to choose when no plan qualifies", () => {
    expect(choosePlan([], (p) => cost.get(p)!, (p) => complexity.get(p)!)).toBeUndefined();
  });
});
