// Each chart's Vega-Lite spec: the right fields, units in the axis titles, one colour per strategy
// (the same in every chart), data for every strategy, compact data, and no vega-lite warning.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Chart } from "../../src/report/charts/chart.js";
import { runCharts } from "../../src/report/charts/index.js";
import { loadRun, type RunData } from "../../src/report/charts/load/run.js";
import { renderSvg } from "../../src/report/charts/render.js";
import { timelineChart } from "../../src/report/charts/timeline.js";
import { SYNTHETIC_STRATEGIES, syntheticTrace, writeSyntheticRun } from "./fixture.js";
import { axisTitles, colorDefs, fields, rows, title } from "./specWalk.js";

let dir: string;
let run: RunData;
let charts: Map<string, Chart>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "drsim-specs-"));
  writeSyntheticRun(dir, { runs: 1500 });
  run = await loadRun(dir);
  charts = new Map(runCharts(run).map((c) => [c.name, c]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chart = (name: string): Chart => {
  const c = charts.get(name);
  if (c === undefined) throw new Error(`no chart ${name}`);
  return c;
};
const labels = SYNTHETIC_STRATEGIES.map((s) => s.label);

/** Expected: [chart, fields it must plot, a unit each axis title set must mention]. */
const EXPECTED: [string, string[], RegExp[]][] = [
  ["exceedance", ["x", "p", "strategy"], [/recovery.*min/, /data loss.*\(s/, /no request served.*\(log\)/, /P\(/]],
  ["rto-rpo", ["rto", "rpo", "strategy"], [/RTO.*minutes/, /RPO.*seconds/]],
  ["loss-exceedance", ["x", "p", "strategy"], [/USD/, /P\(/]],
  ["cost-risk", ["cost", "minutes", "lo", "strategy"], [/USD/, /minutes/]],
  ["downtime-ecdf", ["minutes", "share", "strategy"], [/minutes/, /%|share/i]],
  ["recovery-steps", ["minutes", "step", "strategy"], [/minutes/]],
];

describe("run charts", () => {
  test("the six run charts, in report order", () => {
    expect([...charts.keys()]).toEqual(EXPECTED.map(([name]) => name));
  });

  test.each(EXPECTED)("%s plots the right fields with units in its axis titles", (name, want, units) => {
    const c = chart(name);
    const used = fields(c.spec);
    for (const f of want) expect(used, `field ${f}`).toContain(f);
    const titles = axisTitles(c.spec).join(" | ");
    for (const u of units) expect(titles).toMatch(u);
    expect(title(c.spec).length).toBeGreaterThan(20);
    expect(c.howToRead.length).toBeGreaterThanOrEqual(2);
  });

  test.each(EXPECTED.filter(([n]) => n !== "recovery-steps"))(
    "%s gives each strategy one colour, the same in every chart, and draws every strategy",
    (name) => {
      const c = chart(name);
      const defs = colorDefs(c.spec, "strategy");
      expect(defs.length).toBeGreaterThan(0);
      for (const d of defs) {
        const scale = d.scale as { domain: string[]; range: string[] };
        expect(scale.domain).toEqual(labels);
        expect(scale.range).toEqual(run.strategies.map((s) => s.color));
        expect(new Set(scale.range).size).toBe(labels.length);
      }
      const drawn = new Set(rows(c.spec).map((r) => r.strategy));
      for (const l of labels) expect(drawn, l).toContain(l);
    },
  );

  test("strategy colours are Okabe–Ito, by type", () => {
    expect(run.strategies.map((s) => s.color)).toEqual(["#D55E00", "#E69F00", "#0072B2", "#009E73"]);
  });

  test("recovery-steps stacks the pipeline steps in order, one bar per strategy", () => {
    const c = chart("recovery-steps");
    const bars = rows(c.spec).filter((r) => typeof r.step === "string");
    for (const l of labels) expect(bars.some((b) => b.strategy === l)).toBe(true);
    const color = colorDefs(c.spec, "step")[0]!.scale as { domain: string[]; range: string[] };
    expect(color.domain[0]).toBe("Detect");
    // Up to full service only: the wait for the primary apart from the decision, no failback.
    expect(color.domain).not.toContain("Failback");
    expect(new Set(color.range).size).toBe(color.domain.length);
    // Backup & restore provisions and restores; warm standby promotes.
    expect(bars.some((b) => b.strategy === "Backup & restore" && b.step === "Restore backup")).toBe(true);
    expect(bars.some((b) => b.strategy === "Warm standby 30 %" && b.step === "Promote replica")).toBe(true);
  });

  test("the ECDF legend states each strategy's zero-downtime share", () => {
    const legend = JSON.stringify(chart("downtime-ecdf").spec);
    for (const l of labels) expect(legend).toMatch(new RegExp(`${l}: no downtime in \\d+`));
  });

  test("zeros on log axes are drawn at a floor that the chart explains", () => {
    const c = chart("rto-rpo");
    expect(title(c.spec)).toMatch(/RPO = 0/);
    const rpo = rows(c.spec).filter((r) => typeof r.rpo === "number").map((r) => r.rpo as number);
    expect(Math.min(...rpo)).toBeGreaterThan(0);
  });

  test("specs stay small: per-replication data is downsampled", () => {
    // At most 300 points per curve: the exceedance chart draws four curves per strategy (plus one
    // starting point and a worst-year dot each), the others one or none.
    for (const c of charts.values()) expect(rows(c.spec).length, c.name).toBeLessThanOrEqual(4 * 4 * 303);
    expect(rows(chart("downtime-ecdf").spec).length).toBeLessThanOrEqual(4 * 302);
  });

  test.each(EXPECTED.map(([n]) => n))("%s compiles and renders without warnings", async (name) => {
    const warnings: string[] = [];
    const svg = await renderSvg(chart(name).spec, warnings);
    expect(warnings).toEqual([]);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('font-family="DejaVu Sans, Verdana, sans-serif"');
  });
});

describe("timeline chart", () => {
  const c = timelineChart(syntheticTrace(), { title: "Warm standby 30 %: replication 17", horizon: 365.25 * 86400 });

  test("lanes for the outage, the incident and each pipeline step, and the capacity panel", () => {
    const lanes = new Set(rows(c.spec).map((r) => r.lane));
    for (const l of ["Outage us-east-1", "Incident (impact)", "Detect", "Decide", "Promote replica", "Scale", "Failback", "Events"]) {
      expect(lanes, l).toContain(l);
    }
    expect(rows(c.spec).some((r) => typeof r.value === "number" && r.value > 0 && r.value < 1)).toBe(true);
    const titles = axisTitles(c.spec).join(" | ");
    expect(titles).toMatch(/hours/);
    expect(titles).toMatch(/Day/);
    expect(titles).toMatch(/% of demand/);
  });

  test("renders without warnings", async () => {
    const warnings: string[] = [];
    await renderSvg(c.spec, warnings);
    expect(warnings).toEqual([]);
  });
});

describe("degenerate runs", () => {
  test("no incidents at all and a strategy that never fails still chart without warnings", async () => {
    const d = mkdtempSync(join(tmpdir(), "drsim-degenerate-"));
    try {
      writeSyntheticRun(d, { runs: 40 });
      const incidents = readFileSync(join(d, "incidents.csv"), "utf8").split("\n")[0]!;
      writeFileSync(join(d, "incidents.csv"), `${incidents}\n`);
      const [header, ...lines] = readFileSync(join(d, "replications.csv"), "utf8").trim().split("\n");
      const cols = header!.split(",");
      const zeroed = lines.map((l) => {
        const f = l.split(",");
        if (f[1] === "active-active") for (const c of ["downtimeSeconds", "dataLossSeconds", "regionFailureDataLossSeconds", "worstRtoSeconds", "worstRpoSeconds"]) f[cols.indexOf(c)] = "0";
        return f.join(",");
      });
      writeFileSync(join(d, "replications.csv"), `${[header, ...zeroed].join("\n")}\n`);
      const degenerate = await loadRun(d);
      for (const c of runCharts(degenerate)) {
        const warnings: string[] = [];
        await renderSvg(c.spec, warnings);
        expect(warnings, c.name).toEqual([]);
      }
      const exceed = runCharts(degenerate).find((c) => c.name === "exceedance")!;
      expect(title(exceed.spec)).toMatch(/No curve where nothing happened in any year: Active–active \(worst rto of the year\); Active–active \(worst rpo of the year\); Active–active \(full outage per year\); Active–active \(data loss from region failures per year\)/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
