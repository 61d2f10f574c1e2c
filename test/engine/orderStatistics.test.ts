import { describe, expect, it } from "vitest";
import { ExactOrderStatistics } from "../../src/stats/orderStatistics.js";
import { streamFor } from "../../src/random/streams.js";

/** Runs the pass protocol over `values` (re-fed in a shuffled order each pass when `shuffle`). */
function select(values: Float64Array, ranks: number[], collectLimit: number, shuffle = false, budget?: number, expected?: number): { at: number[]; passes: number } {
  const os = new ExactOrderStatistics(collectLimit, budget, expected);
  for (const x of values) os.add(x);
  os.endPass();
  os.want(ranks);
  let passes = 1;
  const rng = streamFor(7, passes, "shuffle");
  while (os.needsPass) {
    const order = Float64Array.from(values);
    if (shuffle) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    }
    for (const x of order) os.add(x);
    os.endPass();
    passes++;
  }
  return { at: ranks.map((r) => os.valueAt(r)), passes };
}

/** `select`, feeding each pass in slices through addAll (the columns' path) instead of add. */
function selectAll(values: Float64Array, ranks: number[], collectLimit: number): { at: number[]; passes: number } {
  const os = new ExactOrderStatistics(collectLimit);
  const feed = (): void => {
    // Uneven slices, so the held values give way to the histogram inside one of them.
    for (let at = 0, k = 1; at < values.length; at += 37 * k, k++) os.addAll(values, at, Math.min(values.length, at + 37 * k));
    os.endPass();
  };
  feed();
  os.want(ranks);
  let passes = 1;
  for (; os.needsPass; passes++) feed();
  return { at: ranks.map((r) => os.valueAt(r)), passes };
}

/** Sample families that stress the digits: ties, zeros, signed zeros, negatives, tight clusters, NaN, ±Infinity. */
function samples(n: number): Record<string, Float64Array> {
  const rng = streamFor(42, n, "order-statistics");
  const make = (f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));
  return {
    lognormal: make(() => Math.exp(3 * (rng() + rng() + rng() - 1.5))),
    mostlyZero: make(() => (rng() < 0.8 ? 0 : rng() * 1e4)),
    constant: make(() => 1_089_123.25),
    // π·10⁶ + tiny offsets share their top three digits (and the third is not 0): forces
    // histograms at every level.
    tightCluster: make(() => Math.PI * 1e6 + rng() * 1e-6),
    signed: make(() => (rng() - 0.5) * 1e3),
    signedZeros: make((i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : rng() - 0.5)),
    fewDistinct: make(() => Math.floor(rng() * 5)),
    specials: make((i) => [NaN, Infinity, -Infinity, 1, -1][i % 5]! * (i % 10 < 5 ? 1 : rng())),
  };
}

function sortedReference(values: Float64Array, ranks: number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return ranks.map((r) => sorted[r]!);
}

describe("ExactOrderStatistics", () => {
  const n = 5000;
  const ranks = [0, 1, 2, 2499, 2500, 4499, 4500, 4949, 4950, 4994, 4995, 4998, 4999];
  for (const [name, values] of Object.entries(samples(n))) {
    it(`${name}: addAll of slices takes the same passes to the same doubles as add`, () => {
      for (const limit of [n, 1000, 64, 1]) {
        const one = select(values, ranks, limit);
        const all = selectAll(values, ranks, limit);
        expect(all.passes, `limit ${limit}`).toBe(one.passes);
        all.at.forEach((x, k) => expect(Object.is(x, one.at[k]), `limit ${limit}, rank ${ranks[k]}: ${x} vs ${one.at[k]}`).toBe(true));
      }
    });
  }
  for (const [name, values] of Object.entries(samples(n))) {
    for (const limit of [n, 64, 1]) {
      it(`${name}, collect limit ${limit}: equals sorting, bit for bit`, () => {
        const { at, passes } = select(values, ranks, limit, limit === 64);
        const expected = sortedReference(values, ranks);
        // Object.is tells −0 from +0 and matches NaN: equality of the doubles themselves.
        at.forEach((x, k) => expect(Object.is(x, expected[k]), `rank ${ranks[k]}: ${x} vs ${expected[k]}`).toBe(true));
        expect(passes).toBeLessThanOrEqual(5);
        if (limit === n) expect(passes).toBe(1);
      });
    }
  }

  for (const [name, values] of Object.entries(samples(n))) {
    it(`${name}: told the sample's size, it counts from the first value (no pass saved, none lost), bit for bit`, () => {
      const expected = sortedReference(values, ranks);
      // Told right, and told wrong either way: a hint only decides whether pass 1 holds values.
      for (const hint of [n, n * 10, 10]) {
        for (const limit of [1000, 64]) {
          const told = select(values, ranks, limit, false, undefined, hint);
          told.at.forEach((x, k) => expect(Object.is(x, expected[k]), `hint ${hint}, limit ${limit}, rank ${ranks[k]}`).toBe(true));
          expect(told.passes, `hint ${hint}, limit ${limit}`).toBe(select(values, ranks, limit).passes);
        }
      }
      // Told a size it cannot hold, a sample it could have held takes the passes instead of a sort.
      const small = select(values, ranks, n, false, undefined, n + 1);
      small.at.forEach((x, k) => expect(Object.is(x, expected[k])).toBe(true));
      // (Unless every wanted bin holds one value repeated: the histogram alone then answers.)
      if (name !== "constant" && name !== "fewDistinct") expect(small.passes).toBeGreaterThan(1);
    });
  }

  it("selects a large sample held whole by radix passes in memory: one pass asked, the doubles sorting gives", () => {
    const big = 40_000;
    const wanted = [0, 1, 2, 19_999, 20_000, 35_999, 36_000, 39_959, 39_960, 39_997, 39_998, 39_999];
    // Hundreds of ranks (a chart's curve) as well as a summary's few.
    const curve = Array.from({ length: 300 }, (_, k) => Math.floor((k * (big - 1)) / 299));
    for (const [name, values] of Object.entries(samples(big))) {
      for (const ranksWanted of [wanted, curve]) {
        const { at, passes } = select(values, ranksWanted, big);
        expect(passes, name).toBe(1);
        const expected = sortedReference(values, ranksWanted);
        at.forEach((x, k) => expect(Object.is(x, expected[k]), `${name}, rank ${ranksWanted[k]}: ${x} vs ${expected[k]}`).toBe(true));
      }
    }
  });

  it("gathers single values into bulk adds without losing any: add and addAll mixed, count exact at every step", () => {
    const values = samples(3000).lognormal!;
    const os = new ExactOrderStatistics(64);
    for (let i = 0; i < values.length; i++) {
      if (i % 700 < 350) os.add(values[i]!);
      else os.addAll(values, i, i + 1);
      if (i % 997 === 0) expect(os.count).toBe(i + 1);
    }
    os.endPass();
    expect(os.count).toBe(values.length);
    os.want([0, 1500, 2999]);
    while (os.needsPass) {
      for (const x of values) os.add(x);
      os.endPass();
    }
    const expected = sortedReference(values, [0, 1500, 2999]);
    [0, 1500, 2999].forEach((r, k) => expect(Object.is(os.valueAt(r), expected[k])).toBe(true));
  });

  it("keeps to its pass budget by probing fewer bins per pass: more passes, the same values", () => {
    const values = samples(n).lognormal!;
    const many = Array.from({ length: 200 }, (_, k) => Math.floor((k * (n - 1)) / 199));
    const roomy = select(values, many, 64);
    // A budget below one probe still runs one probe per pass.
    const tight = select(values, many, 64, false, 1);
    const expected = sortedReference(values, many);
    for (const run of [roomy, tight]) run.at.forEach((x, k) => expect(Object.is(x, expected[k])).toBe(true));
    expect(roomy.passes).toBeLessThanOrEqual(5);
    expect(tight.passes).toBeGreaterThan(roomy.passes + 10);
  });

  it("holds a histogram's pages only where values fall: a run's column costs kilobytes, not 65,536 bins (1 MiB)", () => {
    const count = 100_000;
    const rng = streamFor(9, count, "histogram-pages");
    // Doubles of every sign and exponent (random bits, NaN included): values reach every page.
    const words = Uint32Array.from({ length: 2 * count }, () => Math.floor(rng() * 2 ** 32));
    const families = { ...samples(count), everywhere: new Float64Array(words.buffer) };
    const wanted = [0, 1, 50_000, 90_000, 99_000, 99_900, 99_999];
    for (const [name, values] of Object.entries(families)) {
      // Told the count, past its collect limit: the top digit's histogram from the first value.
      const os = new ExactOrderStatistics(64, undefined, count);
      os.addAll(values, 0, count);
      // A page is 256 bins (16 binades) of 17 bytes: a lognormal's ~11 binades take 1–2 pages, values
      // of both signs down to 10⁻¹⁰ about 8; the arrays double, beside a 1 KiB page index. Random
      // bits reach all 256 pages: what 65,536 dense bins always cost.
      if (name === "everywhere") expect(os.bytes, name).toBeGreaterThan(2 ** 20);
      else expect(os.bytes, name).toBeLessThan(64 * 1024);
      os.endPass();
      os.want(wanted);
      while (os.needsPass) {
        os.addAll(values, 0, count);
        os.endPass();
      }
      const expected = sortedReference(values, wanted);
      wanted.forEach((r, k) => expect(Object.is(os.valueAt(r), expected[k]), `${name}, rank ${r}`).toBe(true));
    }
  });

  it("holds at most holdLimit values in pass 1, yet collects a later pass's bins up to collectLimit", () => {
    const values = samples(n).lognormal!;
    const expected = sortedReference(values, ranks);
    const os = new ExactOrderStatistics(n, undefined, undefined, 64);
    os.addAll(values, 0, n);
    // Past 64 values the sample is a histogram of a page or two, not 5,000 doubles (40 KB).
    expect(os.bytes).toBeLessThan(20 * 1024);
    os.endPass();
    os.want(ranks);
    let passes = 1;
    for (; os.needsPass; passes++) {
      os.addAll(values, 0, n);
      os.endPass();
    }
    // Each wanted bin (≤ 5,000 values) is collected and sorted in the one pass after the first.
    expect(passes).toBe(2);
    ranks.forEach((r, k) => expect(Object.is(os.valueAt(r), expected[k]), `rank ${r}`).toBe(true));
  });

  it("needs no pass beyond the first for a sample of identical values, however large", () => {
    const { passes } = select(new Float64Array(10_000).fill(3), [0, 5000, 9999], 16);
    expect(passes).toBe(1);
  });

  it("fails loudly when a later pass sees different values", () => {
    const values = samples(1000).lognormal!;
    const os = new ExactOrderStatistics(8);
    for (const x of values) os.add(x);
    os.endPass();
    os.want([500]);
    expect(os.needsPass).toBe(true);
    // One more copy of the wanted value: its bin now holds one value more than pass 1 counted.
    const median = Float64Array.from(values).sort()[500]!;
    expect(() => {
      for (const x of [...values, median]) os.add(x);
      os.endPass();
    }).toThrow(/different values/);
  });

  it("rejects ranks outside the sample and unresolved reads", () => {
    const os = new ExactOrderStatistics();
    for (const x of [3, 1, 2]) os.add(x);
    os.endPass();
    expect(() => os.want([3])).toThrow(RangeError);
    expect(() => os.valueAt(1)).toThrow(/not resolved/);
    os.want([1]);
    expect(os.valueAt(1)).toBe(2);
  });
});
