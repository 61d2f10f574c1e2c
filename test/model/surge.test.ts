// Surge compute is charged for every second traffic is on a standby region (issue #14, defect 2):
// incidentCostUSD = (1 − standbyFraction) × (time on a standby) × compute price, whatever path
// left traffic there — a completed failover, an incident on the standby that ended without one, a
// failback abandoned, the horizon reached. "Time on a standby" is read from the trace (the
// `failover` and `failback` events that move traffic), not from the variable the service charges,
// over many random worlds with frequent outages and varied delays.
import { describe, expect, it } from "vitest";
import { compileModel, simulateReplication } from "../../src/replication/replication.js";
import type { TraceRecord } from "../../src/outcomes/results.js";
import type { DistributionSpec } from "../../src/random/types.js";
import type { Scenario, Strategy, StrategyType } from "../../src/scenario/types.js";
import { fixed, HOUR, region, scenario, strategy, YEAR } from "./fixture.js";

/** A small deterministic generator of scenario parameters (mulberry32), apart from drsim's streams. */
function parameters(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A world of frequent outages, 2 or 3 regions, and three failover strategies with random delays. */
function randomScenario(seed: number): Scenario {
  const u = parameters(seed);
  const between = (lo: number, hi: number): number => lo + (hi - lo) * u();
  const duration = (median: number): DistributionSpec =>
    u() < 0.5 ? fixed(median) : { dist: "lognormal", median, sigma: between(0.3, 1.2) };
  const regions = Array.from({ length: u() < 0.5 ? 2 : 3 }, (_, r) =>
    region(`r${r}`, {
      rate: between(5, 40) / YEAR,
      duration: duration(between(1, 12) * HOUR),
      catastrophic: { probability: between(0, 0.2), duration: duration(between(1, 5) * 86_400) },
    }),
  );
  const failover = (id: string, type: StrategyType): Strategy =>
    strategy(id, type, {
      standbyFraction: type === "backup-restore" ? 0 : between(0.1, 0.6),
      steps: {
        ...strategy("x", type).steps,
        detect: fixed(between(30, 300)),
        decide: duration(between(5, 60) * 60),
        provision: type === "backup-restore" ? duration(between(10, 60) * 60) : null,
        scale: duration(between(2, 20) * 60),
        switchTraffic: u() < 0.3 ? null : duration(between(1, 10) * 60),
      },
      policy: {
        waitForPrimary: u() < 0.3 ? 0 : between(0.1, 3) * HOUR,
        abortWhenPrimaryReturns: u() < 0.7,
        failback: { delay: duration(between(0.5, 72) * HOUR), window: u() < 0.2 ? fixed(0) : duration(between(5, 120) * 60) },
      },
      failover: {
        failureProbabilityUntested: between(0, 0.5),
        failureProbabilityDrilled: between(0, 0.5),
        retryDelay: duration(between(10, 60) * 60),
        maxAttempts: 1 + Math.floor(u() * 3),
      },
    });
  return scenario({
    regions,
    commonCause: { beta: between(0, 0.3) },
    strategies: [failover("backup-restore", "backup-restore"), failover("pilot-light", "pilot-light"), failover("warm-standby", "warm-standby")],
  });
}

/** Seconds of [0, horizon] during which the trace has traffic on a region other than `home`. */
function onStandbySeconds(log: readonly TraceRecord[], home: string, horizon: number): number {
  let active = home;
  let since = 0;
  let total = 0;
  for (const rec of log) {
    if (rec.event !== "failover" && rec.event !== "failback") continue;
    if (active !== home) total += rec.time - since;
    active = rec.region;
    since = rec.time;
  }
  return active !== home ? total + (horizon - since) : total;
}

describe("surge compute", () => {
  it("is charged for exactly the time traffic is on a standby, on every path", () => {
    let stranded = 0; // incidents on the standby that ended without a failover
    let atHorizon = 0; // replications that end with traffic on a standby
    let charged = 0;
    for (let k = 0; k < 60; k++) {
      const s = randomScenario(1000 + k);
      const model = compileModel(s);
      const home = s.regions[0]!.name;
      for (let r = 0; r < 8; r++) {
        for (let i = 0; i < s.strategies.length; i++) {
          const log: TraceRecord[] = [];
          const result = simulateReplication(model, k, r, { strategy: i, sink: (rec) => log.push(rec) });
          const onStandby = onStandbySeconds(log, home, YEAR);
          const f = s.strategies[i]!.standbyFraction;
          const expected = ((1 - f) * onStandby * s.costs.computeUSDPerYear) / YEAR;
          const actual = result.strategies[i]!.metrics.incidentCostUSD;
          expect(Math.abs(actual - expected), `scenario ${k}, replication ${r}, ${s.strategies[i]!.id}`).toBeLessThanOrEqual(
            1e-9 * Math.max(1, expected),
          );
          if (onStandby > 0) charged++;
          stranded += log.filter((rec) => (rec.event === "recovered" || (rec.event === "abort" && rec.detail === "")) && rec.region !== home).length;
          const moves = log.filter((rec) => rec.event === "failover" || rec.event === "failback");
          if (moves.length > 0 && moves.at(-1)!.region !== home) atHorizon++;
        }
      }
    }
    // Every path is exercised, not only the plain failover and failback.
    expect(charged).toBeGreaterThan(1000);
    expect(stranded).toBeGreaterThan(50);
    expect(atHorizon).toBeGreaterThan(50);
  });
});
