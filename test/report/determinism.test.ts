// Same inputs → byte-identical charts and report: two renders of the same run (in different
// directories, in one process, so Vega's module-level id counters would show) and of one trace.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { renderRunReport, renderTraceChart } from "../../src/report/charts/index.js";
import { PNG_SCALE } from "../../src/report/charts/render.js";
import { syntheticTrace, writeSyntheticRun } from "./fixture.js";

let root: string;
const a = (): string => join(root, "a");
const b = (): string => join(root, "b");

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "drsim-determinism-"));
  writeSyntheticRun(a(), { runs: 600, seed: 11 });
  writeSyntheticRun(b(), { runs: 600, seed: 11 });
  await renderRunReport(a());
  await renderRunReport(b());
  await renderRunReport(a()); // a second render over the first must change nothing either
  await renderTraceChart(syntheticTrace(), join(root, "trace-a"));
  await renderTraceChart(syntheticTrace(), join(root, "trace-b"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("every chart file and report.html are byte-identical across renders", () => {
  const files = readdirSync(join(a(), "charts")).sort();
  expect(files.filter((f) => f.endsWith(".png")).length).toBe(6); // five run charts + loss exceedance
  expect(files).toEqual(readdirSync(join(b(), "charts")).sort());
  for (const f of files) {
    expect(readFileSync(join(a(), "charts", f)).equals(readFileSync(join(b(), "charts", f))), f).toBe(true);
  }
  expect(readFileSync(join(a(), "report.html")).equals(readFileSync(join(b(), "report.html")))).toBe(true);
});

test("the trace chart is byte-identical across renders", () => {
  for (const ext of ["vl.json", "svg", "png"]) {
    const x = readFileSync(join(root, `trace-a.${ext}`));
    const y = readFileSync(join(root, `trace-b.${ext}`));
    expect(x.equals(y), ext).toBe(true);
  }
});

test("no temporary file is left behind", () => {
  const all = [...readdirSync(a()), ...readdirSync(join(a(), "charts"))];
  expect(all.filter((f) => f.includes(".tmp"))).toEqual([]);
});

test("the PNG is the SVG at 2×, and the SVG carries no timestamp or random id", () => {
  const svg = readFileSync(join(a(), "charts", "cost-risk.svg"), "utf8");
  const png = readFileSync(join(a(), "charts", "cost-risk.png"));
  const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
  expect(png.readUInt32BE(16)).toBe(w! * PNG_SCALE);
  expect(png.readUInt32BE(20)).toBe(h! * PNG_SCALE);
  expect(svg).not.toMatch(/\b20\d\d-\d\d-\d\d/);
  const ids = [...svg.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
  for (const id of ids) expect(id).toMatch(/^(clip|gradient)\d+$/);
});
