// Loading a portfolio: each service read as a scenario of its own (the world with its own fields
// over it), the portfolio's own parts validated, and every mistake located where it was written.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadPortfolio } from "../../src/replication/portfolioScenario.js";
import { loadScenario } from "../../src/replication/scenario.js";
import { ScenarioError, type LoadOptions } from "../../src/scenario/load.js";
import { isPortfolioFile } from "../../src/scenario/portfolioLoad.js";
import { scenarioFile } from "../scenario/helpers.js";

const SMALL = fileURLToPath(new URL("./fixtures/small.yaml", import.meta.url));
const DEFAULT = fileURLToPath(new URL("../../scenarios/default.yaml", import.meta.url));

/** A portfolio file extending small.yaml with `lines` (line N of the file is lines[N − 2]). */
function variant(...lines: string[]): string {
  return scenarioFile(`extends: ${SMALL}`, ...lines);
}

async function portfolioError(file: string, options?: LoadOptions): Promise<ScenarioError> {
  try {
    await loadPortfolio(file, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error(`${file} loaded without an error`);
}

describe("loading a portfolio", () => {
  it("reads tiers, services with their dependencies, and flows; each service is a scenario of its own in the shared world", async () => {
    const p = await loadPortfolio(SMALL);
    expect(p.name).toBe("small");
    expect(p.tiers.map((t) => t.name)).toEqual(["critical", "batch"]);
    expect(p.tiers[0]).toMatchObject({ rtoSeconds: 7200, rpoSeconds: 60, availability: 0.995, confidence: 0.95, includeCorruption: false });
    expect(p.tiers[1]).toMatchObject({ availability: 0.95, confidence: 0.9 });
    expect(p.services.map((s) => [s.name, s.tier.name, s.dependsOn])).toEqual([
      ["db", "critical", []],
      ["app", "critical", [{ service: "db", scope: "same-region" }]],
      ["batch", "batch", [{ service: "db", scope: "any-region" }]],
    ]);
    expect(p.flows).toEqual([{ name: "orders", services: ["app", "db"], downtimeUSDPerMinute: 50 }]);
    const [db, app, batch] = p.services.map((s) => s.scenario);
    expect([db!.service, db!.name, db!.strategies.map((s) => s.id)]).toEqual(["db", "db", ["warm-standby", "active-active"]]);
    // The world is the portfolio's; workload and strategies are each service's; costs merge key by key.
    expect(app!.regions).toEqual(db!.regions);
    expect(app!.corruption).toEqual(db!.corruption);
    expect(app!.workload.requestsPerSecond).toBe(800);
    expect(db!.costs.computeUSDPerYear).toBe(100000);
    expect(db!.costs.downtimeUSDPerMinute).toBe(100);
    expect(batch!.costs).toMatchObject({ computeUSDPerYear: 30000, downtimeUSDPerMinute: 1 });
    expect(app!.costs.computeUSDPerYear).toBe(400000); // models/prices-aws.yaml's
  });

  it("is told apart from a single-service scenario, which keeps loading as before", async () => {
    expect(await isPortfolioFile(SMALL)).toBe(true);
    expect(await isPortfolioFile(DEFAULT)).toBe(false);
    expect((await loadScenario(DEFAULT)).service).toBeUndefined();
    await expect(loadScenario(SMALL)).rejects.toThrow(/portfolio of services: plan it with `drsim plan`/);
    await expect(loadPortfolio(DEFAULT)).rejects.toThrow(/not a portfolio/);
  });

  it("names a dependency cycle, at the dependency that closes it", async () => {
    const e = await portfolioError(variant("services:", "  db:", "    dependsOn: { batch: any-region }"));
    expect(e.message).toMatch(/services\.db\.dependsOn\.batch: dependency cycle: db → batch → db/);
    expect(e.line).toBe(4);
  });

  it("refuses a dependency on a service that does not exist, or on itself, with a suggestion", async () => {
    expect((await portfolioError(variant("services:", "  app:", "    dependsOn: { dbb: same-region }"))).message).toMatch(/no service "dbb"; did you mean "db"\?/);
    expect((await portfolioError(variant("services:", "  app:", "    dependsOn: { app: any-region }"))).message).toMatch(/cannot depend on itself/);
    expect((await portfolioError(variant("services:", "  app:", "    dependsOn: { db: same-zone }"))).message).toMatch(/expected one of: same-region, any-region/);
  });

  it("keeps the world the portfolio's: a service cannot have its own outages or partitions", async () => {
    const e = await portfolioError(variant("services:", "  app:", "    partition: { rate: 1/year }"));
    expect(e.message).toMatch(/services\.app\.partition: partition is the world's, the same for every service/);
    expect(e.line).toBe(4);
    expect((await portfolioError(variant("services:", "  app:", "    workloda: {}"))).message).toMatch(/unknown field; did you mean "workload"\?/);
  });

  it("keeps workload and strategies each service's", async () => {
    expect((await portfolioError(variant("workload: { requestsPerSecond: 1 }"))).message).toMatch(/each service has its own workload/);
    expect((await portfolioError(variant("services:", "  extra:", "    tier: batch", "    strategies: { none: {} }"))).message).toMatch(
      /services\.extra\.workload: required field missing/,
    );
  });

  it("checks tiers and flows", async () => {
    expect((await portfolioError(variant("services:", "  app:", "    tier: critcal"))).message).toMatch(/no tier "critcal"; did you mean "critical"\?/);
    expect((await portfolioError(variant("tiers:", "  batch: { confidence: 1 }"))).message).toMatch(/tiers\.batch\.confidence/);
    expect((await portfolioError(variant("tiers:", "  batch: { availability: 99.5 }"))).message).toMatch(/expected an availability like "99.95%"/);
    expect((await portfolioError(variant("flows:", "  orders: { services: [app, dbs] }"))).message).toMatch(/flows\.orders\.services\.1: no service "dbs"/);
  });

  it("locates a mistake in a service's own fields at its path in the portfolio", async () => {
    const e = await portfolioError(variant("services:", "  app:", "    workload: { requestsPerSecond: fast }"));
    expect(e.message).toMatch(/:4:\d+: services\.app\.workload\.requestsPerSecond: expected/);
    expect(e.line).toBe(4);
  });

  it("takes --set overrides at a service's path, and refuses a typo", async () => {
    const p = await loadPortfolio(SMALL, { overrides: [{ path: "services.app.workload.requestsPerSecond", value: "900" }, { path: "services.app.tier", value: "batch" }] });
    expect(p.services[1]!.scenario.workload.requestsPerSecond).toBe(900);
    expect(p.services[1]!.tier.name).toBe("batch");
    expect((await portfolioError(SMALL, { overrides: [{ path: "services.app.workload.rps", value: "1" }] })).message).toMatch(/unknown field/);
  });
});
