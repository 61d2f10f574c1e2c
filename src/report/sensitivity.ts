// The sensitivity ranking as a terminal table (one block per strategy), sensitivity.csv (tidy: one
// row per strategy × input) and JSON.
import { csvNumber, csvString } from "../store/csv.js";
import { alignTable, fmt } from "./format.js";
import type { Effect, SensitivityResult } from "../analysis/sensitivity.js";

function swingText(e: Effect): string {
  if (e.swingCi95 === undefined) return fmt(e.swing);
  return `${fmt(e.swing)} [${fmt(e.swingCi95[0])}, ${fmt(e.swingCi95[1])}]`;
}

export function sensitivityText(result: SensitivityResult, top = 12): string {
  const lines = [
    `${result.scenario}: sensitivity of ${result.metric}, ${result.runs.toLocaleString("en-US")} replications per case, seed ${result.seed} (common random numbers)`,
  ];
  for (const s of result.strategies) {
    lines.push("", `${s.label === s.id ? s.id : `${s.label} (${s.id})`}: ${result.metric} = ${fmt(s.base)} at base`);
    const moving = s.effects.filter((e) => e.swing !== 0);
    const still = s.effects.filter((e) => e.swing === 0);
    const withCi = moving.some((e) => e.swingCi95 !== undefined);
    const header = ["input (ranked by |swing|)", "low → high", `${result.metric} at low`, "at high", `swing high − low${withCi ? " [95% CI]" : ""}`];
    const rows = moving.slice(0, top).map((e) => [`${e.rank}. ${e.label}`, `${e.lowText} → ${e.highText}`, fmt(e.low), fmt(e.high), swingText(e)]);
    lines.push(...alignTable([header, ...rows]).map((l) => `  ${l}`));
    if (moving.length > top) lines.push(`  … ${moving.length - top} more in sensitivity.csv`);
    if (still.length > 0) lines.push(`  no effect: ${still.map((e) => e.input).join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

export const SENSITIVITY_COLUMNS = [
  "strategy",
  "rank",
  "input",
  "label",
  "rule",
  "lowValue",
  "highValue",
  "metric",
  "base",
  "atLow",
  "atHigh",
  "swing",
  "swingCi95lo",
  "swingCi95hi",
] as const;

export function sensitivityCsv(result: SensitivityResult): string {
  const lines = [SENSITIVITY_COLUMNS.join(",")];
  for (const s of result.strategies) {
    for (const e of s.effects) {
      lines.push(
        [
          csvString(s.id),
          String(e.rank),
          csvString(e.input),
          csvString(e.label),
          csvString(e.rule),
          csvString(e.lowText),
          csvString(e.highText),
          csvString(result.metric),
          csvNumber(s.base),
          csvNumber(e.low),
          csvNumber(e.high),
          csvNumber(e.swing),
          csvNumber(e.swingCi95?.[0] ?? NaN),
          csvNumber(e.swingCi95?.[1] ?? NaN),
        ].join(","),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

export function sensitivityJson(result: SensitivityResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
