// Demand integrated over long spans: whole periods (a week of the shaped demand, a trace's cycle) in
// closed form, so a long horizon costs no more than a short one — and the answer is the one the
// piece-by-piece sum gives, which short spans still use.
import { describe, expect, it } from "vitest";
import type { Workload } from "../../src/scenario/types.js";
import { makeTraffic, type Traffic } from "../../src/world/traffic.js";

const DAY = 86_400;
const WEEK = 7 * DAY;

const shaped: Workload = {
  requestsPerSecond: 1000,
  diurnalAmplitude: 0.6,
  peakHour: 15,
  weekendFactor: 0.4,
  trace: null,
  writeFraction: 0.1,
  bytesPerWrite: 2000,
  datasetBytes: 1e12,
};
const traced: Workload = { ...shaped, trace: { step: 300, rates: [100, 400, 250, 900, 50, 600, 300] } };

/** The same integral as a sum of spans short enough to be integrated piece by piece. */
function inShortSpans(traffic: Traffic, t0: number, t1: number, a: number, b: number, chunk: number): number {
  let total = 0;
  for (let u = t0; u < t1; u += chunk) total += traffic.integrate(u, Math.min(t1, u + chunk), a + b * (u - t0), b);
  return total;
}

describe("integrating demand over a long span", () => {
  for (const [what, workload, period] of [["shaped (weekly)", shaped, WEEK], ["a trace (cyclic)", traced, 7 * 300]] as const) {
    it(`${what}: whole periods in closed form agree with the piece-by-piece sum`, () => {
      const traffic = makeTraffic(workload);
      for (const [t0, t1, a, b] of [
        [0, 200 * period, 1, 0],
        [0.37 * period, 123.81 * period, 1, 0],
        [5.5 * period, 900.25 * period, 0.8, -1e-6],
        [3 * period + 17, 70 * period + 3, 0, 1],
      ] as const) {
        const closed = traffic.integrate(t0, t1, a, b);
        const summed = inShortSpans(traffic, t0, t1, a, b, 50 * period);
        expect(Math.abs(closed - summed)).toBeLessThanOrEqual(1e-9 * Math.abs(summed));
      }
    });
  }

  it("over 5,000 weeks, the mean demand is requestsPerSecond (the shape's weekly normalisation)", () => {
    const traffic = makeTraffic(shaped);
    // The weekly mean is exactly requestsPerSecond (the shape's normalisation).
    expect(traffic.integrate(0, 5000 * WEEK, 1, 0) / (5000 * WEEK)).toBeCloseTo(1000, 9);
  });
});
