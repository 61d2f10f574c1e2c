// End to end with the real model through the built CLI: the outputs are byte-identical for 1, 2
// and 4 workers and for shard splits 1, 3 and 7 merged, and a different seed changes them.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, drsim, readDir, tempDir } from "./helpers.js";

const RUNS = "2000";
const root = tempDir("determinism");

function run(out: string, ...extra: string[]): void {
  const r = drsim(["run", DEFAULT_SCENARIO, "-n", RUNS, "--seed", "5", "--quiet", "--no-charts", "--out", out, ...extra]);
  expect(r.stderr, extra.join(" ")).toBe("");
  expect(r.status, extra.join(" ")).toBe(0);
}

function expectSameBytes(expected: Map<string, Buffer>, dir: string, label: string): void {
  const actual = readDir(dir);
  expect([...actual.keys()], label).toEqual([...expected.keys()]);
  for (const [name, bytes] of expected) expect(actual.get(name)!.equals(bytes), `${label}: ${name} differs`).toBe(true);
}

/** The shard directories of a `count`-way split of the reference run, written on first use. */
function shards(count: number): string[] {
  const dirs = Array.from({ length: count }, (_, k) => join(root, `s${count}`, String(k + 1)));
  // Threads for the 3-way split; in-process for 7 small shards (keeps the test fast).
  const workers = count === 3 ? "2" : "1";
  dirs.forEach((dir, k) => {
    if (!existsSync(join(dir, "shard.json"))) run(dir, "--shard", `${k + 1}/${count}`, "--workers", workers);
  });
  return dirs;
}

let reference = new Map<string, Buffer>();
beforeAll(() => {
  run(join(root, "w1"), "--workers", "1");
  reference = readDir(join(root, "w1"));
});

describe("determinism (real model)", () => {
  it("writes all five outputs, with incidents", () => {
    expect([...reference.keys()]).toEqual(["incidents.parquet", "replications.parquet", "scenario.json", "summary.json", "summary.md"]);
    expect(reference.get("incidents.parquet")!.length).toBeGreaterThan(10_000);
  });

  it("--csv with 2 workers writes the CSV that drsim export writes from the Parquet run, and the same other files", () => {
    const csv = join(root, "csv");
    run(csv, "--workers", "2", "--csv");
    const exported = join(root, "exported");
    const r = drsim(["export", join(root, "w1"), "--out", exported, "--quiet"]);
    expect(r.status, r.stderr).toBe(0);
    const direct = readDir(csv);
    expect([...direct.keys()]).toEqual(["incidents.csv", "replications.csv", "scenario.json", "summary.json", "summary.md"]);
    expectSameBytes(new Map([...direct].filter(([name]) => name.endsWith(".csv"))), exported, "export");
    for (const name of ["scenario.json", "summary.json", "summary.md"]) expect(direct.get(name)!.equals(reference.get(name)!), name).toBe(true);
  });

  for (const workers of ["2", "4"]) {
    it(`--workers ${workers} gives the same bytes as --workers 1`, () => {
      run(join(root, `w${workers}`), "--workers", workers);
      expectSameBytes(reference, join(root, `w${workers}`), `${workers} workers`);
    });
  }

  for (const count of [1, 3, 7]) {
    it(`${count} shards merged give the same bytes`, () => {
      const dirs = shards(count);
      const merged = join(root, `s${count}`, "merged");
      const r = drsim(["merge", ...dirs.reverse(), "--out", merged, "--quiet", "--no-charts"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expectSameBytes(reference, merged, `${count} shards`);
    });
  }

  it("merge --summary-only writes the same summary, without the rows or charts", () => {
    const dirs = shards(3);
    const out = join(root, "summary-only");
    const r = drsim(["merge", ...dirs, "--out", out, "--summary-only", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(reference.get("summary.json")!.toString());
    expect([...readDir(out).keys()]).toEqual(["scenario.json", "summary.json", "summary.md"]);
    for (const name of ["scenario.json", "summary.json", "summary.md"]) expect(readDir(out).get(name)!.equals(reference.get(name)!), name).toBe(true);
  });

  it("with charts: the merged shards' charts/ and report.html equal the unsharded run's", () => {
    const whole = join(root, "charts-whole");
    expect(drsim(["run", DEFAULT_SCENARIO, "-n", "600", "--seed", "5", "--quiet", "--out", whole]).status).toBe(0);
    const dirs = [1, 2].map((k) => join(root, "charts-shards", String(k)));
    for (const [k, dir] of dirs.entries()) {
      const r = drsim(["run", DEFAULT_SCENARIO, "-n", "600", "--seed", "5", "--quiet", "--no-charts", "--shard", `${k + 1}/2`, "--out", dir]);
      expect(r.status).toBe(0);
    }
    const merged = join(root, "charts-merged");
    expect(drsim(["merge", ...dirs, "--out", merged, "--quiet"]).status).toBe(0);
    const expected = readDir(whole);
    expect([...expected.keys()]).toEqual(expect.arrayContaining(["report.html", join("charts", "exceedance.svg")]));
    expectSameBytes(expected, merged, "charts");
  });

  it("another seed gives other numbers", () => {
    const r = drsim(["run", DEFAULT_SCENARIO, "-n", RUNS, "--seed", "6", "--quiet", "--no-charts", "--out", join(root, "seed6"), "--workers", "1"]);
    expect(r.status).toBe(0);
    expect(readDir(join(root, "seed6")).get("replications.parquet")!.equals(reference.get("replications.parquet")!)).toBe(false);
  });
});
