// The per-strategy summary table shared by the terminal and summary.md: one row per strategy,
// units in the headers, numbers rounded for reading (summary.json has them in full).
import type { Summary } from "../montecarlo/summary.js";
import { availabilityToNines, horizonUnit, ninesText, pair, perHorizon, significant, usd } from "./numbers.js";

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * RTO and RPO are over region failures (outages, catastrophic and common-cause events): what a DR
 * strategy answers. Corruption restores take as long for every strategy and would blur the columns;
 * summary.json has them (incidents.byCause.corruption) and the pooled figures (incidents.rtoMinutes).
 */
export function summaryTable(summary: Summary): Table {
  const per = perHorizon(summary.horizonSeconds);
  const header = [
    "strategy",
    "availability",
    "nines",
    `downtime p50 / p99 (min${per})`,
    `data loss p50 / p99 (s${per})`,
    "region-failure RTO p50 / p99 (min)",
    "RPO p50 / p99 (s)",
    `mean cost ($${per})`,
  ];
  const rows = summary.strategyOrder.map((id) => {
    const s = summary.strategies[id]!;
    return [
      s.label === id ? id : `${s.label} (${id})`,
      availabilityToNines(s.availability.mean, s.nines),
      ninesText(s.nines),
      pair(s.downtimeMinutes.p50, s.downtimeMinutes.p99),
      pair(s.dataLossSeconds.p50, s.dataLossSeconds.p99),
      pair(s.incidents.regionFailures.rtoMinutes.p50, s.incidents.regionFailures.rtoMinutes.p99),
      pair(s.incidents.regionFailures.rpoSeconds.p50, s.incidents.regionFailures.rpoSeconds.p99),
      usd(s.costUSD.mean),
    ];
  });
  return { header, rows };
}

/** Paired differences against the baseline: mean with its 95 % CI, per strategy. */
export function differencesTable(summary: Summary): Table | undefined {
  const ids = summary.strategyOrder.slice(1);
  if (ids.length === 0) return undefined;
  const per = perHorizon(summary.horizonSeconds);
  const ci = (d: { mean: number; ci95: readonly [number, number] }, f: (x: number) => string): string =>
    `${f(d.mean)} [${f(d.ci95[0])}, ${f(d.ci95[1])}]`;
  const header = [
    `vs ${summary.differences.baseline}`,
    `Δ downtime (min${per}) [95% CI]`,
    `Δ data loss (s${per}) [95% CI]`,
    `Δ cost ($${per}) [95% CI]`,
  ];
  const rows = ids.map((id) => {
    const d = summary.differences.strategies[id]!;
    return [id, ci(d.downtimeMinutes, (x) => significant(x)), ci(d.dataLossSeconds, (x) => significant(x)), ci(d.costUSD, usd)];
  });
  return { header, rows };
}

/** One line naming what was run. */
export function runHeadline(summary: Summary): string {
  return (
    `${summary.scenario}: ${summary.runs.toLocaleString("en-US")} replication${summary.runs === 1 ? "" : "s"} of ${horizonUnit(summary.horizonSeconds).replace(/^(?=[a-z])/, "1 ")}, ` +
    `seed ${summary.seed}, drsim ${summary.drsim}`
  );
}
