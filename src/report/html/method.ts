// report.html's method: how the numbers were made (replications, seed, horizon, common random
// numbers, the decision rule) and how precise they are — each headline mean and each share of
// years with its Monte Carlo standard error.
import type { RunData } from "../charts/load/run.js";
import { strategyNames } from "../names.js";
import { count, horizonNoun, probability, significant, usd } from "../numbers.js";
import { evidenceFor, targetKinds, targetShort } from "../recommendReasons.js";
import { el, join, list, swatchName, table, type Html } from "./markup.js";

/** "99.9470 % ± 0.0021 pp": the standard error in percentage points, two significant digits. */
function percentWithSe(mean: number, se: number): string {
  return `${(mean * 100).toFixed(4)} % ± ${significant(se * 100, 2)} pp`;
}

export function methodHtml(run: RunData): Html {
  const s = run.summary;
  const n = s.runs;
  const year = horizonNoun(s.horizonHours);
  const names = strategyNames(run.strategies);
  const rec = run.recommendation;
  const kinds = rec === undefined ? [] : (targetKinds(rec.targets).filter((k) => k !== "budget") as ("rto" | "rpo" | "availability")[]);
  const se = (sd: number): number => sd / Math.sqrt(n);
  const rows = run.strategies.map((info) => {
    const x = s.strategies[info.id]!;
    const shares = kinds.map((k) => {
      const e = evidenceFor(rec!.strategies.find((r) => r.id === info.id)!, k);
      // Every year (or none) kept: the standard error is 0 by its formula; the Wilson bound says more.
      if (e.years.k === e.years.n) return `${probability(e.years.p)} (95 % ≥ ${probability(e.years.ci95[0])})`;
      if (e.years.k === 0) return `${probability(e.years.p)} (95 % ≤ ${probability(e.years.ci95[1])})`;
      return `${probability(e.years.p)} ± ${significant(Math.sqrt((e.years.p * (1 - e.years.p)) / e.years.n), 2)}`;
    });
    return [
      swatchName(names.get(info.id)!, info.color),
      percentWithSe(x.availability.mean, se(x.availability.sd)),
      `${significant(x.downtimeMinutes.mean)} ± ${significant(se(x.downtimeMinutes.sd), 2)}`,
      `${usd(x.costUSD.mean)} ± ${usd(se(x.costUSD.sd))}`,
      ...shares,
    ];
  });
  const errors = table(
    "errors",
    ["Strategy", "Mean availability ± SE", `Mean full outage ± SE (min a ${year})`, `Mean cost of risk ± SE (a ${year})`, ...kinds.map((k) => `P(a ${year} keeps ${targetShort(k, rec!.targets)}) ± SE`)],
    rows,
    "Monte Carlo standard errors: ± one standard error (sd/√n for a mean, √(p(1−p)/n) for a share of years); a 95 % interval is about ± 2 of them",
  );
  return join(
    [
      el("h2", {}, "Method"),
      list([
        `${count(n)} replications, each one simulated ${year} (the horizon, ${significant(s.horizonHours, 6)} h) of the world, seed ${s.seed}; drsim ${s.drsim}. The same seed and scenario give the same bytes for any number of workers or shards.`,
        `Common random numbers: in each replication every strategy meets the very same world — the same outages, degradations, partitions and corruption at the same instants — and differs only in its own response times. Differences between strategies are therefore paired year by year, far more precise than two independent runs.`,
        `A target is a promise about every ${year}: the share of ${year}s that keep it has a Wilson 95 % interval, and a strategy keeps a promise when that interval's lower bound reaches the confidence. Among the strategies that keep every promise, the cheaper is preferred only when the paired cost difference excludes zero; otherwise the simpler mechanism (docs/decision.md).`,
        "Statistics: means with t-based 95 % intervals; quantiles of type 7 (linear interpolation) from exact order statistics; availability is request-weighted and counts every cause.",
      ]),
      errors,
    ],
    "\n",
  );
}
