// The small pieces under the charts: font metrics (against resvg's own layout), downsampling,
// the incident digest, compact JSON, label placement, colours, trace parsing and number wording.
import { Resvg } from "@resvg/resvg-js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { FONT_FAMILY, FONT_FILES, measureText } from "../../src/report/charts/fonts.js";
import { duration, horizonAdjective, sharePercent } from "../../src/report/numbers.js";
import { decades, sparseLogLabels } from "../../src/report/charts/scales.js";
import { compactJson } from "../../src/report/charts/json.js";
import { placeLabels } from "../../src/report/charts/labels.js";
import { loadIncidents } from "../../src/report/charts/load/incidents.js";
import { csvFormat } from "../../src/store/csvFormat.js";
import { strategyColors } from "../../src/report/charts/palette.js";
import { curveRanks, positiveEcdf, zeroShare } from "../../src/stats/curve.js";
import { timelineChart } from "../../src/report/charts/timeline.js";
import { focusWindow, parseTrace } from "../../src/report/charts/traceParse.js";
import { syntheticTrace } from "./fixture.js";
import { rows, title } from "./specWalk.js";

describe("font metrics", () => {
  /** Ink width of `text` as resvg lays it out with the committed font. */
  function resvgWidth(text: string, weight: string): number {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="60"><text x="10" y="40" font-family="${FONT_FAMILY}" font-size="20" font-weight="${weight}">${text}</text></svg>`;
    const r = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [FONT_FILES.regular, FONT_FILES.bold] } });
    return r.getBBox()!.width;
  }

  test.each([
    ["Full downtime per year (minutes, log scale)", "normal"],
    ["Warm standby 30 %: no downtime in 72 % of years", "normal"],
    ["Cost against risk: what each strategy buys", "bold"],
  ])("measureText agrees with resvg within 2 %% for %j", (text, weight) => {
    const ours = measureText({ fontSize: 20, fontWeight: weight }, text);
    const theirs = resvgWidth(text, weight);
    expect(Math.abs(ours - theirs) / theirs).toBeLessThan(0.02);
  });

  test("bold is wider than regular; empty text is 0", () => {
    expect(measureText({ fontSize: 12, fontWeight: "bold" }, "Backup")).toBeGreaterThan(measureText({ fontSize: 12 }, "Backup"));
    expect(measureText({ fontSize: 12 }, "")).toBe(0);
  });
});

describe("downsampling", () => {
  test("small samples keep every rank; large ones ≤ max with both ends and a dense tail", () => {
    expect(curveRanks(5, 500)).toEqual([0, 1, 2, 3, 4]);
    const r = curveRanks(100_000, 500);
    expect(r.length).toBeLessThanOrEqual(500);
    expect(r[0]).toBe(0);
    expect(r[r.length - 1]).toBe(99_999);
    expect(r.filter((i) => i >= 99_900).length).toBeGreaterThan(20); // the top 0.1 % is well drawn
  });

  test("positiveEcdf: exact CDF values at positive points, zeros counted but not drawn", () => {
    const values = [0, 0, 0, 1, 2, 2, 5, 10];
    expect(zeroShare(values)).toBeCloseTo(3 / 8);
    expect(positiveEcdf(values)).toEqual([
      { x: 1, cdf: 4 / 8 },
      { x: 2, cdf: 6 / 8 },
      { x: 5, cdf: 7 / 8 },
      { x: 10, cdf: 1 },
    ]);
  });
});

describe("incident digest", () => {
  test("step sums over responded incidents, even sample plus the worst", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drsim-csv-"));
    try {
      const header =
        "replication,strategy,incident,start,cause,regions,eventDuration,detect,decide,provision,restore,promote,switchTraffic,scale,failback,rto,rpo,downtimeSeconds,failedRequests,lostWrites,failedOver,aborted,attempts";
      const lines = [header];
      for (let i = 0; i < 50; i++) lines.push(`${i},ws,0,10,region-outage,us-east-1,3600,60,600,,,120,60,300,,${1000 + i},${i % 5},900,1,1,true,false,1`);
      lines.push("50,ws,0,10,degradation,us-east-1,600,30,,,,,,,,600,0,0,0,0,false,false,0"); // detect only: not responded
      lines.push("51,ws,0,10,partition,\"us-east-1+us-west-2\",60,,,,,,,,,0,0,0,0,0,false,false,0"); // no impact
      writeFileSync(join(dir, "incidents.csv"), `${lines.join("\n")}\n`);
      const rows = csvFormat.source(dir, { strategies: ["ws"], range: { start: 0, end: 52 } });
      const d = (await loadIncidents(rows, ["ws"], 10)).get("ws")!;
      expect(d.count).toBe(52);
      expect(d.responded).toBe(50);
      expect(d.impactful).toBe(51);
      expect(d.stepSeconds.decide).toBe(50 * 600);
      expect(d.stepSeconds.detect).toBe(50 * 60);
      expect(d.stepRuns.provision).toBe(0);
      expect(d.sample.length).toBeGreaterThanOrEqual(10);
      expect(d.sample.length).toBeLessThanOrEqual(12);
      expect(d.sample.some((p) => p.rto === 1049)).toBe(true); // the worst RTO is always kept
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("compact JSON", () => {
  test("rows on one line, structure indented, round-trips", () => {
    const v = { a: [{ x: 1, y: "s" }, { x: 2, y: "t" }], b: { c: [1, 2, 3] }, d: null };
    const s = compactJson(v);
    expect(JSON.parse(s)).toEqual(v);
    expect(s).toContain('    {"x": 1, "y": "s"},');
    expect(s).toContain('"c": [1, 2, 3]');
  });
});

describe("label placement", () => {
  test("labels of close points do not overlap and stay inside the plot", () => {
    const font = { fontSize: 12, fontWeight: "bold" };
    const placed = placeLabels(
      [
        { text: "Pilot light", x: 100, y: 100 },
        { text: "Warm standby", x: 120, y: 104 },
        { text: "Active–active", x: 590, y: 100 },
      ],
      { width: 600, height: 300 },
      font,
    );
    const boxes = placed.map((p) => {
      const w = measureText(font, p.text);
      const x0 = p.align === "left" ? p.x : p.x - w;
      return { x0, x1: x0 + w, y0: p.y - 7, y1: p.y + 7 };
    });
    expect(boxes[0]!.x1 <= boxes[1]!.x0 || boxes[1]!.x1 <= boxes[0]!.x0 || boxes[0]!.y1 <= boxes[1]!.y0 || boxes[1]!.y1 <= boxes[0]!.y0).toBe(true);
    expect(placed[2]!.align).toBe("right"); // no room on the right of the last point
    for (const b of boxes) expect(b.x0 >= 0 && b.x1 <= 600).toBe(true);
  });
});

describe("colours", () => {
  test("each type keeps its colour; a second strategy of a type gets an unused one", () => {
    const c = strategyColors(["warm-standby", "warm-standby", "backup-restore", "active-active", "pilot-light"]);
    expect(c[0]).toBe("#0072B2");
    expect(c[2]).toBe("#D55E00");
    expect(c[3]).toBe("#009E73");
    expect(c[4]).toBe("#E69F00");
    expect(new Set(c).size).toBe(5);
  });
});

describe("trace parsing", () => {
  test("pairs begin/end into lanes, keeps instants, zooms on the incident and its failback", () => {
    const t = parseTrace(syntheticTrace());
    expect(t.lanes.slice(0, 3)).toEqual(["Outage us-east-1", "Control plane us-east-1", "Network partition"]);
    expect(t.intervals.filter((i) => i.kind === "promote")).toHaveLength(2);
    expect(t.instants.map((i) => i.event)).toContain("failover");
    const w = focusWindow(t);
    const failback = t.intervals.find((i) => i.kind === "failback")!;
    expect(w.incident?.kind).toBe("incident");
    expect(w.start).toBeLessThan(w.incident!.start);
    expect(w.end).toBeGreaterThan(failback.end);
    expect(w.end - w.start).toBeLessThan(86400); // the partition months earlier is not in the zoom
  });

  test("a failback days later stays out of the zoom and is listed instead; ramps are drawn as ramps", () => {
    const late = syntheticTrace().map((r) =>
      r.detail === "failback" || r.event === "failback" || (r.event === "capacity" && r.time >= 120 * 86400 + 22.5 * 3600 && r.time < 121 * 86400)
        ? { ...r, time: r.time + 40 * 3600 }
        : r.event === "capacity" && r.value === 0.3
          ? { ...r, detail: "ramp" }
          : r,
    );
    const t = parseTrace(late);
    const w = focusWindow(t);
    expect(w.after.map((i) => i.kind)).toEqual(["failback"]);
    expect(w.end).toBeLessThan(t.intervals.find((i) => i.kind === "failback")!.start);
    const chart = timelineChart(late, { horizon: 365.25 * 86400 });
    expect(title(chart.spec)).toMatch(/After the zoom: Failback/);
    const levels = rows(chart.spec).filter((r) => typeof r.value === "number").map((r) => r.value as number);
    expect(levels.filter((v) => v > 0.3 && v < 0.6).length).toBeGreaterThan(5); // the 0.3 → 0.6 ramp, finely stepped
  });

  test("an interval that never ends runs to the last record", () => {
    const t = parseTrace([
      { time: 0, event: "outage-begin", region: "r", detail: "", value: Number.NaN },
      { time: 50, event: "capacity", region: "", detail: "", value: 0 },
    ]);
    expect(t.intervals[0]).toMatchObject({ start: 0, end: 50, ended: false });
  });
});

describe("wording", () => {
  test("horizons, percentages, durations, decades", () => {
    expect(horizonAdjective(8766)).toBe("annual");
    expect(horizonAdjective(720)).toBe("per 30-day horizon");
    expect(sharePercent(0.7234)).toBe("72\u202f%");
    expect(sharePercent(0.0004)).toBe("<\u202f0.1\u202f%");
    expect(duration(75)).toBe("75 s");
    expect(duration(4800)).toBe("80 min");
    expect(duration(7.4 * 3600)).toBe("7.4 h");
    expect(decades(0.35, 870)).toEqual([0.1, 1, 10, 100, 1000]);
    expect(sparseLogLabels([1, 10, 100])).toBeUndefined();
    expect(sparseLogLabels([0.01, 0.1, 1, 10, 100, 1000, 10000])).toContain("[0.01,1,100,10000]");
  });
});
