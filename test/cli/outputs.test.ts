// drsim run's outputs with the real model: the summary.json contract, --json, the terminal table,
// CSVs that agree with summary.json, trace.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, drsim, tempDir } from "./helpers.js";

const STAT_KEYS = ["mean", "sd", "ci95", "p50", "p90", "p95", "p99", "p999", "max"];
const METRICS = ["availability", "downtimeMinutes", "unavailability", "dataLossSeconds", "lostWrites", "costUSD", "standingCostUSD"];

interface StatJson { mean: number | null; p99: number | null; ci95: [number | null, number | null]; n: number }
interface SummaryJson {
  drsim: string; scenario: string; seed: number; runs: number; horizonHours: number;
  strategies: Record<string, Record<string, StatJson> & { incidents: Record<string, StatJson> }>;
  differences: { baseline: string; strategies: Record<string, Record<string, { mean: number; ci95: [number, number] }>> };
}

const out = tempDir("outputs");
let stdout = "";
let summary: SummaryJson;

beforeAll(() => {
  const r = drsim(["run", DEFAULT_SCENARIO, "-n", "2000", "--seed", "3", "--json", "--no-progress", "--no-charts", "--out", out]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  stdout = r.stdout;
  summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as SummaryJson;
  // The rows are Parquet; read them here as the CSV drsim export writes from them.
  const e = drsim(["export", out, "--quiet"]);
  expect(e.stderr).toBe("");
  expect(e.status).toBe(0);
});

function csvRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, "utf8").trimEnd().split("\n");
  const names = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [names[i]!, v])));
}

function quantile7(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const i = Math.floor(h);
  return i + 1 < s.length ? s[i]! + (h - i) * (s[i + 1]! - s[i]!) : s[i]!;
}

describe("drsim run outputs", () => {
  it("--json prints exactly summary.json", () => {
    expect(stdout).toBe(readFileSync(join(out, "summary.json"), "utf8"));
  });

  it("summary.json follows the contract", () => {
    expect(summary).toMatchObject({ scenario: "default", seed: 3, runs: 2000 });
    expect(summary.horizonHours).toBeCloseTo(8766, 6);
    expect(typeof summary.drsim).toBe("string");
    const ids = Object.keys(summary.strategies);
    expect(ids).toEqual(["backup-restore", "pilot-light", "warm-standby", "active-active"]);
    for (const id of ids) {
      const s = summary.strategies[id]!;
      for (const m of METRICS) expect(Object.keys(s[m]!), `${id}.${m}`).toEqual(expect.arrayContaining(STAT_KEYS));
      for (const m of ["count", "rtoMinutes", "rpoSeconds"]) expect(Object.keys(s.incidents[m]!)).toEqual(expect.arrayContaining(STAT_KEYS));
      expect(s.availability!.mean! + s.unavailability!.mean!).toBeCloseTo(1, 12);
      expect(s.downtimeMinutes!.ci95[0]!).toBeLessThanOrEqual(s.downtimeMinutes!.mean!);
    }
    expect(summary.differences.baseline).toBe("backup-restore");
    expect(Object.keys(summary.differences.strategies)).toEqual(["pilot-light", "warm-standby", "active-active"]);
  });

  it("replications.csv and incidents.csv (exported from the Parquet files) agree with summary.json", () => {
    const reps = csvRows(join(out, "replications.csv"));
    expect(reps).toHaveLength(2000 * 4);
    const incidents = csvRows(join(out, "incidents.csv"));
    for (const id of Object.keys(summary.strategies)) {
      const downtime = reps.filter((r) => r.strategy === id).map((r) => Number(r.downtimeSeconds) / 60);
      const stats = summary.strategies[id]!;
      expect(stats.downtimeMinutes!.mean!).toBeCloseTo(downtime.reduce((a, b) => a + b, 0) / downtime.length, 9);
      expect(stats.downtimeMinutes!.p99!).toBeCloseTo(quantile7(downtime, 0.99), 9);
      const rto = incidents.filter((r) => r.strategy === id && r.rto !== "").map((r) => Number(r.rto) / 60);
      expect(stats.incidents.rtoMinutes!.n).toBe(rto.length);
      if (rto.length > 0) expect(stats.incidents.rtoMinutes!.p99!).toBeCloseTo(quantile7(rto, 0.99), 9);
    }
  });

  it("the terminal table has one aligned row per strategy with units in the headers; charts by default", () => {
    const dir = tempDir("table");
    const r = drsim(["run", DEFAULT_SCENARIO, "-n", "300", "--no-progress", "--out", dir]);
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, "report.html"))).toBe(true);
    expect(existsSync(join(dir, "charts", "downtime-ecdf.png"))).toBe(true);
    const lines = r.stdout.split("\n");
    const header = lines.find((l) => l.startsWith("strategy"))!;
    // Three header lines: what, unit, statistic — full outage and partial service apart, the floor,
    // the year's worst RTO and RPO, the cost.
    const [what, unit] = [lines[lines.indexOf(header) - 2]!, lines[lines.indexOf(header) - 1]!];
    expect(what).toMatch(/outage.*partial.*floor.*RTO.*RPO.*cost/);
    expect(unit).toMatch(/avail\..*min\/yr.*min\/yr.*unavail\..*worst\/yr.*worst\/yr.*\$\/yr/);
    expect(header).toMatch(/mean.*nines.*mean \/ p99.*mean.*mean.*p95 min.*p95 s.*mean/);
    const rows = lines.slice(lines.indexOf(header) + 1, lines.indexOf(header) + 5);
    expect(rows).toHaveLength(4);
    // Right-aligned numeric columns: every row ends where the header ends.
    for (const row of rows) expect(row.length).toBe(header.length);
  });

  it("trace prints one replication's events as CSV or JSON lines", () => {
    const csv = drsim(["trace", DEFAULT_SCENARIO, "--strategy", "warm-standby", "--replication", "3"]);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("time,event,region,detail,value");
    const jsonl = drsim(["trace", DEFAULT_SCENARIO, "--strategy", "warm-standby", "--replication", "3", "--format", "jsonl"]);
    expect(jsonl.status).toBe(0);
    const records = jsonl.stdout.trimEnd().split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as { time: number; event: string });
    expect(records).toHaveLength(lines.length - 1);
    for (let i = 1; i < records.length; i++) expect(records[i]!.time).toBeGreaterThanOrEqual(records[i - 1]!.time);
  });
});
