// The CSVs load back (with a generic CSV reader) and agree with summary.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "fast-csv";
import { beforeAll, describe, expect, it } from "vitest";
import { CSV, csv, csvReader, mc, outputs, SYNTHETIC_MODEL, syntheticScenario, tempDir } from "./helpers.js";

type Row = Record<string, string>;

function readCsv(file: string): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const rows: Row[] = [];
    const stream = parse<Row, Row>({ headers: true });
    stream.on("error", reject).on("data", (row: Row) => rows.push(row)).on("end", () => resolve(rows));
    stream.end(readFileSync(file));
  });
}

/** Type-7 quantile, written independently of the engine's. */
function quantile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

interface StatJson { mean: number | null; p99: number | null; n: number }

let dir = "";
let summary: { runs: number; strategies: Record<string, Record<string, StatJson> & { incidents: Record<string, StatJson> }> };
beforeAll(async () => {
  dir = tempDir("csv");
  const run = await mc.runMonteCarlo({ scenario: syntheticScenario(2_000), workers: 2, modelModule: SYNTHETIC_MODEL });
  await outputs.writeRunOutputs(dir, run, undefined, CSV);
  summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as typeof summary;
});

describe("CSV outputs", () => {
  it("replications.csv: one row per replication × strategy, agreeing with summary.json", async () => {
    const rows = await readCsv(join(dir, "replications.csv"));
    expect(rows).toHaveLength(2_000 * 4);
    expect(Object.keys(rows[0]!)).toEqual([...csv.REPLICATION_COLUMNS]);
    for (const id of ["backup-restore", "warm-standby"]) {
      const own = rows.filter((r) => r.strategy === id);
      const downtime = own.map((r) => Number(r.downtimeSeconds) / 60);
      const cost = own.map((r) => Number(r.costUSD));
      const stats = summary.strategies[id]!;
      expect(stats.downtimeMinutes!.mean).toBeCloseTo(mean(downtime), 9);
      expect(stats.downtimeMinutes!.p99).toBeCloseTo(quantile(downtime, 0.99), 9);
      expect(stats.costUSD!.mean).toBeCloseTo(mean(cost), 6);
      expect(stats.costUSD!.p99).toBeCloseTo(quantile(cost, 0.99), 6);
      expect(stats.availability!.mean).toBeCloseTo(1 - mean(own.map((r) => Number(r.unavailability))), 12);
    }
  });

  it("incidents.csv: one row per incident, steps empty when they did not run, agreeing with summary.json", async () => {
    const rows = await readCsv(join(dir, "incidents.csv"));
    expect(Object.keys(rows[0]!)).toEqual([...csv.INCIDENT_COLUMNS]);
    const own = rows.filter((r) => r.strategy === "pilot-light");
    const stats = summary.strategies["pilot-light"]!.incidents;
    expect(own).toHaveLength(stats.rtoMinutes!.n);
    const rto = own.map((r) => Number(r.rto) / 60);
    expect(stats.rtoMinutes!.mean).toBeCloseTo(mean(rto), 9);
    expect(stats.rtoMinutes!.p99).toBeCloseTo(quantile(rto, 0.99), 9);
    expect(rows.some((r) => r.detect === "")).toBe(true);
    expect(rows.some((r) => r.regions === 'eu,"west"')).toBe(true); // quoted field survived
    // Incident index restarts at 0 in every replication.
    const first = rows.find((r) => r.incident === "1")!;
    expect(rows.some((r) => r.replication === first.replication && r.strategy === first.strategy && r.incident === "0")).toBe(true);
  });

  it("splitCsvLine undoes quoting; parseCsvNumber reads numbers back exactly", () => {
    expect(csvReader.splitCsvLine('1,"a,b","say ""hi""",')).toEqual(["1", "a,b", 'say "hi"', ""]);
    expect(csvReader.parseCsvNumber("")).toBeNaN();
    expect(csvReader.parseCsvNumber(String(0.1 + 0.2))).toBe(0.1 + 0.2);
    expect(() => csvReader.parseCsvNumber("12abc")).toThrow();
  });
});
