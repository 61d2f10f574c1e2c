// summary.md: the summary as Markdown tables, ready to paste into a design doc.
import type { Summary } from "../montecarlo/summary.js";
import { differencesTable, runHeadline, summaryTable, type Table } from "./table.js";

function escapeCell(cell: string): string {
  return cell.replaceAll("|", "\\|");
}

function markdownTable(table: Table): string[] {
  const row = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(" | ")} |`;
  const rule = `|${table.header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`;
  return [row(table.header), rule, ...table.rows.map(row)];
}

export function summaryMarkdown(summary: Summary): string {
  const lines = [`## ${summary.scenario}`, ""];
  if (summary.description.trim() !== "") lines.push(summary.description.trim(), "");
  lines.push(`_${runHeadline(summary)}. Downtime, data loss and cost per replication of the horizon; RTO and RPO per region-failure incident (corruption restores: summary.json, incidents.byCause)._`, "");
  lines.push(...markdownTable(summaryTable(summary)));
  const diff = differencesTable(summary);
  if (diff !== undefined) {
    lines.push("", "Paired differences against the first strategy (same simulated world, common random numbers):", "");
    lines.push(...markdownTable(diff));
  }
  return `${lines.join("\n")}\n`;
}
