// Checks the model tests share: Monte Carlo tolerances from the standard error of the sample itself
// (4 SE: a correct model fails one with probability ≈ 6e-5), and what a world's own events say.
import { expect } from "vitest";
import { meanCI } from "../../src/stats/stats.js";
import type { World } from "../../src/world/types.js";

/** The sample's mean is within 4 of its standard errors (sd/√n) of `expected`. */
export function expectWithin4SE(values: readonly number[], expected: number): void {
  const { mean, sd } = meanCI(values);
  const se = sd / Math.sqrt(values.length);
  expect(se).toBeGreaterThan(0);
  expect(Math.abs(mean - expected)).toBeLessThanOrEqual(4 * se);
}

/** `hits` of `n` trials is within 4 binomial standard errors of the probability `p`. */
export function expectShare(hits: number, n: number, p: number): void {
  expect(Math.abs(hits / n - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / n));
}

/** Seconds in [0, horizon] during which some outage of `world` holds region 0 (home) down. */
export function homeDownSeconds(world: World, horizon: number): number {
  let total = 0;
  let coveredTo = 0;
  for (const o of world.outages) {
    if ((o.regionMask & 1) === 0) continue;
    const start = Math.max(o.start, coveredTo);
    const end = Math.min(o.end, horizon);
    if (end > start) total += end - start;
    coveredTo = Math.max(coveredTo, o.end);
  }
  return total;
}
