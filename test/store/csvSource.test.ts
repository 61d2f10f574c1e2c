// The CSV row source and the one CSV reader under it: a run's files come back as the very doubles
// written, in batches of chosen columns, with their text when asked; a row out of place is an error
// naming file and line; the reader takes quotes, a BOM, CRLF, blank lines and a missing final newline.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeRunOutputs } from "../../src/app/runOutputs.js";
import type { RunResult } from "../../src/montecarlo/types.js";
import { INCIDENT_FIELDS } from "../../src/montecarlo/types.js";
import { REPLICATION_METRICS } from "../../src/outcomes/metrics.js";
import { CsvFile, FieldCutter, splitCsvLine } from "../../src/store/csvReader.js";
import { CsvSource } from "../../src/store/csvSource.js";
import { csvFormat } from "../../src/store/csvFormat.js";
import type { RowBatch } from "../../src/store/rows.js";
import { synthetic, tempDir } from "./helpers.js";

const RUNS = 700;
let run: RunResult;
let dir = "";
let layout: { strategies: string[]; range: { start: number; end: number } };

beforeAll(async () => {
  run = await synthetic(RUNS);
  dir = tempDir("csv");
  await writeRunOutputs(dir, run, undefined, [csvFormat]);
  layout = { strategies: run.scenario.strategies.map((s) => s.id), range: run.range };
});

async function collect<B>(batches: AsyncIterable<B>): Promise<B[]> {
  const out: B[] = [];
  for await (const b of batches) out.push(b);
  return out;
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

describe("CSV row source", () => {
  it("reads every column back bit for bit, in batches that tile the run (a batch size that does not divide it)", async () => {
    const batches = await collect(new CsvSource(dir, layout, 64).read({ metrics: REPLICATION_METRICS, incidents: INCIDENT_FIELDS }));
    expect(batches.map((b) => b.range)).toEqual(Array.from({ length: Math.ceil(RUNS / 64) }, (_, k) => ({ start: k * 64, end: Math.min(RUNS, (k + 1) * 64) })));
    run.strategies.forEach((own, s) => {
      for (const m of REPLICATION_METRICS) expect(same(batches.flatMap((b) => [...b.strategies[s]!.metrics[m]]), own.metrics[m]), m).toBe(true);
      const inc = batches.map((b) => b.strategies[s]!.incidents);
      for (const field of ["replication", "start", "eventDuration", "rto", "rpo", "downtimeSeconds", "failedRequests", "lostWrites", "attempts", "cause", "failedOver", "aborted"] as const) {
        expect(same(inc.flatMap((c) => Array.from(c[field])), own.incidents[field]), field).toBe(true);
      }
      expect(same(inc.flatMap((c) => Array.from(c.steps.detect)), own.incidents.steps.detect)).toBe(true);
      expect(inc.flatMap((c) => Array.from(c.region, (r) => c.regionNames[r]))).toEqual(Array.from(own.incidents.region, (r) => own.incidents.regionNames[r]));
    });
  });

  it("reads only the columns chosen, and hands over the rows' text when asked", async () => {
    const batches: RowBatch<"costUSD", "rto">[] = await collect(new CsvSource(dir, layout, 100).read({ metrics: ["costUSD"], incidents: ["rto"], keepText: true }));
    expect(Object.keys(batches[0]!.strategies[0]!.metrics)).toEqual(["costUSD"]);
    expect(batches[0]!.strategies[0]!.incidents.rto.length).toBe(batches[0]!.strategies[0]!.incidents.count);
    const text = (name: string): string => batches.map((b) => b.text!.files[name]!).join("");
    for (const name of ["replications.csv", "incidents.csv"]) {
      const file = readFileSync(join(dir, name), "utf8");
      expect(text(name)).toBe(file.slice(file.indexOf("\n") + 1));
    }
  });

  it("a row out of place is an error naming the file and line", async () => {
    const bad = tempDir("bad");
    await writeRunOutputs(bad, run, undefined, [csvFormat]);
    const path = join(bad, "incidents.csv");
    const lines = readFileSync(path, "utf8").split("\n");
    const second = lines.findIndex((l, i) => i > 1 && l.split(",")[2] === "1"); // an incident with index 1
    writeFileSync(path, [...lines.slice(0, second), lines[second]!.replace(/^(\d+),([^,]+),1,/, "$1,$2,2,"), ...lines.slice(second + 1)].join("\n"));
    await expect(collect(new CsvSource(bad, layout).read({ metrics: [], incidents: ["rto"] }))).rejects.toThrow(`incidents.csv:${second + 1}: malformed incident row`);
    const rows = join(bad, "replications.csv");
    writeFileSync(rows, `${readFileSync(rows, "utf8")}${RUNS},backup-restore${",0".repeat(REPLICATION_METRICS.length)}\n`);
    await expect(collect(new CsvSource(bad, layout).read({ metrics: ["costUSD"], incidents: [] }))).rejects.toThrow(/replications\.csv:\d+: \d+ rows, expected \d+/);
  });
});

describe("CSV reader", () => {
  it("cuts the wanted fields as a full split would: quotes, CRLF, a BOM, short rows, blank lines, no final newline, long files", async () => {
    const d = tempDir("reader");
    const lines = ["\uFEFFa,b,c,d", '1,"x, ""y""",3,4', "5,6", "", "7,8,9,10\r", '"q",,"",'];
    // Enough rows to span many reads, with a quoted field now and then.
    for (let i = 0; i < 60_000; i++) lines.push(i % 1000 === 0 ? `${i},"b${i}",c${i},${i / 7}` : `${i},b${i},c${i},${i / 7}`);
    const path = join(d, "x.csv");
    writeFileSync(path, lines.join("\n"));
    const file = new CsvFile(path);
    const cutter = new FieldCutter(path, await file.header(), ["d", "a", "c"]);
    const actual: string[][] = [];
    const widths: number[] = [];
    for (let line = await file.next(); line !== undefined; line = await file.next()) {
      widths.push(cutter.cut(line));
      actual.push([...cutter.fields]);
    }
    const expected = lines.slice(1).filter((l) => l !== "").map((l) => splitCsvLine(l.replace(/\r$/, ""))).map((f) => [f[3] ?? "", f[0] ?? "", f[2] ?? ""]);
    expect(actual).toEqual(expected);
    expect(actual.slice(0, 4)).toEqual([["4", "1", "3"], ["", "5", ""], ["10", "7", "9"], ["", "q", ""]]);
    expect(widths.slice(0, 4)).toEqual([4, 2, 4, 4]); // the short row is seen
    expect(() => new FieldCutter(path, new Map([["a", 0]]), ["e"])).toThrow(/x\.csv: no column 'e'/);
  });

  it("splitCsvLine undoes quoting", () => {
    expect(splitCsvLine('1,"a, b","say ""hi""",')).toEqual(["1", "a, b", 'say "hi"', ""]);
  });
});
