// The least of piecewise-linear levels (services/dependencyLevels.ts), checked on levels whose
// integrals are worked out by hand, with a demand of one request per second.
import { describe, expect, it } from "vitest";
import { LevelComposer, type LevelTerm } from "../../src/services/dependencyLevels.js";
import { LevelLog } from "../../src/services/levelLog.js";
import { makeTraffic } from "../../src/world/traffic.js";

const HORIZON = 1000;
const FLAT = makeTraffic({ requestsPerSecond: 1, diurnalAmplitude: 0, peakHour: 12, weekendFactor: 1, trace: null, writeFraction: 0, bytesPerWrite: 0, datasetBytes: 0 });

/** A log from [time, level, slope, mask?] changes (mask 1: the home region). */
function log(changes: readonly (readonly [number, number, number, number?])[], initialMask = 1): LevelLog {
  const l = new LevelLog();
  l.reset(initialMask);
  for (const [t, level, slope, mask] of changes) l.push(t, level, slope, mask ?? initialMask);
  return l;
}

const OWNER = 0;
const DEP = 1;
const APART = 2;
const own = (l: LevelLog): LevelTerm => ({ log: l, cause: OWNER, sameRegion: false, apartCause: -1 });
const dep = (l: LevelLog, sameRegion = false): LevelTerm => ({ log: l, cause: DEP, sameRegion, apartCause: APART });

describe("the least of a service's level and its dependencies'", () => {
  const composer = new LevelComposer(FLAT, HORIZON);

  it("adds the time a dependency is down and the service is not, attributed to whichever is down first", () => {
    const mine = log([[100, 0, 0], [200, 1, 0]]);
    const theirs = log([[150, 0, 0], [300, 1, 0]]);
    const byCause = new Float64Array(3);
    const r = composer.compose([own(mine), dep(theirs)], new LevelLog(), { downtime: 100, failedRequests: 100 }, byCause);
    expect(r).toEqual({ bound: true, downtime: 200, failedRequests: 200 });
    expect([...byCause]).toEqual([100, 100, 0]);
  });

  it("switches where a ramp crosses a dependency's level, and counts only what the dependency takes", () => {
    // Own: 0.2 at 100, ramping to 1 at 200. Dependency: 0.6 from 100 to 300. They cross at 150.
    const mine = log([[100, 0.2, 0.008], [200, 1, 0]]);
    const theirs = log([[100, 0.6, 0], [300, 1, 0]]);
    const out = new LevelLog();
    const r = composer.compose([own(mine), dep(theirs)], out, { downtime: 0, failedRequests: 40 }, null);
    // ∫150..200 (own − 0.6) = ∫0..50 0.008x dx = 10, plus ∫200..300 (1 − 0.6) = 40.
    expect(r.bound).toBe(true);
    expect(r.failedRequests).toBeCloseTo(40 + 50, 9);
    expect(r.downtime).toBe(0);
    expect(out.times[out.indexAt(175)]).toBeCloseTo(150, 9);
    expect(out.levels[out.indexAt(175)]).toBeCloseTo(0.6, 12);
  });

  it("a dependency always at or above the service holds nothing: the service's own accounting stands", () => {
    const mine = log([[100, 0, 0], [200, 0.5, 0], [400, 1, 0]]);
    const theirs = log([[100, 0, 0], [200, 0.6, 0], [250, 1, 0]]); // down with it, then above it
    const account = { downtime: 100, failedRequests: 200 };
    const r = composer.compose([own(mine), dep(theirs)], new LevelLog(), account, null);
    expect(r).toEqual({ bound: false, ...account });
  });

  it("counts a co-located dependency only in the regions both serve from", () => {
    // The service serves from both regions (mask 0b11), the dependency from region 0 only: half.
    const half = composer.compose([own(log([], 0b11)), dep(log([], 0b01), true)], new LevelLog(), { downtime: 0, failedRequests: 0 }, null);
    expect(half.failedRequests).toBeCloseTo(0.5 * HORIZON, 9);
    // The service failed over to region 1 at 600 (and is up there); its co-located dependency stayed home.
    const byCause = new Float64Array(3);
    const apart = composer.compose([own(log([[600, 1, 0, 0b10]])), dep(log([]), true)], new LevelLog(), { downtime: 0, failedRequests: 0 }, byCause);
    expect(apart).toEqual({ bound: true, downtime: 400, failedRequests: 400 });
    expect([...byCause]).toEqual([0, 0, 400]);
    // Anywhere is enough for a dependency that need not be co-located.
    expect(composer.compose([own(log([[600, 1, 0, 0b10]])), dep(log([]))], new LevelLog(), { downtime: 0, failedRequests: 0 }, null).bound).toBe(false);
  });

  it("a flow (no owner) is accounted piece by piece: down while any of its services is", () => {
    const a = log([[100, 0, 0], [200, 1, 0]]);
    const b = log([[150, 0, 0], [300, 1, 0], [500, 0.25, 0], [600, 1, 0]]);
    const terms: LevelTerm[] = [
      { log: a, cause: 0, sameRegion: false, apartCause: -1 },
      { log: b, cause: 1, sameRegion: false, apartCause: -1 },
    ];
    const byCause = new Float64Array(2);
    const r = composer.compose(terms, new LevelLog(), null, byCause);
    expect(r).toEqual({ bound: true, downtime: 200, failedRequests: 200 + 0.75 * 100 });
    expect([...byCause]).toEqual([100, 100]);
  });

  it("keeps a log of changes only: setting a flat level again is not a change", () => {
    const l = log([[10, 1, 0], [20, 0.5, 0], [30, 0.5, 0], [40, 0.5, 0.01], [90, 1, 0]]);
    expect([...l.times.subarray(0, l.length)]).toEqual([20, 40, 90]);
    expect(l.indexAt(5)).toBe(-1);
    expect(l.indexAt(40)).toBe(1);
  });
});
