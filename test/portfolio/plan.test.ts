// `drsim plan` end to end on small.yaml (8 plans): the choice qualifies and is the cheapest
// qualifying plan or a simpler one within noise; plans that break a co-location are rejected for
// what they miss; the study is reproducible, by exhaustive evaluation and by sequential screening;
// its renderings say the same thing, and the dependency graph's bytes are deterministic.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { planPortfolio, type PortfolioPlan } from "../../src/analysis/plan.js";
import { PlanColumns } from "../../src/analysis/planColumns.js";
import { UserError } from "../../src/errors.js";
import { compilePortfolio } from "../../src/replication/portfolioModel.js";
import { planServices } from "../../src/app/plan.js";
import { loadPortfolio } from "../../src/replication/portfolioScenario.js";
import { renderChart } from "../../src/report/charts/render.js";
import { planMarkdown, planText } from "../../src/report/plan.js";
import { planJson, plansCsv } from "../../src/report/planFiles.js";
import { dependencyGraphChart } from "../../src/report/planGraph.js";
import { withRun, type Portfolio } from "../../src/scenario/portfolio.js";

const SMALL = fileURLToPath(new URL("./fixtures/small.yaml", import.meta.url));

describe("planning a portfolio", () => {
  let portfolio: Portfolio;
  let plan: PortfolioPlan;

  beforeAll(async () => {
    portfolio = await loadPortfolio(SMALL);
    plan = await planPortfolio(portfolio);
  }, 120_000);

  it("evaluates every plan when they are few, on the same years", () => {
    expect(plan.procedure).toMatchObject({ kind: "exhaustive", plans: 8, replications: 2000 });
    expect(plan.plans.map((p) => p.plan)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(plan.plans.every((p) => p.eliminated === undefined)).toBe(true);
  });

  it("chooses a qualifying plan: the cheapest, or a simpler one whose paired cost difference includes zero", () => {
    const choice = plan.choice!;
    const chosen = plan.plans[choice.plan]!;
    expect(chosen.qualifies).toBe(true);
    const qualifying = plan.plans.filter((p) => p.qualifies);
    const cheapest = [...qualifying].sort((a, b) => a.costUSD.mean - b.costUSD.mean)[0]!;
    expect(choice.cheapest).toBe(cheapest.plan);
    if (choice.plan !== cheapest.plan) {
      expect(chosen.complexity).toBeLessThan(cheapest.complexity);
      expect(plan.plans[cheapest.plan]!.costDifference!.ci95[1]).toBeGreaterThanOrEqual(0);
    }
    for (const p of qualifying) if (p.plan !== choice.plan && !choice.indistinguishable.includes(p.plan)) expect(p.costDifference!.ci95[0]).toBeGreaterThan(0);
  });

  it("rejects an app serving from both regions over a database in one: half its requests find no co-located database", () => {
    const broken = plan.plans.find((p) => p.strategies[0] === "warm-standby" && p.strategies[1] === "active-active")!;
    expect(broken.qualifies).toBe(false);
    expect(broken.unmet).toContainEqual(expect.objectContaining({ service: "app", target: "availability", misses: true }));
    const app = plan.services[1]!.configurations[broken.configurations[1]!]!;
    expect(app.availability).toBeLessThan(0.55);
    expect(plan.services[1]!.configurations.find((c) => c.strategy === "active-active" && c.availability > 0.99)).toBeDefined();
  });

  it("says where each service's downtime comes from: the batch job's includes the database it needs", () => {
    const batch = plan.risk!.services[2]!;
    const sum = batch.causes.reduce((s, c) => s + c.seconds, 0);
    expect(sum).toBeCloseTo(batch.downtimeSeconds, 3);
    expect(batch.causes.map((c) => c.cause)).toContainEqual({ kind: "own", service: 0 });
  });

  it("verifies the choice on a fresh seed with its rivals", () => {
    const v = plan.verification!;
    expect(v.seed).toBe(portfolio.run.seed + 1);
    expect(v.replications).toBe(2000);
    expect(v.plans.map((p) => p.plan)).toContain(plan.choice!.plan);
    expect(v.confirmed).toBe(v.choice === plan.choice!.plan);
  });

  it("is reproducible, and screening sequentially reaches a qualifying plan with every elimination explained", async () => {
    const again = await planPortfolio(portfolio);
    expect(planJson(again)).toBe(planJson(plan));
    const sequential = await planPortfolio(portfolio, { exhaustiveLimit: 2, firstStage: 200, stage: 200, verifySeed: null });
    expect(sequential.procedure.kind).toBe("sequential");
    expect(sequential.verification).toBeUndefined();
    const chosen = sequential.choice!.plan;
    expect(sequential.plans[chosen]!.qualifies).toBe(true);
    expect(sequential.plans[chosen]!.eliminated).toBeUndefined();
    for (const p of sequential.plans) {
      if (p.eliminated?.reason === "costlier") expect(p.eliminated.than).not.toBe(p.plan);
    }
    expect(planJson(await planPortfolio(portfolio, { exhaustiveLimit: 2, firstStage: 200, stage: 200, verifySeed: null }))).toBe(planJson(sequential));
  }, 120_000);

  it("reports the same choice in every rendering", () => {
    const name = `#${plan.choice!.plan}`;
    expect(planText(plan)).toContain(`Chosen plan ${name}`);
    expect(planMarkdown(plan)).toContain(`**Chosen plan ${name}`);
    const json = JSON.parse(planJson(plan)) as { choice: { plan: number }; plans: { why: string }[] };
    expect(json.choice.plan).toBe(plan.choice!.plan);
    expect(json.plans[plan.choice!.plan]!.why).toBe("chosen");
    const csv = plansCsv(plan).trimEnd().split("\n");
    expect(csv).toHaveLength(9);
    expect(csv[0]).toBe("plan,db,app,batch,costUSD,costCi95Lo,costCi95Hi,differenceUSD,differenceCi95Lo,differenceCi95Hi,complexity,qualifies,chosen,screening,why");
    expect(csv.filter((l) => l.includes(",true,true,"))).toHaveLength(1);
  });

  it("draws the dependency graph as data, to the same bytes every time", async () => {
    const chart = dependencyGraphChart(plan);
    const layers = (chart.spec as { layer: { mark: { type: string }; data: { values: { service?: string }[] } }[] }).layer;
    const boxes = layers.find((l) => l.mark.type === "rect")!.data.values;
    expect(boxes.map((b) => b.service)).toEqual(["db", "app", "batch"]);
    const [first, second] = [await renderChart(chart.spec), await renderChart(dependencyGraphChart(plan).spec)];
    expect(first.warnings).toEqual([]);
    expect(second.svg).toBe(first.svg);
    expect(second.png.equals(first.png)).toBe(true);
  }, 60_000);

  it("refuses a study whose columns would not fit in memory, before simulating", () => {
    const model = compilePortfolio(portfolio);
    expect(() => new PlanColumns(model, 1e7)).toThrow(/fewer years/);
    expect(() => new PlanColumns(model, 1e7)).toThrow(UserError);
  });

  it("runs as a use case with fewer years and a fresh seed of its own", async () => {
    const { plan: small, files } = await planServices({ scenario: SMALL, runs: 300, seed: 9, verifySeed: 99 });
    expect(files).toEqual([]);
    expect(small.portfolio).toMatchObject({ runs: 300, seed: 9 });
    expect(small.verification?.seed).toBe(99);
    expect(withRun(portfolio, { ...portfolio.run, runs: 300 }).services.every((s) => s.scenario.run.runs === 300)).toBe(true);
  }, 120_000);
});
