// `drsim chart DIR` (the command module, in process): regenerates charts and report.html from a
// saved run, and rejects what is not a run directory as a user error (exit 2). Then, when the
// built CLI exists (npm test builds it), the same on a real small run of the default scenario.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { define } from "../../src/cli/commands/chart.js";
import { UserError } from "../../src/errors.js";
import { loadRun } from "../../src/report/charts/load/run.js";
import { renderTraceChart, runCharts } from "../../src/report/charts/index.js";
import { renderSvg } from "../../src/report/charts/render.js";
import { syntheticTrace, writeSyntheticRun } from "./fixture.js";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "drsim-chart-cli-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function chartCommand(...args: string[]): Promise<void> {
  const cmd = new Command("chart").exitOverride();
  define(cmd);
  await cmd.parseAsync(["--quiet", ...args], { from: "user" });
}

describe("drsim chart", () => {
  test("regenerates every chart and report.html without touching the data", async () => {
    const dir = writeSyntheticRun(join(root, "run"), { runs: 300 });
    const before = readFileSync(join(dir, "replications.csv"));
    await chartCommand(dir);
    const files = readdirSync(join(dir, "charts")).sort();
    for (const name of ["downtime-ecdf", "exceedance", "cost-risk", "rto-rpo", "recovery-steps"]) {
      for (const ext of ["vl.json", "svg", "png"]) expect(files).toContain(`${name}.${ext}`);
    }
    expect(statSync(join(dir, "report.html")).size).toBeGreaterThan(800_000);
    expect(readFileSync(join(dir, "replications.csv")).equals(before)).toBe(true);
  });

  test("a directory that is not a run is a user error naming what is missing", async () => {
    await expect(chartCommand(join(root, "nope"))).rejects.toThrow(UserError);
    const empty = mkdtempSync(join(root, "empty-"));
    await expect(chartCommand(empty)).rejects.toThrow(/no summary\.json/);
    writeFileSync(join(empty, "summary.json"), "{ not json");
    await expect(chartCommand(empty)).rejects.toThrow(UserError);
  });

  test("a trace's timeline is written as three files", async () => {
    const prefix = join(root, "trace", "ws-17");
    await renderTraceChart(syntheticTrace(), prefix, { title: "Warm standby: replication 17" });
    for (const p of [`${prefix}.vl.json`, `${prefix}.svg`, `${prefix}.png`]) expect(existsSync(p), p).toBe(true);
  });
});

const CLI = resolve("dist/cli.js");
describe.skipIf(!existsSync(CLI))("on a real run of the default scenario (built CLI)", () => {
  let dir: string;
  beforeAll(() => {
    dir = join(root, "real");
    const r = spawnSync(process.execPath, [CLI, "run", "-n", "300", "--seed", "3", "--workers", "1", "--quiet", "--out", dir], {
      encoding: "utf8",
      timeout: 120_000,
    });
    if (r.status !== 0) throw new Error(`drsim run failed (${r.status}): ${r.stderr}`);
  });

  test("its charts render without warnings, with data for every strategy", async () => {
    const run = await loadRun(dir);
    expect(run.strategies.length).toBeGreaterThanOrEqual(2);
    for (const chart of runCharts(run)) {
      const warnings: string[] = [];
      const svg = await renderSvg(chart.spec, warnings);
      expect(warnings, chart.name).toEqual([]);
      expect(svg.length).toBeGreaterThan(5_000);
    }
    for (const s of run.strategies) expect(run.replications.get(s.id)?.n).toBe(300);
  });

  test("drsim chart on it writes the report, twice identically", async () => {
    await chartCommand(dir);
    const first = readFileSync(join(dir, "charts", "exceedance.png"));
    const html = readFileSync(join(dir, "report.html"));
    await chartCommand(dir);
    expect(readFileSync(join(dir, "charts", "exceedance.png")).equals(first)).toBe(true);
    expect(readFileSync(join(dir, "report.html")).equals(html)).toBe(true);
  });
});
