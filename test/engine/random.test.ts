import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { streamFor, streamForKey, streamKey, streamSeed } from "../../src/random/streams.js";
import type { Rng } from "../../src/random/types.js";
import { correlation, ksCritical001, ksStatistic, moments } from "./ks.js";

const SEED = 20240611;

function draw(rng: Rng, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng();
  return out;
}

// Under independence the sample correlation of n pairs has sd ≈ 1/√n, so |r| < 4/√n fails a
// correct generator with probability ~6e-5 per check.
const N = 10_000;
const R_BOUND = 4 / Math.sqrt(N);

describe("streamFor", () => {
  it("gives the same numbers for the same (seed, replication, name)", () => {
    expect(draw(streamFor(SEED, 7, "world.outage"), 1000)).toEqual(draw(streamFor(SEED, 7, "world.outage"), 1000));
  });

  it("equals streamForKey with the pre-hashed name", () => {
    const key = streamKey("strategy.warm-standby.decide");
    expect(draw(streamForKey(SEED, 3, key), 100)).toEqual(draw(streamFor(SEED, 3, "strategy.warm-standby.decide"), 100));
  });

  it("draws exactly what seedrandom's Tyche-i draws from the same integer seed", () => {
    // random.ts runs its own copy of seedrandom's tychei (cheaper to create): the numbers of every
    // stream must stay those of the library, whatever the seed's size or the order of creation.
    const tychei = seedrandom.tychei as unknown as (seed: number) => Rng;
    const cases: [number, number, string][] = [
      [SEED, 0, "outage:us-east-1"],
      [SEED, 1, "outage:us-east-1"],
      [SEED, 1, "degradation:0"],
      [0, 0, ""],
      [-1, 2 ** 40, "x"],
      [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, "strategy:warm-standby"],
    ];
    for (let r = 0; r < 200; r++) cases.push([r % 3, r, `backup:${r - 100}`]);
    for (const [seed, replication, name] of cases) {
      const expected = draw(tychei(streamSeed(seed, replication, streamKey(name))), 64);
      expect(draw(streamFor(seed, replication, name), 64)).toEqual(expected);
    }
  });

  it("draws in [0, 1) with a uniform distribution", () => {
    const xs = draw(streamFor(SEED, 0, "uniformity"), 1_000_000);
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of xs) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    // Mean of U(0,1) is 1/2 with sd √(1/12); 4 standard errors of the mean.
    expect(Math.abs(moments(xs).mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / xs.length));
    expect(ksStatistic(xs.subarray(0, 20_000), (x) => x)).toBeLessThan(ksCritical001(20_000));
  });

  it("does not depend on other streams or their creation order", () => {
    const alone = draw(streamFor(SEED, 5, "a"), 50);
    const a = streamFor(SEED, 5, "a");
    const interleaved: number[] = [];
    for (let i = 0; i < 50; i++) {
      interleaved.push(a());
      streamFor(SEED, 5, `other-${i}`)();
      streamFor(SEED, 6, "a")();
    }
    expect(Float64Array.from(interleaved)).toEqual(alone);
  });

  it("gives uncorrelated streams for adjacent replications, similar names and adjacent seeds", () => {
    const pairs: [Rng, Rng][] = [
      [streamFor(SEED, 0, "outage:r1"), streamFor(SEED, 1, "outage:r1")],
      [streamFor(SEED, 41, "outage:r1"), streamFor(SEED, 41, "outage:r2")],
      [streamFor(SEED, 41, "a"), streamFor(SEED, 41, "b")],
      [streamFor(SEED, 2, "lag"), streamFor(SEED + 1, 2, "lag")],
      [streamFor(0, 0, "x"), streamFor(0, 2 ** 32, "x")],
    ];
    for (const [a, b] of pairs) {
      const xa = draw(a, N);
      const xb = draw(b, N);
      expect(Math.abs(correlation(xa, xb))).toBeLessThan(R_BOUND);
      // Also lagged by one draw: an offset copy of the same sequence would show up here.
      expect(Math.abs(correlation(xa.subarray(1), xb.subarray(0, N - 1)))).toBeLessThan(R_BOUND);
    }
  });

  it("makes the first draws across consecutive replications uniform and serially uncorrelated", () => {
    // Weak seeding shows first in the first output of streams with adjacent seeds.
    const key = streamKey("first");
    const firsts = new Float64Array(N);
    for (let r = 0; r < N; r++) firsts[r] = streamForKey(SEED, r, key)();
    expect(ksStatistic(firsts, (x) => x)).toBeLessThan(ksCritical001(N));
    expect(Math.abs(correlation(firsts.subarray(1), firsts.subarray(0, N - 1)))).toBeLessThan(R_BOUND);
  });

  it("accepts negative and large master seeds and large replication indices", () => {
    expect(draw(streamFor(-1, 0, "x"), 10)).not.toEqual(draw(streamFor(2 ** 32 - 1, 0, "x"), 10));
    expect(draw(streamFor(0, 2 ** 40, "x"), 10)).not.toEqual(draw(streamFor(0, 0, "x"), 10));
    expect(streamFor(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, "x")()).toBeLessThan(1);
  });

  it("rejects seeds and replications that are not safe integers", () => {
    expect(() => streamFor(1.5, 0, "x")).toThrow("random stream: masterSeed must be a safe integer, got 1.5");
    expect(() => streamFor(1, -1, "x")).toThrow("random stream: replication must be a non-negative safe integer, got -1");
    expect(() => streamFor(1, NaN, "x")).toThrow("replication must be a non-negative safe integer, got NaN");
    expect(() => streamForKey(1, 0, 0.5)).toThrow("random stream: key must come from streamKey(), got 0.5");
  });
});

describe("streamKey and streamSeed", () => {
  it("give distinct 53-bit values for many similar names and replications", () => {
    const keys = new Set<number>();
    for (let k = 0; k < 20_000; k++) keys.add(streamKey(`backup:${k}`));
    keys.add(streamKey(""));
    keys.add(streamKey("\0"));
    // A collision among 20,002 53-bit keys has probability ~n²/2^54 ≈ 2e-8.
    expect(keys.size).toBe(20_002);
    for (const k of keys) expect(Number.isSafeInteger(k) && k >= 0).toBe(true);

    const seeds = new Set<number>();
    const key = streamKey("outage");
    for (let r = 0; r < 20_000; r++) seeds.add(streamSeed(SEED, r, key));
    expect(seeds.size).toBe(20_000);
  });

  it("spreads adjacent replications over all 53 bits (avalanche)", () => {
    // Flipping the replication's lowest bit should flip each output bit with probability 1/2:
    // over 2,000 pairs the mean number of flipped low 32 bits is 16 ± 4·√(32/4/2000) ≈ ±0.25.
    const key = streamKey("avalanche");
    let flipped = 0;
    const pairs = 2000;
    for (let r = 0; r < 2 * pairs; r += 2) {
      let x = (streamSeed(SEED, r, key) ^ streamSeed(SEED, r + 1, key)) >>> 0;
      while (x !== 0) {
        flipped += x & 1;
        x >>>= 1;
      }
    }
    expect(Math.abs(flipped / pairs - 16)).toBeLessThan(4 * Math.sqrt(32 / 4 / pairs));
  });
});
