// The plan command is flag wiring (docs/architecture.md, "A command"): its stdout is the renderer
// applied to the use case's result, --out writes the files it lists; portfolios validate, and
// `drsim run` points a portfolio to `drsim plan`.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planServices } from "../../src/app/plan.js";
import { planText } from "../../src/report/plan.js";
import { drsim, readDir, ROOT, STACK_LINE, tempDir } from "../cli/helpers.js";

const SMALL = join(ROOT, "test/portfolio/fixtures/small.yaml");
const out = tempDir("plan");
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("drsim plan", () => {
  it("prints exactly what its renderer makes of its use case's result, and writes its files", async () => {
    const { plan } = await planServices({ scenario: SMALL, runs: 300, seed: 9 });
    const r = drsim(["plan", SMALL, "-n", "300", "--seed", "9", "--no-progress", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // Not a terminal: fitted to 100 columns, as every table drsim prints; plan.txt keeps every column.
    expect(r.stdout).toBe(`${planText(plan, { width: 100 })}written to ${join(out, "")}\n`);
    expect(readDir(out).get("plan.txt")?.toString()).toBe(planText(plan));
    expect([...readDir(out).keys()]).toEqual([
      "charts/dependency-graph.png",
      "charts/dependency-graph.svg",
      "charts/dependency-graph.vl.json",
      "plan.json",
      "plan.md",
      "plan.txt",
      "plans.csv",
    ]);
  }, 60_000);

  it("fits 100 columns, naming what it left out; --wide shows every column", () => {
    const shipped = join(ROOT, "scenarios/portfolio.yaml");
    const fitted = drsim(["plan", shipped, "-n", "300", "--no-verify", "--no-progress"]);
    expect(fitted.status).toBe(0);
    const widest = (text: string): number => Math.max(...text.split("\n").map((l) => [...l].length));
    expect(widest(fitted.stdout)).toBeLessThanOrEqual(100);
    expect(fitted.stdout).toMatch(/Left out to fit 100 columns: .+--wide shows every column/s);
    const wide = drsim(["plan", shipped, "-n", "300", "--no-verify", "--no-progress", "--wide"]);
    expect(wide.status).toBe(0);
    expect(widest(wide.stdout)).toBeGreaterThan(100);
    expect(wide.stdout).not.toMatch(/Left out to fit/);
  }, 120_000);

  it("reports a bad portfolio at its file, line and field, exit 2, no stack trace", () => {
    const r = drsim(["plan", SMALL, "-n", "10", "--set", "services.app.dependsOn.dbx=any-region"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/services\.app\.dependsOn\.dbx: no service "dbx"; did you mean "db"\?/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("validates portfolios beside scenarios; drsim run sends a portfolio to drsim plan", () => {
    const v = drsim(["validate", SMALL, "scenarios/default.yaml"]);
    expect(v.status).toBe(0);
    expect(v.stdout).toBe("ok small (portfolio: 3 services, 8 plans)\nok default (4 strategies)\n");
    const run = drsim(["run", SMALL, "-n", "10", "--no-progress"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/small\.yaml:\d+:\d+: services: this file is a portfolio of services: plan it with `drsim plan`/);
  });
});
