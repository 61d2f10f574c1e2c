// A step written `none` does not run, so an incident records no duration for it — NaN, an empty
// cell of incidents.csv — never 0 or float noise (issue #14, defect 3). A step that does run for
// no time (`0s`) records 0, and `decide` still records a wait for the primary when there was one.
import { describe, expect, it } from "vitest";
import { compileModel, simulateReplication } from "../../src/replication/replication.js";
import type { IncidentRecord } from "../../src/outcomes/results.js";
import type { Scenario } from "../../src/scenario/types.js";
import { fixed, HOUR, region, scenario, strategy, YEAR } from "./fixture.js";

function incidents(s: Scenario, n: number): IncidentRecord[][] {
  const model = compileModel(s);
  const out: IncidentRecord[][] = s.strategies.map(() => []);
  for (let r = 0; r < n; r++) simulateReplication(model, 5, r).strategies.forEach((st, i) => out[i]!.push(...st.incidents));
  return out;
}

describe("steps written none", () => {
  const bare = strategy("x", "pilot-light").steps;
  const s = scenario({
    regions: [region("a", { rate: 10 / YEAR, duration: fixed(6 * HOUR) }), region("b")],
    corruption: { rate: 4 / YEAR, detection: fixed(HOUR) },
    strategies: [
      // Every optional step `none`, no wait for the primary: only detect runs before the switch.
      strategy("pilot-light", "pilot-light", {
        steps: { ...bare, detect: { dist: "uniform", min: 30, max: 90 }, decide: null, promote: null, switchTraffic: null },
      }),
      // The same steps, but waiting for the primary: the wait is recorded as `decide`.
      strategy("warm-standby", "warm-standby", {
        steps: { ...bare, detect: { dist: "uniform", min: 30, max: 90 }, decide: null, promote: null, switchTraffic: null },
        policy: { waitForPrimary: 600, abortWhenPrimaryReturns: true, failback: { delay: fixed(0), window: fixed(0) } },
      }),
      // Steps that run for no time record 0.
      strategy("warm-standby-zero", "warm-standby", {
        steps: { ...bare, detect: fixed(60), decide: fixed(0), promote: fixed(0), switchTraffic: fixed(0) },
      }),
    ],
  });
  const [none, waiting, zero] = incidents(s, 60);

  it("leave their columns empty, in failovers and corruption restores alike", () => {
    const failovers = none!.filter((i) => i.failedOver);
    expect(failovers.length).toBeGreaterThan(100);
    for (const inc of failovers) {
      expect(inc.steps.detect).toBeGreaterThanOrEqual(30);
      for (const step of ["decide", "provision", "promote", "switchTraffic", "restore"] as const) expect(inc.steps[step]).toBeNaN();
    }
    const restores = none!.filter((i) => i.cause === "corruption");
    expect(restores.length).toBeGreaterThan(100);
    for (const inc of restores) expect(inc.steps.decide).toBeNaN();
  });

  it("keep a wait for the primary in decide, and a step of 0 s at 0", () => {
    for (const inc of waiting!.filter((i) => i.failedOver)) expect(inc.steps.decide).toBeCloseTo(600, 6);
    const failovers = zero!.filter((i) => i.failedOver);
    expect(failovers.length).toBeGreaterThan(100);
    for (const inc of failovers) {
      expect(inc.steps.decide).toBe(0);
      expect(inc.steps.promote).toBe(0);
      expect(inc.steps.switchTraffic).toBe(0);
    }
  });
});
