// Rows read back from a run's or a shard's files must be what a run writes: a replication metric is
// a finite number ≥ 0, an incident number too, or no value where a step did not run. A merge or a
// chart over a damaged or hand-edited file stops at the first bad cell, naming the file, the
// replication, the strategy and the column, exit 2, and writes nothing.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { csvFormat } from "../../src/store/csvFormat.js";
import { checkedRows } from "../../src/store/checkedRows.js";
import type { RowBatch, RowSource } from "../../src/store/rows.js";
import { DEFAULT_SCENARIO, drsim, tempDir } from "../cli/helpers.js";
import { synthetic } from "./helpers.js";

const LAYOUT = { strategies: ["a", "b"], range: { start: 0, end: 40 } };

/** A source handing over `batch` as it was read, after `edit` damaged it. */
function sourceOf(batch: RowBatch, edit: (b: RowBatch) => void): RowSource {
  edit(batch);
  return {
    read: () => ({
      async *[Symbol.asyncIterator]() {
        yield batch;
      },
    }),
  } as unknown as RowSource;
}

async function readAll(source: RowSource, steps = true): Promise<void> {
  for await (const _ of source.read({ metrics: ["downtimeSeconds", "costUSD"], incidents: steps ? ["rto", "steps"] : ["rto"] })) void _;
}

describe("rows read back", () => {
  it("pass as they were written, empty steps included", async () => {
    const run = await synthetic(40);
    const batch = { range: run.range, strategies: run.strategies } as unknown as RowBatch;
    await expect(readAll(checkedRows(sourceOf(batch, () => undefined), "d", csvFormat, LAYOUT))).resolves.toBeUndefined();
  });

  for (const [what, value, pattern] of [["NaN", NaN, /has no number/], ["negative", -1, /is negative/], ["infinite", Infinity, /is infinite/]] as const) {
    it(`refuse a ${what} metric, naming file, replication, strategy and column`, async () => {
      const run = await synthetic(40);
      const batch = { range: run.range, strategies: run.strategies } as unknown as RowBatch;
      const source = sourceOf(batch, (b) => ((b.strategies[1]!.metrics.costUSD as Float64Array)[7] = value));
      const read = readAll(checkedRows(source, "d", csvFormat, LAYOUT));
      await expect(read).rejects.toThrow(UserError);
      await expect(readAll(checkedRows(source, "d", csvFormat, LAYOUT))).rejects.toThrow(new RegExp(`^d/replications\\.csv: replication 7, strategy b: costUSD ${pattern.source}`));
    });
  }

  it("refuse a negative incident number, and only check the columns read", async () => {
    const run = await synthetic(40);
    const strategy = run.strategies[0]!;
    expect(strategy.incidents.count).toBeGreaterThan(0);
    const batch = { range: run.range, strategies: run.strategies } as unknown as RowBatch;
    const source = sourceOf(batch, (b) => ((b.strategies[0]!.incidents.rpo as Float64Array)[0] = -5));
    // rpo not read: not checked.
    await expect(readAll(checkedRows(source, "d", csvFormat, LAYOUT), false)).resolves.toBeUndefined();
    const reading = checkedRows(source, "d", csvFormat, LAYOUT).read({ metrics: [], incidents: ["rpo"] });
    await expect((async () => {
      for await (const _ of reading) void _;
    })()).rejects.toThrow(/^d\/incidents\.csv: replication \d+, strategy a: rpo is negative/);
  });

  for (const [what, value, pattern] of [["NaN", NaN, /has no number/], ["−∞", -Infinity, /is negative/], ["+∞", Infinity, /is infinite/]] as const) {
    it(`refuse a ${what} incident number, naming the first bad row; an empty step past it is no excuse`, async () => {
      const run = await synthetic(40);
      const incidents = run.strategies[1]!.incidents;
      expect(incidents.count).toBeGreaterThan(3);
      const batch = { range: run.range, strategies: run.strategies } as unknown as RowBatch;
      const source = sourceOf(batch, (b) => {
        const inc = b.strategies[1]!.incidents;
        (inc.rto as Float64Array)[2] = value;
        (inc.rto as Float64Array)[3] = -1;
      });
      const reading = checkedRows(source, "d", csvFormat, LAYOUT).read({ metrics: [], incidents: ["rto"] });
      const replication = incidents.replication[2]!;
      await expect((async () => {
        for await (const _ of reading) void _;
      })()).rejects.toThrow(new RegExp(`^d/incidents\\.csv: replication ${replication}, strategy b: rto ${pattern.source}`));
    });
  }

  it("let a step without a number pass, and still find a bad value after it", async () => {
    const run = await synthetic(40);
    const batch = { range: run.range, strategies: run.strategies } as unknown as RowBatch;
    const steps = batch.strategies[0]!.incidents.steps;
    const step = Object.keys(steps)[0]! as keyof typeof steps;
    const column = steps[step] as Float64Array;
    expect(column.length).toBeGreaterThan(2);
    column[0] = NaN;
    await expect(readAll(checkedRows(sourceOf(batch, () => undefined), "d", csvFormat, LAYOUT))).resolves.toBeUndefined();
    column[1] = -2;
    await expect(readAll(checkedRows(sourceOf(batch, () => undefined), "d", csvFormat, LAYOUT))).rejects.toThrow(new RegExp(`^d/incidents\\.csv: replication \\d+, strategy a: ${step} is negative`));
  });
});

describe("drsim merge and chart over a damaged file", () => {
  const dir = tempDir("damaged-rows");
  const shard = (i: number): string => join(dir, `s${i}`);
  for (const i of [1, 2]) {
    const r = drsim(["run", DEFAULT_SCENARIO, "-n", "200", "--shard", `${i}/2`, "--csv", "--workers", "1", "--no-progress", "--quiet", "--out", shard(i)]);
    expect(r.status, r.stderr).toBe(0);
  }

  /** Replaces the value of `column` in data row `row` (1-based) of a CSV file. */
  function editCell(file: string, row: number, column: string, value: string): void {
    const lines = readFileSync(file, "utf8").split("\n");
    const at = lines[0]!.split(",").indexOf(column);
    const cells = lines[row]!.split(",");
    cells[at] = value;
    lines[row] = cells.join(",");
    writeFileSync(file, lines.join("\n"));
  }

  it("merge refuses a NaN cell: exit 2, the place named, nothing written", () => {
    editCell(join(shard(1), "replications.csv"), 5, "downtimeSeconds", "NaN");
    const out = join(dir, "merged");
    const r = drsim(["merge", shard(1), shard(2), "--out", out, "--no-progress"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/s1\/replications\.csv: replication \d+, strategy [\w-]+: downtimeSeconds has no number/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it("chart refuses a negative cell: exit 2, no chart drawn", () => {
    const run = join(dir, "run");
    expect(drsim(["run", DEFAULT_SCENARIO, "-n", "200", "--csv", "--no-charts", "--workers", "1", "--no-progress", "--quiet", "--out", run]).status).toBe(0);
    editCell(join(run, "replications.csv"), 3, "costUSD", "-12");
    const r = drsim(["chart", run]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/replications\.csv: replication \d+, strategy [\w-]+: costUSD is negative/);
    expect(existsSync(join(run, "charts"))).toBe(false);
    expect(existsSync(join(run, "report.html"))).toBe(false);
  });

  for (const [format, file] of [["--csv", "replications.csv"], ["", "replications.parquet"]] as const) {
    it(`chart refuses a truncated ${file}: exit 2, no chart drawn`, () => {
      const run = join(dir, `truncated-${file}`);
      const args = ["run", DEFAULT_SCENARIO, "-n", "200", "--no-charts", "--workers", "1", "--no-progress", "--quiet", "--out", run];
      expect(drsim(format === "" ? args : [...args, format]).status).toBe(0);
      const bytes = readFileSync(join(run, file));
      writeFileSync(join(run, file), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const r = drsim(["chart", run]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(file);
      expect(existsSync(join(run, "charts"))).toBe(false);
    });
  }
});
