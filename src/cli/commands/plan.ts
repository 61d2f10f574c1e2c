// drsim plan PORTFOLIO: one DR strategy per service — the cheapest plan whose every service
// demonstrably meets its tier, with dependencies counted — and its verification on a fresh seed.
import { join } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { planServices } from "../../app/plan.js";
import { planMarkdown, planText } from "../../report/plan.js";
import { planJson } from "../../report/planFiles.js";
import { collectOverride, horizon, nonNegativeInteger, positiveInteger, replications } from "../options.js";
import { stdoutLayout } from "../layout.js";
import { withProgress } from "../progress.js";

interface PlanFlags {
  runs?: number;
  seed?: number;
  horizon?: number;
  set?: { path: string; value: string }[];
  exhaustiveLimit?: number;
  alpha?: number;
  indifference?: number;
  verifySeed?: number;
  verify: boolean;
  json?: boolean;
  md?: boolean;
  out?: string;
  charts: boolean;
  quiet?: boolean;
  progress: boolean;
  wide?: boolean;
}

function alpha(text: string): number {
  const x = Number(text.trim());
  if (!(x > 0 && x < 0.5)) throw new InvalidArgumentError("Expected a probability in (0, 0.5), e.g. 0.05.");
  return x;
}

function dollars(text: string): number {
  const x = Number(text.trim().replace(/^\$/, "").replaceAll(",", "").replaceAll("_", ""));
  if (!(x > 0) || !Number.isFinite(x)) throw new InvalidArgumentError("Expected a positive amount in USD per year, e.g. 10000.");
  return x;
}

export function define(cmd: Command): void {
  cmd
    .argument("<portfolio>", "portfolio file (YAML with tiers, services and flows)")
    .option("-n, --runs <n>", "simulated years per plan, at most (default: the portfolio's run.runs)", replications)
    .option("--seed <seed>", "master seed (default: the portfolio's run.seed)", nonNegativeInteger)
    .option("--horizon <duration>", "simulated time per replication, e.g. 1y (default: run.horizon)", horizon)
    .option("--set <path=value>", "override a portfolio field, e.g. services.api.workload.requestsPerSecond=900 (repeatable)", collectOverride)
    .option("--exhaustive-limit <k>", "evaluate every plan on every year when there are at most k plans, else screen them sequentially (default 64)", positiveInteger)
    .option("--alpha <a>", "sequential screening: probability of a wrong selection allowed (default 0.05)", alpha)
    .option("--indifference <usd>", "sequential screening: cost differences per year below this do not matter (default 0.5 % of the cheapest plan)", dollars)
    .option("--verify-seed <seed>", "seed of the verification run (default: --seed + 1)", nonNegativeInteger)
    .option("--no-verify", "skip the verification on a fresh seed")
    .option("--json", "print the plan as JSON")
    .option("--md", "print the plan as Markdown")
    .option("--out <dir>", "also write plan.{txt,md,json}, plans.csv and charts/dependency-graph.* into DIR")
    .option("--no-charts", "with --out: skip the dependency graph")
    .option("--wide", "show every column of the tables, however wide (default: fit the terminal, or 100 columns)")
    .option("--quiet", "print nothing but errors (files are still written)")
    .option("--no-progress", "no progress display on stderr")
    .addHelpText(
      "after",
      `
A plan gives each service one of the strategies it may use. A service is down while a service it
needs is (a co-located dependency must also serve from the same region), so a plan is judged as a
whole, every plan on the same simulated years. A plan qualifies when every service demonstrably
meets its tier's RTO, RPO and availability in the tier's share of years (Wilson 95 % lower bound);
the cheapest qualifying plan is chosen, or a simpler one whose cost cannot be told apart. Few plans
are all evaluated; more are screened sequentially (KN, Kim & Nelson 2001; constrained as in
Andradóttir & Kim 2010). The choice is then simulated again on a fresh seed with its closest rivals.
See docs/portfolio.md.

Examples:
  $ drsim plan scenarios/portfolio.yaml
  $ drsim plan scenarios/portfolio.yaml -n 20000 --out results/portfolio-plan
  $ drsim plan scenarios/portfolio.yaml --set services.web.tier=tier-0 --json > plan.json`,
    )
    .action(async (file: string, flags: PlanFlags) => {
      const outcome = await withProgress(flags, (onProgress) =>
        planServices({
          scenario: file,
          runs: flags.runs,
          seed: flags.seed,
          horizon: flags.horizon,
          overrides: flags.set,
          exhaustiveLimit: flags.exhaustiveLimit,
          alpha: flags.alpha,
          indifferenceUSD: flags.indifference,
          verifySeed: flags.verify ? flags.verifySeed : null,
          out: flags.out,
          charts: flags.charts,
          onProgress,
        }),
      );
      const plan = outcome.plan;
      if (flags.json === true) process.stdout.write(planJson(plan));
      else if (flags.md === true) process.stdout.write(planMarkdown(plan));
      else if (flags.quiet !== true) process.stdout.write(`${planText(plan, stdoutLayout(flags))}${flags.out === undefined ? "" : `written to ${join(flags.out, "")}\n`}`);
    });
}
