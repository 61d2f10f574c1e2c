// The headline metrics kept apart by meaning and cause (issue 13), checked replication by
// replication on the default scenario: each is the part of an existing total it claims to be, and
// the parts add up to the totals, whose numbers did not move.
import { beforeAll, describe, expect, it } from "vitest";
import { isRegionFailure } from "../../src/outcomes/results.js";
import type { RunResult } from "../../src/montecarlo/index.js";
import { DEFAULT_SCENARIO, run } from "./fixture.js";

let result: RunResult;
beforeAll(async () => {
  result = await run([], 400, DEFAULT_SCENARIO);
});

/** Relative float tolerance for sums of the same few terms taken in another order. */
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe("headline metrics, per replication", () => {
  it("unavailability splits into full outage and partial service; the floor's causes add up to the floor, within the total", () => {
    const horizon = result.scenario.run.horizon;
    for (const { metrics: m } of result.strategies) {
      for (let r = 0; r < m.unavailability.length; r++) {
        expect(m.partialUnavailability[r]!).toBeLessThanOrEqual(m.unavailability[r]! * (1 + 1e-12));
        expect(m.partialSeconds[r]! + m.downtimeSeconds[r]!).toBeLessThanOrEqual(horizon);
        const parts = m.allRegionsDownUnavailability[r]! + m.brownoutUnavailability[r]! + m.corruptionUnavailability[r]!;
        expect(close(m.floorUnavailability[r]!, parts), `replication ${r}`).toBe(true);
        expect(m.floorUnavailability[r]!).toBeLessThanOrEqual(m.unavailability[r]! * (1 + 1e-12));
        // A year with no request failed has no partial service either, and the reverse.
        if (m.unavailability[r] === 0) expect(m.partialSeconds[r]).toBe(0);
      }
    }
  });

  it("data loss splits into region failures and corruption restores; the year's worst incident is the largest of its region failures", () => {
    for (const { metrics: m, incidents: inc } of result.strategies) {
      const worstRto = new Float64Array(m.costUSD.length);
      const worstRpo = new Float64Array(m.costUSD.length);
      for (let j = 0; j < inc.count; j++) {
        if (!isRegionFailure(inc.cause[j]!)) continue;
        const r = inc.replication[j]! - result.range.start;
        worstRto[r] = Math.max(worstRto[r]!, inc.rto[j]!);
        worstRpo[r] = Math.max(worstRpo[r]!, inc.rpo[j]!);
      }
      for (let r = 0; r < m.costUSD.length; r++) {
        expect(close(m.regionFailureDataLossSeconds[r]! + m.corruptionDataLossSeconds[r]!, m.dataLossSeconds[r]!), `replication ${r}`).toBe(true);
        expect(m.worstRtoSeconds[r]).toBe(worstRto[r]);
        expect(m.worstRpoSeconds[r]).toBe(worstRpo[r]);
        expect(m.floorPenaltyUSD[r]!).toBeLessThanOrEqual(m.penaltyCostUSD[r]! * (1 + 1e-12));
      }
    }
  });

  it("while every region is down every strategy loses every request: the same share for each, in years without a corruption restore", () => {
    const strategies = result.strategies;
    let years = 0;
    for (let r = 0; r < strategies[0]!.metrics.costUSD.length; r++) {
      if (strategies.some((s) => s.metrics.corruptionUnavailability[r]! > 0)) continue;
      const shares = strategies.map((s) => s.metrics.allRegionsDownUnavailability[r]!);
      if (shares[0]! > 0) years++;
      for (const x of shares) expect(close(x, shares[0]!), `replication ${r}`).toBe(true);
    }
    // The default scenario's common-cause events take both regions down in a few of 400 years.
    expect(years).toBeGreaterThan(0);
  });

  it("active–active's spare capacity absorbs brownouts; every failover strategy serving from a degraded region loses them", () => {
    const ids = result.scenario.strategies.map((s) => s.id);
    const mean = (id: string): number => {
      const xs = result.strategies[ids.indexOf(id)]!.metrics.brownoutUnavailability;
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(mean("active-active")).toBe(0);
    for (const id of ["backup-restore", "pilot-light", "warm-standby"]) expect(mean(id)).toBeGreaterThan(0);
  });
});
