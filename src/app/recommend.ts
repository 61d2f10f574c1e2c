// Recommend: run the scenario once and judge every strategy against RTO, RPO (and availability,
// budget) targets. With `out`, writes recommendation.{txt,md,json}, lossExceedance.csv and the
// loss-exceedance chart; returns the recommendation and the run it judged.
import { annualLoss, lossCurve } from "../analysis/lossExceedance.js";
import { recommend, type Recommendation, type Targets } from "../analysis/recommend.js";
import { runMonteCarlo } from "../montecarlo/runner.js";
import type { RunResult } from "../montecarlo/types.js";
import { recommendationJson, recommendationMarkdown, recommendationText } from "../report/recommend.js";
import { writeFilesAtomically } from "../store/atomicWrite.js";
import { checkOutDir } from "./outputDir.js";
import { loadForRun } from "./scenario.js";
import type { StudyOptions } from "./study.js";

export interface RecommendOptions extends StudyOptions {
  readonly targets: Targets;
  /** Fields set before running (as `--set PATH=value`). */
  readonly overrides?: readonly { path: string; value: string }[];
  /** Also write the recommendation and the loss-exceedance curve into this directory. */
  readonly out?: string;
  /** With `out`: draw the loss-exceedance chart (default true). */
  readonly charts?: boolean;
}

export interface RecommendOutcome {
  readonly recommendation: Recommendation;
  readonly run: RunResult;
  /** The files written (none without `out`). */
  readonly files: readonly string[];
}

export async function recommendStrategy(options: RecommendOptions): Promise<RecommendOutcome> {
  const scenario = await loadForRun(options.scenario, options);
  if (options.out !== undefined) checkOutDir(options.out);
  const run = await runMonteCarlo({
    scenario,
    workers: options.workers,
    signal: options.signal,
    onProgress: (done, total) => options.onProgress?.(done, total, scenario.name),
  });
  const recommendation = recommend(run, options.targets);
  const files: string[] = [];
  if (options.out !== undefined) {
    files.push(
      ...(await writeFilesAtomically(options.out, [
        { name: "recommendation.txt", content: recommendationText(recommendation) },
        { name: "recommendation.md", content: recommendationMarkdown(recommendation) },
        { name: "recommendation.json", content: recommendationJson(recommendation) },
      ])),
    );
    const curves = scenario.strategies.map((s, i) => {
      const m = run.strategies[i]!.metrics;
      return lossCurve(s, annualLoss(m.costUSD, m.standingCostUSD));
    });
    const { writeLossExceedance } = await import("../report/charts/decision/lossExceedanceRun.js");
    files.push(...(await writeLossExceedance(options.out, curves, scenario.strategies, scenario.run.horizon / 3600, options.charts !== false)));
  }
  return { recommendation, run, files };
}
