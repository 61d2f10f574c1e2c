// report.html's per-cause breakdown, from summary.json's means (means add up; quantiles do not):
// where each strategy's unavailability comes from — its own response to region failures, and the
// floor no failover removes (every region down, brownouts, corruption restores) — its data loss
// by cause, and its cost of risk by part. A summary written before these metrics existed gives none.
import type { RunData } from "../charts/load/run.js";
import type { Stat, StrategySummary } from "../charts/load/summary.js";
import { strategyNames } from "../names.js";
import { availabilityPercent, horizonNoun, percent, significant, usd } from "../numbers.js";
import { el, join, swatchName, table, type Html } from "./markup.js";

const mean = (s: Stat | undefined): number => s?.mean ?? Number.NaN;

export function breakdownHtml(run: RunData): Html | undefined {
  const summaries = run.strategies.map((s) => ({ info: s, x: run.summary.strategies[s.id]! }));
  if (summaries.some(({ x }) => x.floorUnavailability === undefined)) return undefined;
  const names = strategyNames(run.strategies);
  const year = horizonNoun(run.summary.horizonHours);
  const name = (info: RunData["strategies"][number]): Html => swatchName(names.get(info.id)!, info.color);
  const unavail = (x: StrategySummary): number => mean(x.unavailability);

  const availability = table(
    "breakdown",
    ["Strategy", "Lost, all causes", "of which partial service", "Strategy's response to region failures", "Every region down", "Brownouts", "Corruption restores", "Floor: best availability a failover can reach"],
    summaries.map(({ info, x }) => {
      const floor = mean(x.floorUnavailability);
      return [
        name(info),
        percent(unavail(x)),
        percent(mean(x.partialUnavailability)),
        percent(Math.max(0, unavail(x) - floor)),
        percent(mean(x.allRegionsDownUnavailability)),
        percent(mean(x.brownoutUnavailability)),
        percent(mean(x.corruptionUnavailability)),
        availabilityPercent(1 - floor),
      ];
    }),
    `Share of the ${year}'s requests lost, mean over ${year}s, by cause`,
  );
  const loss = table(
    "breakdown",
    ["Strategy", `Region failures: mean / p99 (s of writes a ${year})`, `Corruption restores: mean / p99`, "All causes: p99"],
    summaries.map(({ info, x }) => [
      name(info),
      `${significant(mean(x.regionFailureDataLossSeconds))} / ${significant(x.regionFailureDataLossSeconds?.p99 ?? Number.NaN)}`,
      `${significant(mean(x.corruptionDataLossSeconds))} / ${significant(x.corruptionDataLossSeconds?.p99 ?? Number.NaN)}`,
      significant(x.dataLossSeconds.p99),
    ]),
    "Data loss by cause: what the strategy loses at failovers, and what corruption restores discard alike for every strategy",
  );
  const cost = table(
    "breakdown",
    ["Strategy", "Standing infrastructure", "Surge compute", "Penalties", "of which the floor's", `Total a ${year}`],
    summaries.map(({ info, x }) => [
      name(info),
      usd(mean(x.standingCostUSD)),
      usd(mean(x.incidentCostUSD)),
      usd(mean(x.penaltyCostUSD)),
      usd(mean(x.floorPenaltyUSD)),
      usd(mean(x.costUSD)),
    ]),
    `Cost of risk by part, mean USD a ${year}`,
  );
  return join(
    [
      el("h2", {}, "Where the impact comes from"),
      el(
        "p",
        {},
        "The floor is what no failover removes: every region down at once (nowhere to fail over to), brownouts — a degraded zone or region serving part of the demand, which no strategy fails over from (active–active's spare capacity absorbs them) — and corruption restores, which every strategy performs alike. A strategy's availability cannot exceed one minus its floor; tightening the availability target past it calls for a better restore path or more capacity, not another DR strategy.",
      ),
      availability,
      loss,
      cost,
    ],
    "\n",
  );
}
