// The terminal summary: aligned columns, units in the headers.
import type { Summary } from "../montecarlo/summary.js";
import { alignTable } from "./textTable.js";
import { differencesTable, runHeadline, summaryTable } from "./table.js";

export function terminalSummary(summary: Summary): string {
  const table = summaryTable(summary);
  const lines = [runHeadline(summary), "", ...alignTable([table.header, ...table.rows])];
  const diff = differencesTable(summary);
  if (diff !== undefined) lines.push("", ...alignTable([diff.header, ...diff.rows]));
  return `${lines.join("\n")}\n`;
}
