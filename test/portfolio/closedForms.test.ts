// The closed forms a portfolio must reproduce (docs/design.md, "Services, dependencies, plans"):
// two independent services in series have availability A₁·A₂; a dependency that never fails changes
// nothing. In series.yaml's world only logical corruptions happen, each service's from its own
// stream, so a service's level is 1, or 0 while it restores: its users see min(own, what it needs).
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compilePortfolio, type PortfolioModel } from "../../src/replication/portfolioModel.js";
import { simulatePortfolioReplication } from "../../src/replication/portfolioReplication.js";
import { loadPortfolio } from "../../src/replication/portfolioScenario.js";
import { simulateReplication } from "../../src/replication/replication.js";

const SERIES = fileURLToPath(new URL("./fixtures/series.yaml", import.meta.url));

/**
 * θ̂ = mean(x) − mean(y)·mean(z) and its standard error by the delta method (gradient
 * (1, −z̄, −ȳ) against the sample covariance of (x, y, z), over n): the product of two means is
 * not a per-replication quantity, so its error comes from theirs and their covariances.
 */
function productGap(x: readonly number[], y: readonly number[], z: readonly number[]): { gap: number; se: number } {
  const n = x.length;
  const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / n;
  const [mx, my, mz] = [mean(x), mean(y), mean(z)];
  const cov = (u: readonly number[], mu: number, v: readonly number[], mv: number): number => u.reduce((s, ui, i) => s + (ui - mu) * (v[i]! - mv), 0) / (n - 1);
  const g = [1, -mz, -my];
  const series = [
    [x, mx],
    [y, my],
    [z, mz],
  ] as const;
  let variance = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) variance += g[i]! * g[j]! * cov(series[i]![0], series[i]![1], series[j]![0], series[j]![1]);
  return { gap: mx - my * mz, se: Math.sqrt(variance / n) };
}

describe("closed forms of a portfolio", () => {
  let model: PortfolioModel;
  const index = (name: string): number => model.portfolio.services.findIndex((s) => s.name === name);
  const flow = (name: string): number => model.portfolio.flows.findIndex((f) => f.name === name);
  const availability = { a: [] as number[], bOwn: [] as number[], bSeen: [] as number[], ab: [] as number[] };
  let overlapYears = 0;

  beforeAll(async () => {
    model = compilePortfolio(await loadPortfolio(SERIES));
    const { runs, seed } = model.portfolio.run;
    const [a, b] = [index("a"), index("b")];
    for (let r = 0; r < runs; r++) {
      const out = simulatePortfolioReplication(model, seed, r);
      const own = simulateReplication(model.services[b]!.model, seed, r).strategies[0]!.metrics;
      availability.a.push(1 - out.services[a]![0]!.metrics.unavailability);
      availability.bOwn.push(1 - own.unavailability);
      availability.bSeen.push(1 - out.services[b]![0]!.metrics.unavailability);
      availability.ab.push(1 - out.flows[flow("ab")]![0]!.unavailability);
      if (out.services[b]![0]!.metrics.downtimeSeconds > own.downtimeSeconds) overlapYears++;
      // The flow entered at b is b as its users see it (b needs a): the same numbers.
      expect(out.flows[flow("ba")]![0]!.downtimeSeconds).toBe(out.services[b]![0]!.metrics.downtimeSeconds);
      // A dependency's data loss is its own: b loses only what b loses.
      expect(out.services[b]![0]!.metrics.dataLossSeconds).toBe(own.dataLossSeconds);
    }
  }, 120_000);

  it("the world is what the test needs: each service is down a good part of the time, on its own draws", () => {
    const meanOf = (v: number[]): number => v.reduce((x, y) => x + y, 0) / v.length;
    // ~10 % down each: the product differs from the sum of the losses by ~1 %, far above the error.
    expect(1 - meanOf(availability.a)).toBeGreaterThan(0.03);
    expect(1 - meanOf(availability.bOwn)).toBeGreaterThan(0.03);
    // Independent streams: a's and b's own years differ (a shared stream would make them move together).
    expect(availability.a.filter((x, i) => x !== availability.bOwn[i]).length).toBeGreaterThan(model.portfolio.run.runs * 0.9);
    expect(overlapYears).toBeGreaterThan(0);
  });

  it("two independent services in series: the flow's availability is A₁·A₂ (4 standard errors)", () => {
    const { gap, se } = productGap(availability.ab, availability.a, availability.bOwn);
    expect(se).toBeGreaterThan(0);
    expect(Math.abs(gap)).toBeLessThanOrEqual(4 * se);
  });

  it("a service that needs another: what its users see is A_own·A_dependency (4 standard errors)", () => {
    const { gap, se } = productGap(availability.bSeen, availability.a, availability.bOwn);
    expect(Math.abs(gap)).toBeLessThanOrEqual(4 * se);
  });

  it("the product is not the sum of the losses, nor either alone: the test can tell them apart", () => {
    const meanOf = (v: number[]): number => v.reduce((x, y) => x + y, 0) / v.length;
    const { se } = productGap(availability.ab, availability.a, availability.bOwn);
    const sumOfLosses = meanOf(availability.a) + meanOf(availability.bOwn) - 1;
    expect(Math.abs(meanOf(availability.ab) - sumOfLosses)).toBeGreaterThan(8 * se);
    expect(Math.abs(meanOf(availability.ab) - Math.min(meanOf(availability.a), meanOf(availability.bOwn)))).toBeGreaterThan(8 * se);
  });

  it("a dependency that never fails changes nothing, to the last bit (any region, and co-located where both stay home)", () => {
    const { runs, seed } = model.portfolio.run;
    for (const name of ["x", "y"]) {
      const s = index(name);
      const sm = model.services[s]!;
      expect(sm.configs.count).toBe(2); // stable's two strategies
      for (let r = 0; r < Math.min(runs, 300); r++) {
        const out = simulatePortfolioReplication(model, seed, r);
        const own = simulateReplication(sm.model, seed, r).strategies[0]!;
        for (const outcome of out.services[s]!) {
          expect(outcome.metrics).toEqual(own.metrics);
          expect(outcome.incidents).toEqual(own.incidents);
          expect(outcome.effectiveRto).toBeNull();
        }
      }
    }
  }, 120_000);
});
