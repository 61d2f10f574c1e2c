// The no-DR baseline (strategy type `none`): one region, no failover. It rides out an ordinary
// outage — down exactly while home is — and rebuilds in place after a catastrophic one: down for
// the outage plus decide, provision, restore and switch, losing the writes after the newest backup
// copied off the region (T/2 + b + copy on average, at most T + b + copy).
import { describe, expect, it } from "vitest";
import { compileModel, simulateReplication } from "../../src/replication/replication.js";
import type { Scenario } from "../../src/scenario/types.js";
import { fixed, HOUR, perYear, region, scenario, strategy, YEAR } from "./fixture.js";
import { expectWithin4SE, homeDownSeconds } from "./checks.js";

function run(s: Scenario, n: number, seed = 1) {
  const model = compileModel(s);
  return Array.from({ length: n }, (_, i) => ({ world: model.world.sample(seed, i), result: simulateReplication(model, seed, i) }));
}

const noDr = (over: Partial<Parameters<typeof strategy>[2]> = {}) =>
  strategy("none", "none", { steps: { ...strategy("x", "none").steps, detect: fixed(60) }, ...over });

describe("no DR", () => {
  it("in one region, rides out every ordinary outage: availability 1/(1 + λ·MTTR)", () => {
    const lambda = perYear(0.1);
    const mttr = 7 * HOUR;
    const s = scenario({ regions: [region("a", { rate: 0.1 / YEAR, duration: { dist: "exponential", mean: mttr } })], strategies: [noDr()] });
    const runs = run(s, 20_000);
    for (const { world, result } of runs.slice(0, 2000)) {
      const m = result.strategies[0]!.metrics;
      expect(m.downtimeSeconds).toBeCloseTo(homeDownSeconds(world, YEAR), 6);
      expect(m.failovers).toBe(0);
      expect(m.dataLossSeconds).toBe(0);
      expect(m.incidentCostUSD).toBe(0);
    }
    const mu = 1 / mttr;
    const expected = (lambda / (lambda + mu)) * (YEAR - (1 - Math.exp(-(lambda + mu) * YEAR)) / (lambda + mu));
    expectWithin4SE(runs.map((r) => r.result.strategies[0]!.metrics.downtimeSeconds), expected);
  });

  it("rebuilds in place after a catastrophic outage, losing the writes after the newest copied backup", () => {
    const T = 24 * HOUR;
    const b = 2 * HOUR;
    const copy = HOUR;
    const D = 3 * 86_400;
    const steps = { decide: 1800, provision: 2700, restore: 100e9 / 100e6, switchTraffic: 120 };
    const s = scenario({
      run: { runs: 0, seed: 1, horizon: 20 * YEAR },
      regions: [region("a", { rate: 2 / YEAR, catastrophic: { probability: 1, duration: fixed(D) } })],
      backup: { ...scenario().backup, interval: T, duration: fixed(b), copyDelay: fixed(copy) },
      strategies: [
        noDr({
          steps: {
            ...noDr().steps,
            decide: fixed(steps.decide),
            provision: fixed(steps.provision),
            switchTraffic: fixed(steps.switchTraffic),
            scale: fixed(600),
          },
        }),
      ],
    });
    const incidents = run(s, 400).flatMap((r) => r.result.strategies[0]!.incidents).filter((i) => i.start + 5 * 86_400 < 20 * YEAR);
    expect(incidents.length).toBeGreaterThan(10_000);
    const down = D + steps.decide + steps.provision + steps.restore + steps.switchTraffic;
    // A rare next outage (gap < 1.6 h: ~3e-4 per incident) interrupts the rebuild, which runs again.
    const once = incidents.filter((i) => i.steps.decide === steps.decide);
    expect(incidents.length - once.length).toBeLessThan(20);
    for (const inc of once) {
      expect(inc.failedOver).toBe(false);
      expect(inc.steps.restore).toBeCloseTo(steps.restore, 6);
      expect(inc.steps.promote).toBeNaN();
      // Down from the outage to the end of the switch; the scale-out after it is a ramp, not downtime.
      expect(inc.downtimeSeconds).toBeCloseTo(down, 3);
      expect(inc.rto).toBeCloseTo(down + 600, 3);
    }
    const rpo = incidents.map((i) => i.rpo);
    expectWithin4SE(rpo, T / 2 + b + copy);
    expect(Math.max(...rpo)).toBeLessThanOrEqual(T + b + copy);
  });

  it("keeps only the primary running: its standing compute is the workload's, once", () => {
    const one = scenario({ regions: [region("a")], strategies: [noDr()] });
    const model = compileModel(one);
    expect(model.standing[0]!.compute).toBeCloseTo(one.costs.computeUSDPerYear, 6);
    expect(model.standing[0]!.controlPlanes).toBeCloseTo(one.costs.controlPlaneUSDPerHour * (YEAR / 3600), 6);
  });
});
