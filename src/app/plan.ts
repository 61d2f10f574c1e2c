// Plan: load a portfolio, find the cheapest plan whose every service meets its tier (analysis/
// plan.ts), verify it on a fresh seed. With `out`, writes plan.{txt,md,json}, plans.csv and the
// dependency graph (charts/dependency-graph.{vl.json,svg,png}); returns the plan and the files.
import { join } from "node:path";
import { planPortfolio, type PlanOptions, type PortfolioPlan } from "../analysis/plan.js";
import { loadPortfolio } from "../replication/portfolioScenario.js";
import { withRun } from "../scenario/portfolio.js";
import { planMarkdown, planText } from "../report/plan.js";
import { planJson, plansCsv } from "../report/planFiles.js";
import { writeFilesAtomically } from "../store/atomicWrite.js";
import { checkOutDir } from "./outputDir.js";
import type { StudyOptions } from "./study.js";

export interface PlanServicesOptions extends Omit<StudyOptions, "strategies" | "workers">, Omit<PlanOptions, "onProgress" | "signal" | "registries"> {
  /** The portfolio file (YAML). */
  readonly scenario: string;
  /** Fields set before planning (as `--set PATH=value`): `services.api.workload.requestsPerSecond`. */
  readonly overrides?: readonly { path: string; value: string }[];
  /** Also write the plan, plans.csv and the dependency graph into this directory. */
  readonly out?: string;
  /** With `out`: draw the dependency graph (default true). */
  readonly charts?: boolean;
}

export interface PlanOutcome {
  readonly plan: PortfolioPlan;
  /** The files written (none without `out`). */
  readonly files: readonly string[];
}

export async function planServices(options: PlanServicesOptions): Promise<PlanOutcome> {
  // Checked before any work, as for every command that writes a directory (docs/security.md).
  if (options.out !== undefined) checkOutDir(options.out);
  const loaded = await loadPortfolio(options.scenario, options.overrides === undefined ? {} : { overrides: options.overrides });
  const portfolio = withRun(loaded, {
    runs: options.runs ?? loaded.run.runs,
    seed: options.seed ?? loaded.run.seed,
    horizon: options.horizon ?? loaded.run.horizon,
  });
  const plan = await planPortfolio(portfolio, {
    exhaustiveLimit: options.exhaustiveLimit,
    alpha: options.alpha,
    indifferenceUSD: options.indifferenceUSD,
    firstStage: options.firstStage,
    stage: options.stage,
    verifySeed: options.verifySeed,
    verifyRivals: options.verifyRivals,
    signal: options.signal,
    onProgress: (done, total) => options.onProgress?.(done, total, `${portfolio.name} plan`),
  });
  const files: string[] = [];
  if (options.out !== undefined) {
    files.push(
      ...(await writeFilesAtomically(options.out, [
        { name: "plan.txt", content: planText(plan) },
        { name: "plan.md", content: planMarkdown(plan) },
        { name: "plan.json", content: planJson(plan) },
        { name: "plans.csv", content: plansCsv(plan) },
      ])),
    );
    if (options.charts !== false) {
      const [{ dependencyGraphChart }, { writeCharts }] = await Promise.all([import("../report/planGraph.js"), import("../report/charts/decision/write.js")]);
      files.push(...(await writeCharts(join(options.out, "charts"), [dependencyGraphChart(plan)])));
    }
  }
  return { plan, files };
}
