// A failover strategy with sync replication under partitions (and outages of its standby): its
// write path is cut while the standby is unreachable, and it does what its policy says — stall
// (down), reject writes (the write share fails), or go on asynchronously (a failover meanwhile loses
// what was written since the cut). Each is checked exactly, replication by replication, against the
// world's own events.
import { describe, expect, it } from "vitest";
import { compileModel, simulateReplication } from "../../src/replication/replication.js";
import type { Scenario } from "../../src/scenario/types.js";
import type { SyncUnreachable } from "../../src/strategies/failover/index.js";
import type { World } from "../../src/world/types.js";
import { fixed, HOUR, region, scenario, strategy, YEAR } from "./fixture.js";

const syncStandby = (mode: SyncUnreachable, id = `warm-standby-${mode}`) =>
  strategy(id, "warm-standby", {
    replication: { mode: "sync" },
    steps: { ...strategy("x", "warm-standby").steps, detect: fixed(60), promote: fixed(60) },
    policy: { waitForPrimary: 0, abortWhenPrimaryReturns: true, failback: { delay: fixed(HOUR), window: fixed(0) }, syncUnreachable: mode },
  });

/** Partitions 20 a year; the standby region fails too; home never does. */
const cutWorld = (strategies: Scenario["strategies"]): Scenario =>
  scenario({
    regions: [region("a"), region("b", { rate: 6 / YEAR, duration: { dist: "exponential", mean: 5 * HOUR } })],
    partition: { rate: 20 / YEAR, duration: { dist: "exponential", mean: 2 * HOUR } },
    strategies,
  });

/** The spans during which sync replication is cut — a partition under way or the standby (region 1) down — merged. */
function cuts(world: World): [number, number][] {
  const spans = [...world.partitions, ...world.outages.filter((o) => (o.regionMask & 2) !== 0)]
    .map((s) => [s.start, s.end] as [number, number])
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Seconds of [0, horizon] during which sync replication is cut. */
function cutSeconds(world: World, horizon: number): number {
  return cuts(world).reduce((sum, [start, end]) => sum + Math.max(0, Math.min(end, horizon) - start), 0);
}

describe("sync replication in a failover strategy, cut from its standby", () => {
  const s = cutWorld([syncStandby("stall"), syncStandby("reject"), syncStandby("async")]);
  const model = compileModel(s);
  const rps = s.workload.requestsPerSecond;
  const wf = s.workload.writeFraction;

  it("stalls (down), rejects writes, or goes on, exactly while it is cut", () => {
    let cut = 0;
    for (let r = 0; r < 300; r++) {
      const world = model.world.sample(8, r);
      const seconds = cutSeconds(world, YEAR);
      cut += seconds;
      const [stall, reject, async] = simulateReplication(model, 8, r).strategies.map((st) => st.metrics);
      expect(stall!.downtimeSeconds).toBeCloseTo(seconds, 4);
      expect(stall!.failedRequests).toBeCloseTo(rps * seconds, 0);
      expect(reject!.downtimeSeconds).toBe(0);
      expect(reject!.failedRequests).toBeCloseTo(rps * wf * seconds, 0);
      expect(async!.failedRequests).toBe(0);
      for (const m of [stall!, reject!, async!]) expect(m.dataLossSeconds).toBe(0); // no failover: nothing lost
    }
    expect(cut).toBeGreaterThan(300 * 20 * HOUR);
  });

  it("going on asynchronously, loses at a failover what was written since the cut", () => {
    const failing = cutWorld([syncStandby("async"), syncStandby("stall")]);
    const withOutages = { ...failing, regions: [region("a", { rate: 8 / YEAR, catastrophic: { probability: 1, duration: fixed(86_400) } }), failing.regions[1]!] };
    const m = compileModel(withOutages);
    let lossy = 0;
    for (let r = 0; r < 300; r++) {
      const world = m.world.sample(9, r);
      const [async, stall] = simulateReplication(m, 9, r).strategies;
      for (const inc of async!.incidents) {
        if (!inc.failedOver) continue;
        // The cut under way at the failure, if any: everything written since it began is lost.
        const cut = cuts(world).find(([start, end]) => start <= inc.start && inc.start < end);
        expect(inc.rpo).toBeCloseTo(cut ? inc.start - cut[0] : 0, 6);
        if (cut) lossy++;
      }
      for (const inc of stall!.incidents) expect(inc.rpo).toBe(0);
    }
    expect(lossy).toBeGreaterThan(20);
  });

  it("is never shared with another strategy's outcome in a quiet world", () => {
    const mixed = compileModel(cutWorld([strategy("pilot-light", "pilot-light"), syncStandby("stall"), strategy("warm-standby", "warm-standby")]));
    expect([...mixed.sharesWith]).toEqual([-1, -1, 0]);
  });
});
