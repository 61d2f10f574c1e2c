// A saved run's decision on a thread of its own (threads.ts, recommendRows.ts decideSavedRunAside):
// the built modules, since only they have a worker entry to start. The thread must decide exactly
// as the caller's thread does, and a bad file must fail there as it fails here: the same message,
// still a UserError (exit 2).
import { mkdtempSync, readFileSync, truncateSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, drsim, ROOT } from "./helpers.js";

type RecommendRows = typeof import("../../src/analysis/recommendRows.js");
type Errors = typeof import("../../src/errors.js");

const root = mkdtempSync(join(tmpdir(), "drsim-aside-"));
const dir = join(root, "run");
let built: RecommendRows;
let errors: Errors;

/** The run's decision input, from its own scenario.json (as loadRun reads it). */
function savedRun(runDir: string): Parameters<RecommendRows["decideSavedRun"]>[0] {
  const scenario = JSON.parse(readFileSync(join(runDir, "scenario.json"), "utf8")) as {
    name: string;
    run: { runs: number; seed: number; horizon: number };
    strategies: { id: string; label: string; type: string }[];
    targets: Parameters<RecommendRows["decideSavedRun"]>[0]["targets"];
  };
  const { name, run, strategies, targets } = scenario;
  return { dir: runDir, runs: run.runs, strategies: strategies.map(({ id, label, type }) => ({ id, label, type })), targets, run: { scenario: name, seed: run.seed, horizon: run.horizon } };
}

beforeAll(async () => {
  // 30,000 years × 4 strategies: past the rows from which the decision takes a thread.
  const r = drsim(["run", DEFAULT_SCENARIO, "-n", "30000", "--no-charts", "--quiet", "--out", dir]);
  expect(r.status, r.stderr).toBe(0);
  built = (await import(join(ROOT, "dist/analysis/recommendRows.js"))) as RecommendRows;
  errors = (await import(join(ROOT, "dist/errors.js"))) as Errors;
});

describe("a saved run's decision on a thread of its own", () => {
  it("runs on a thread and decides exactly as this thread does", async () => {
    const saved = savedRun(dir);
    const task = built.decideSavedRunAside(saved);
    expect(task.aside).toBe(true);
    const here = await built.decideSavedRun(saved);
    expect(await task.result).toStrictEqual(here);
    expect(here.choice).toBeDefined();
  });

  it("stays on this thread for a small run, and decides as the thread would", async () => {
    const small = join(root, "small");
    expect(drsim(["run", DEFAULT_SCENARIO, "-n", "1000", "--no-charts", "--quiet", "--out", small]).status).toBe(0);
    const task = built.decideSavedRunAside(savedRun(small));
    expect(task.aside).toBe(false);
    expect(await task.result).toStrictEqual(await built.decideSavedRun(savedRun(small)));
  });

  it("fails on a bad file as this thread fails: the same message, still a UserError", async () => {
    const bad = join(root, "bad");
    expect(drsim(["run", DEFAULT_SCENARIO, "-n", "30000", "--no-charts", "--quiet", "--out", bad]).status).toBe(0);
    const file = join(bad, "replications.parquet");
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const saved = savedRun(bad);
    const task = built.decideSavedRunAside(saved);
    expect(task.aside).toBe(true);
    const there = await task.result.then(() => undefined, (e: unknown) => e);
    const here = await built.decideSavedRun(saved).then(() => undefined, (e: unknown) => e);
    expect(here).toBeInstanceOf(errors.UserError);
    expect(there).toBeInstanceOf(errors.UserError);
    expect((there as Error).message).toBe((here as Error).message);
  });
});
