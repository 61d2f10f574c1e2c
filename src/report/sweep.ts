// The sweep as a terminal table: one row per point × strategy, with each point's swept values,
// availability (mean and 5 %-worst year), downtime, data loss, RTO and mean cost.
import { SWEEP_METRIC_COLUMNS, type SweepRow, type SweepTable } from "../analysis/sweepTable.js";
import type { Scenario } from "../scenario/types.js";
import { availabilityPercent, count, significant, usd } from "./numbers.js";
import { alignTable } from "./textTable.js";

function column(name: string): number {
  return SWEEP_METRIC_COLUMNS.findIndex((m) => m.text === name);
}

/** `scenario` is the sweep's first point as run: every point shares its runs and seed. */
export function sweepText(table: SweepTable, scenario: Scenario, points: number): string {
  const header = [
    "point",
    ...table.parameters.map((p) => p.path),
    "strategy",
    "availability mean / 5%-worst yr",
    "downtime mean / p99 (min/yr)",
    "data loss p99 (s/yr)",
    "region-failure RTO p50 / p99 (min)",
    "mean cost ($/yr)",
  ];
  const col = (r: SweepRow, name: string): number => r.metrics[column(name)]!;
  const body = table.rows.map((r) => [
    String(r.point),
    ...r.values,
    r.strategy,
    // The 5 %-worst year's availability is 1 − the 95th percentile of unavailability.
    `${availabilityPercent(col(r, "availability.mean"))} / ${availabilityPercent(1 - col(r, "unavailability.p95"))}`,
    `${significant(col(r, "downtimeMinutes.mean"))} / ${significant(col(r, "downtimeMinutes.p99"))}`,
    significant(col(r, "dataLossSeconds.p99")),
    `${significant(col(r, "incidents.regionFailures.rtoMinutes.p50"))} / ${significant(col(r, "incidents.regionFailures.rtoMinutes.p99"))}`,
    usd(col(r, "costUSD.mean")),
  ]);
  const lines = [
    `${scenario.name}: sweep of ${points} point${points === 1 ? "" : "s"}, ${count(scenario.run.runs)} replications each, seed ${scenario.run.seed} (common random numbers)`,
    "",
    ...alignTable([header, ...body]),
  ];
  return `${lines.join("\n")}\n`;
}
