// The sensitivity ranking as a terminal table (one block per strategy), sensitivity.csv (tidy: one
// row per strategy × input) and JSON, and the wording of an input's low and high values.
import { csvNumber, csvString } from "../store/csv.js";
import { count, duration, megabytesPerSecond, perYear, significant, trimNumber } from "./numbers.js";
import { DEFAULT_WIDTH, fitLines, fitTable, tableLines, type TextLayout } from "./textTable.js";
import type { Effect, SensitivityResult } from "../analysis/sensitivity.js";
import type { InputRange, Quantity } from "../analysis/sensitivityInputs.js";

/** A value of an input for people: "4.2 h", "0.05/year", "19.2 MB/s", "0.25". */
function quantityText(quantity: Quantity, x: number): string {
  switch (quantity) {
    case "duration":
      return duration(x);
    case "rate":
      return perYear(x);
    case "throughput":
      return megabytesPerSecond(x);
    default:
      return trimNumber(x, 3);
  }
}

/** One text when every value reads the same, else "owner: text; owner: text". */
function joinTexts(parts: readonly { owner: string; text: string }[]): string {
  const unique = [...new Set(parts.map((p) => p.text))];
  if (unique.length === 1) return unique[0]!;
  return parts.map((p) => `${p.owner}: ${p.text}`).join("; ");
}

/** The low and high values of an input for people: as typed for a --range, else worded per value. */
export function rangeText(range: InputRange): { lowText: string; highText: string } {
  if (range.kind === "given") return { lowText: range.low, highText: range.high };
  return {
    lowText: joinTexts(range.values.map((v) => ({ owner: v.owner, text: quantityText(v.quantity, v.low) }))),
    highText: joinTexts(range.values.map((v) => ({ owner: v.owner, text: quantityText(v.quantity, v.high) }))),
  };
}

function swingText(e: Effect): string {
  if (e.swingCi95 === undefined) return significant(e.swing);
  return `${significant(e.swing)} [${significant(e.swingCi95[0])}, ${significant(e.swingCi95[1])}]`;
}

/** The ranking for people; a narrow `layout` wraps the long lines (the default, wide, never wraps). */
export function sensitivityText(result: SensitivityResult, top = 12, layout: TextLayout = { wide: true }): string {
  const lines = [
    `${result.scenario}: sensitivity of ${result.metric}, ${count(result.runs)} replications per case, seed ${result.seed} (common random numbers)`,
  ];
  for (const s of result.strategies) {
    lines.push("", `${s.label === s.id ? s.id : `${s.label} (${s.id})`}: ${result.metric} = ${significant(s.base)} at base`);
    const moving = s.effects.filter((e) => e.swing !== 0);
    const still = s.effects.filter((e) => e.swing === 0);
    const withCi = moving.some((e) => e.swingCi95 !== undefined);
    const header = ["input (ranked by |swing|)", "low → high", `${result.metric}\nat low`, "at high", `swing\nhigh − low${withCi ? " [95% CI]" : ""}`];
    const rows = moving.slice(0, top).map((e) => {
      const { lowText, highText } = rangeText(e.range);
      return [`${e.rank}. ${e.label}`, `${lowText} → ${highText}`, significant(e.low), significant(e.high), swingText(e)];
    });
    // Narrow: the low → high values go first (sensitivity.csv and --wide keep them), then the swing's ends.
    const table = { header, rows };
    const fitted = layout.wide === true ? { lines: tableLines(table), dropped: [] } : fitTable(table, (layout.width ?? DEFAULT_WIDTH) - 2, [1, 3, 2]);
    lines.push(...fitted.lines.map((l) => `  ${l}`));
    if (fitted.dropped.length > 0) lines.push(`  (left out to fit: ${fitted.dropped.map((h) => h.replace("\n", " ")).join("; ")}; --wide or sensitivity.csv has them)`);
    if (moving.length > top) lines.push(`  … ${moving.length - top} more in sensitivity.csv`);
    if (still.length > 0) lines.push(`  no effect: ${still.map((e) => e.input).join(", ")}`);
  }
  return `${fitLines(lines, layout).join("\n")}\n`;
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
      const { lowText, highText } = rangeText(e.range);
      lines.push(
        [
          csvString(s.id),
          String(e.rank),
          csvString(e.input),
          csvString(e.label),
          csvString(e.rule),
          csvString(lowText),
          csvString(highText),
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

/** sensitivity.json: each effect with its low and high values worded, in the document's published key order. */
export function sensitivityJson(result: SensitivityResult): string {
  const document = {
    ...result,
    strategies: result.strategies.map((s) => ({
      ...s,
      effects: s.effects.map((e) => ({
        input: e.input,
        label: e.label,
        rule: e.rule,
        ...rangeText(e.range),
        low: e.low,
        high: e.high,
        swing: e.swing,
        swingCi95: e.swingCi95,
        rank: e.rank,
      })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
