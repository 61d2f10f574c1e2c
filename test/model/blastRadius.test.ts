// Blast radius of common-cause events: which regions each hits (every one, each independently, a
// number of them, one named group) and how deep (down, or zonal: a share of capacity lost). The
// frequencies match their closed forms within 4 binomial standard errors; the defaults draw the
// world they always drew; overlapping degradations of a region compose as a product.
import { describe, expect, it } from "vitest";
import { compileModel, simulateReplication } from "../../src/replication/replication.js";
import type { Scenario } from "../../src/scenario/types.js";
import type { World } from "../../src/world/types.js";
import { fixed, HOUR, region, scenario, strategy, YEAR } from "./fixture.js";
import { expectShare } from "./checks.js";

/** Three regions, common-cause events only (β = 1), 20 a year. */
const threeRegions = (commonCause: Scenario["commonCause"]): Scenario =>
  scenario({
    regions: [region("a", { rate: 20 / YEAR }), region("b", { rate: 20 / YEAR }), region("c", { rate: 20 / YEAR })],
    commonCause,
    strategies: [strategy("active-active", "active-active")],
  });

function worlds(s: Scenario, n: number): World[] {
  const model = compileModel(s);
  return Array.from({ length: n }, (_, r) => model.world.sample(2, r));
}

const popcount = (m: number): number => (m & 1) + ((m >> 1) & 1) + ((m >> 2) & 1);

describe("common-cause blast radius", () => {
  it("hits every region by default, exactly as an explicit `all` does", () => {
    const implicit = worlds(threeRegions({ beta: 1 }), 200);
    const explicit = worlds(threeRegions({ beta: 1, regions: "all" }), 200);
    expect(explicit).toEqual(implicit);
    const events = implicit.flatMap((w) => w.outages);
    expect(events.length).toBeGreaterThan(3000);
    for (const o of events) expect(o.regionMask).toBe(0b111);
  });

  it("each region independently: P(hit) = p / (1 − (1 − p)³), never none", () => {
    const p = 0.3;
    const events = worlds(threeRegions({ beta: 1, regions: { dist: "each", probability: p } }), 400).flatMap((w) => w.outages);
    expect(events.every((o) => o.regionMask !== 0)).toBe(true);
    const expected = p / (1 - (1 - p) ** 3);
    for (let r = 0; r < 3; r++) expectShare(events.filter((o) => (o.regionMask & (1 << r)) !== 0).length, events.length, expected);
    // The control-plane impairment follows the regions hit, never more.
    for (const o of events) expect(o.controlPlaneMask & ~o.regionMask).toBe(0);
  });

  it("a number of regions: |hit| by its weights, every region equally likely", () => {
    const events = worlds(threeRegions({ beta: 1, regions: { dist: "count", weights: [3, 1] } }), 400).flatMap((w) => w.outages);
    const n = events.length;
    expectShare(events.filter((o) => popcount(o.regionMask) === 1).length, n, 0.75);
    expect(events.every((o) => popcount(o.regionMask) <= 2)).toBe(true);
    // P(region r hit) = 0.75·1/3 + 0.25·2/3 = 5/12.
    for (let r = 0; r < 3; r++) expectShare(events.filter((o) => (o.regionMask & (1 << r)) !== 0).length, n, 5 / 12);
  });

  it("named groups: one group per event, equally likely", () => {
    const events = worlds(threeRegions({ beta: 1, regions: { dist: "groups", groups: { east: ["a", "b"], west: ["c"] } } }), 400).flatMap((w) => w.outages);
    expect(new Set(events.map((o) => o.regionMask))).toEqual(new Set([0b011, 0b100]));
    expectShare(events.filter((o) => o.regionMask === 0b011).length, events.length, 0.5);
  });

  it("zonal events take capacity, not regions: a share of them, in each region they hit", () => {
    const q = 0.4;
    const ws = worlds(threeRegions({ beta: 1, regions: { dist: "groups", groups: { east: ["a", "b"] } }, zonal: { probability: q, remainingCapacity: { dist: "uniform", min: 0.5, max: 0.8 } } }), 400);
    const down = ws.reduce((k, w) => k + w.outages.length, 0);
    const zonalPairs = ws.flatMap((w) => w.degradations);
    // Each zonal event degrades regions a and b over the same span.
    expect(zonalPairs.length % 2).toBe(0);
    const zonal = zonalPairs.length / 2;
    expectShare(zonal, zonal + down, q);
    for (const d of zonalPairs) {
      expect(d.region).toBeLessThan(2);
      expect(d.remaining).toBeGreaterThanOrEqual(0.5);
      expect(d.remaining).toBeLessThanOrEqual(0.8);
    }
  });

  it("overlapping degradations of a region compose: capacity left is their product", () => {
    // Home is never down: every common-cause event is zonal; degradations of its own overlap them.
    const s = scenario({
      regions: [region("a", { rate: 12 / YEAR, duration: fixed(6 * HOUR) }), region("b", { rate: 12 / YEAR })],
      commonCause: { beta: 1, zonal: { probability: 1, remainingCapacity: fixed(0.5) } },
      degradation: { rate: 12 / YEAR, duration: { dist: "exponential", mean: 8 * HOUR }, remainingCapacity: { dist: "uniform", min: 0.2, max: 0.9 } },
      strategies: [strategy("none", "none")],
    });
    const model = compileModel(s);
    let overlapping = 0;
    for (let r = 0; r < 300; r++) {
      const world = model.world.sample(4, r);
      const home = world.degradations.filter((d) => d.region === 0);
      // Flat demand: failed requests = rps × ∫ (1 − Π remaining) dt over the horizon.
      const times = [...new Set([0, YEAR, ...home.flatMap((d) => [d.start, d.end])])].filter((t) => t <= YEAR).sort((x, y) => x - y);
      let lost = 0;
      for (let i = 0; i + 1 < times.length; i++) {
        const mid = (times[i]! + times[i + 1]!) / 2;
        const under = home.filter((d) => d.start <= mid && mid < d.end);
        if (under.length > 1) overlapping++;
        lost += (1 - under.reduce((p, d) => p * d.remaining, 1)) * (times[i + 1]! - times[i]!);
      }
      const m = simulateReplication(model, 4, r).strategies[0]!.metrics;
      expect(m.failedRequests).toBeCloseTo(s.workload.requestsPerSecond * lost, 0);
      expect(m.downtimeSeconds).toBe(0);
    }
    expect(overlapping).toBeGreaterThan(50);
  });
});
