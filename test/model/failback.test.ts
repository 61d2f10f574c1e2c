// Failback waits for a home region that is up (issue #14, defect 1). With frequent outages and a
// day's failback delay, home often fails again while a failback is pending: the failback must then
// be abandoned — traffic stays on the standby — and start afresh (delay, then window) once home is
// back, never moving a healthy service into a dead region.
import { describe, expect, it } from "vitest";
import { compileModel, simulateReplication } from "../../src/replication/replication.js";
import type { TraceRecord } from "../../src/outcomes/results.js";
import type { World } from "../../src/world/types.js";
import { fixed, HOUR, region, scenario, strategy, YEAR } from "./fixture.js";

const DAY = 86_400;

/** Whether some outage of `world` holds region 0 (home) down at `t`. */
function homeDownAt(world: World, t: number): boolean {
  return world.outages.some((o) => (o.regionMask & 1) !== 0 && o.start <= t && t < o.end);
}

describe("failback", () => {
  // 20 outages a year per region (the setting), a day's delay, a 10-minute window.
  const s = scenario({
    regions: [
      region("a", { rate: 20 / YEAR, duration: { dist: "lognormal", median: 4 * HOUR, sigma: 1 } }),
      region("b", { rate: 20 / YEAR, duration: { dist: "lognormal", median: 4 * HOUR, sigma: 1 } }),
    ],
    strategies: [
      strategy("warm-standby", "warm-standby", {
        standbyFraction: 0.3,
        steps: { ...strategy("x", "warm-standby").steps, detect: fixed(60), promote: fixed(120), scale: fixed(300) },
        policy: { waitForPrimary: 0, abortWhenPrimaryReturns: true, failback: { delay: fixed(DAY), window: fixed(600) } },
      }),
    ],
  });
  const model = compileModel(s);

  it("never starts or completes while the home region is down: it is abandoned, and starts afresh", () => {
    let failbacks = 0;
    let abandoned = 0;
    for (let r = 0; r < 400; r++) {
      const world = model.world.sample(3, r);
      const log: TraceRecord[] = [];
      simulateReplication(model, 3, r, { strategy: 0, sink: (rec) => log.push(rec) });
      for (const rec of log) {
        const windowStarts = rec.event === "step-begin" && rec.detail === "failback";
        if (windowStarts || rec.event === "failback") {
          expect(homeDownAt(world, rec.time), `replication ${r}: ${rec.event} at ${rec.time}`).toBe(false);
        }
        if (rec.event === "failback") failbacks++;
        if (rec.event === "abort" && rec.detail === "failback") abandoned++;
      }
    }
    // Not vacuous: failbacks happen, and home fails during a pending one often (P ≈ 1 − e^(−20/365)
    // ≈ 5 % per day of delay, over ~20 failovers a year).
    expect(failbacks).toBeGreaterThan(1000);
    expect(abandoned).toBeGreaterThan(50);
  });
});
