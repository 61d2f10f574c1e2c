// The terminal summary: aligned columns, units in the headers, fitted to the terminal (100 columns
// unless told; the least important columns go first, and a line says which), or every column with
// `wide`. The headline metrics are defined once, in docs/decision.md, and a line under the table
// says what each means.
import type { Summary } from "../montecarlo/summary.js";
import { DEFAULT_WIDTH, fitLines, fitTable, type TextLayout } from "./textTable.js";
import { differencesTable, headlineNotes, runHeadline, summaryDropOrder, summaryTable } from "./table.js";

export function terminalSummary(summary: Summary, layout: TextLayout = {}): string {
  const wide = layout.wide === true;
  const width = wide ? Infinity : (layout.width ?? DEFAULT_WIDTH);
  const table = fitTable(summaryTable(summary, wide), width, summaryDropOrder(wide));
  const lines = [runHeadline(summary), "", ...table.lines];
  const diff = differencesTable(summary);
  if (diff !== undefined) {
    const fitted = fitTable(diff, width, diff.header.map((_, i) => diff.header.length - 1 - i));
    lines.push("", ...fitted.lines);
    table.dropped.push(...fitted.dropped);
  }
  lines.push("", ...headlineNotes(summary));
  if (table.dropped.length > 0) lines.push(`(Left out to fit ${width} columns: ${table.dropped.map((h) => h.split("\n").filter((x) => x !== "").join(" ")).join("; ")}. --wide shows every column.)`);
  return `${fitLines(lines, layout).join("\n")}\n`;
}
