// The report's summary table: per strategy, availability, downtime, data loss, RTO/RPO per region
// failure and cost, from summary.json (the same numbers as summary.md and the terminal).
import type { StrategyInfo } from "../charts/load/run.js";
import type { RunSummary, Stat } from "../charts/load/summary.js";
import { escapeHtml } from "./escape.js";

/** A compact number: 3 significant digits below 100, thousands separators above. */
export function short(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const a = Math.abs(x);
  if (a === 0) return "0";
  if (a < 100) return String(Number(x.toPrecision(3)));
  return Math.round(x).toLocaleString("en-US");
}

/** Availability as a percentage with enough decimals to show its nines, e.g. "99.987 %". */
export function availability(a: number): string {
  if (!Number.isFinite(a)) return "–";
  if (a >= 1) return "100 %";
  const nines = -Math.log10(1 - a);
  // n nines need n − 2 decimals of a percentage, plus one to show the first non-9 digit.
  const decimals = Math.min(8, Math.max(1, Math.floor(nines)));
  return `${(a * 100).toFixed(decimals)}\u202f%`;
}

export function nines(a: number): string {
  if (!Number.isFinite(a)) return "–";
  if (a >= 1) return "∞";
  return (-Math.log10(1 - a)).toFixed(1);
}

const pair = (s: Stat): string => `${short(s.p50)} / ${short(s.p99)}`;

export function summaryTableHtml(summary: RunSummary, strategies: readonly StrategyInfo[]): string {
  const head = [
    "Strategy",
    "Availability (mean)",
    "Nines",
    "Downtime, min/yr: mean",
    "p50 / p99",
    "Data loss, s/yr: p50 / p99",
    "RTO per region failure, min: p50 / p99",
    "RPO per region failure, s: p50 / p99",
    "Cost of risk, USD/yr: mean",
    "of which standing",
  ];
  const rows = strategies.map((s) => {
    const x = summary.strategies[s.id]!;
    const cells = [
      `<span class="swatch" style="background:${s.color}"></span>${escapeHtml(s.label)}`,
      availability(x.availability.mean),
      nines(x.availability.mean),
      short(x.downtimeMinutes.mean),
      pair(x.downtimeMinutes),
      pair(x.dataLossSeconds),
      // Region failures are what a DR strategy answers (corruption restores are alike for all);
      // a summary written before they were reported apart gives every incident.
      pair((x.incidents.regionFailures ?? x.incidents).rtoMinutes),
      pair((x.incidents.regionFailures ?? x.incidents).rpoSeconds),
      `$${short(x.costUSD.mean)}`,
      `$${short(x.standingCostUSD.mean)}`,
    ];
    return `<tr>${cells.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join("")}</tr>`;
  });
  return [
    '<table class="summary">',
    `<thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
    `<tbody>\n${rows.join("\n")}\n</tbody>`,
    "</table>",
  ].join("\n");
}
