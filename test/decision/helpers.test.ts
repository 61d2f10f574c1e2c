// The small pieces of decision support: Wilson intervals, value lists, metric paths, sweep axes
// and the grid.
import { describe, expect, it } from "vitest";
import { sweepAxis } from "../../src/analysis/axis.js";
import { successesToDemonstrate, wilson } from "../../src/analysis/binomial.js";
import { gridPoints, sweepParameters } from "../../src/analysis/grid.js";
import { splitValues } from "../../src/analysis/listValues.js";
import { parseMetricPath } from "../../src/analysis/metricPath.js";

describe("Wilson interval", () => {
  it("matches published values", () => {
    // Newcombe (1998), Statistics in Medicine 17:857, table II: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605.
    const a = wilson(81, 263);
    expect(a.ci95[0]).toBeCloseTo(0.2553, 4);
    expect(a.ci95[1]).toBeCloseTo(0.3662, 4);
    const b = wilson(15, 148);
    expect(b.ci95[0]).toBeCloseTo(0.0624, 4);
    expect(b.ci95[1]).toBeCloseTo(0.1605, 4);
    // All successes: the lower bound is n / (n + z²), the upper exactly 1.
    const c = wilson(20, 20);
    expect(c.ci95[0]).toBeCloseTo(20 / (20 + 1.959963984540054 ** 2), 12);
    expect(c.ci95[1]).toBe(1);
    expect(wilson(0, 10).ci95[0]).toBe(0);
    expect(wilson(0, 0)).toEqual({ k: 0, n: 0, p: NaN, ci95: [0, 1] });
    expect(() => wilson(3, 2)).toThrow(RangeError);
  });

  it("covers the true proportion close to 95 % of the time (exact binomial coverage)", () => {
    // Brown, Cai & DasGupta (2001), Statistical Science 16:101: Wilson's coverage oscillates within a
    // couple of points of the nominal level for n in the hundreds, even near p = 0.99 — unlike Wald.
    const logChoose = (n: number, k: number): number => {
      let s = 0;
      for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
      return s;
    };
    for (const n of [200, 1000]) {
      for (const p of [0.5, 0.9, 0.95, 0.99]) {
        let coverage = 0;
        for (let k = 0; k <= n; k++) {
          const [lo, hi] = wilson(k, n).ci95;
          if (lo <= p && p <= hi) coverage += Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
        }
        expect(coverage, `n=${n} p=${p}`).toBeGreaterThan(0.93);
        expect(coverage, `n=${n} p=${p}`).toBeLessThan(0.97);
      }
    }
  });

  it("successesToDemonstrate: the least k whose lower bound reaches the level", () => {
    const k = successesToDemonstrate(1000, 0.95)!;
    expect(wilson(k, 1000).ci95[0]).toBeGreaterThanOrEqual(0.95);
    expect(wilson(k - 1, 1000).ci95[0]).toBeLessThan(0.95);
    // 20 of 20 only demonstrates 0.84: 0.95 cannot be shown with 20 trials.
    expect(successesToDemonstrate(20, 0.95)).toBeUndefined();
  });
});

describe("value lists", () => {
  it("splits on commas outside brackets and quotes", () => {
    expect(splitValues("0.1/year, 0.3/year,1/year")).toEqual(["0.1/year", "0.3/year", "1/year"]);
    expect(splitValues("{dist: uniform, min: 1m, max: 3m},5m")).toEqual(["{dist: uniform, min: 1m, max: 3m}", "5m"]);
    expect(splitValues('"a,b",[1, 2]')).toEqual(['"a,b"', "[1, 2]"]);
    expect(() => splitValues("1,,2")).toThrow(/empty value/);
    expect(() => splitValues("{a: 1")).toThrow(/unbalanced brackets/);
  });
});

describe("metric paths", () => {
  it("parses <metric>.<stat> and scalar fields", () => {
    expect(parseMetricPath("downtimeMinutes.p99")).toMatchObject({ metric: "downtimeMinutes", stat: "p99" });
    expect(parseMetricPath("incidents.rtoMinutes.p90")).toMatchObject({ metric: "incidents.rtoMinutes", stat: "p90" });
    expect(parseMetricPath("costUSD.ci95lo")).toMatchObject({ metric: "costUSD", stat: "ci95lo" });
    expect(parseMetricPath("nines")).toMatchObject({ metric: "nines", stat: undefined });
    expect(() => parseMetricPath("costUSD")).toThrow(/unknown metric "costUSD"/);
    expect(() => parseMetricPath("incidents.rtoMinute.p50")).toThrow(/did you mean "incidents.rtoMinutes.p50"/);
  });
});

describe("sweep axes", () => {
  it("reads values with the scenario's unit parser, in one display unit", () => {
    expect(sweepAxis(["0.05/year", "0.1/year", "2/month"])).toEqual({ kind: "quantitative", x: [0.05, 0.1, 24], unit: "per year", slug: "per_year" });
    expect(sweepAxis(["30m", "1h", "1d"])).toEqual({ kind: "quantitative", x: [30, 60, 1440], unit: "minutes", slug: "minutes" });
    expect(sweepAxis(["12h", "1d"])).toMatchObject({ x: [12, 24], unit: "hours" });
    expect(sweepAxis(["0.2", "0.5"])).toEqual({ kind: "quantitative", x: [0.2, 0.5], unit: "", slug: "" });
    expect(sweepAxis(["50MB/s", "1Gbps"])).toMatchObject({ x: [50, 125], unit: "MB/s" });
    expect(sweepAxis(["500GB", "2TB"])).toMatchObject({ x: [500, 2000], unit: "GB" });
  });

  it("falls back to ordinal for mixed kinds and non-numbers", () => {
    expect(sweepAxis(["1h", "0.1/year"])).toEqual({ kind: "ordinal" });
    expect(sweepAxis(["{dist: fixed, value: 5m}", "10m"])).toEqual({ kind: "ordinal" });
    expect(sweepAxis(["async", "sync"])).toEqual({ kind: "ordinal" });
  });
});

describe("sweep grid", () => {
  it("is the Cartesian product, first parameter slowest", () => {
    const params = sweepParameters([
      { path: "a", value: "1,2" },
      { path: "b", value: "x,y,z" },
    ]);
    const points = gridPoints(params);
    expect(points.map((p) => p.values.join(""))).toEqual(["1x", "1y", "1z", "2x", "2y", "2z"]);
    expect(points[4]!.overrides).toEqual([{ path: "a", value: "2" }, { path: "b", value: "y" }]);
    expect(gridPoints([])).toEqual([{ index: 0, values: [], overrides: [] }]);
    expect(() => sweepParameters([{ path: "a", value: "1,1" }])).toThrow(/listed twice/);
  });
});
