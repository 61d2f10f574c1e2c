// summary.md: the summary as Markdown tables, ready to paste into a design doc.
import type { Summary } from "../montecarlo/summary.js";
import { markdownText } from "./markdownText.js";
import { differencesTable, runHeadline, summaryTable, type Table } from "./table.js";
import { markdownTable } from "./textTable.js";

/** The table with its first column — strategy labels, from the scenario — escaped as Markdown text. */
function withEscapedLabels(table: Table): Table {
  return { header: table.header, rows: table.rows.map(([first, ...rest]) => [markdownText(first!), ...rest]) };
}

export function summaryMarkdown(summary: Summary): string {
  const name = markdownText(summary.scenario);
  const lines = [`## ${name}`, ""];
  if (summary.description.trim() !== "") lines.push(markdownText(summary.description.trim()), "");
  lines.push(`_${runHeadline({ ...summary, scenario: name })}. Downtime, data loss and cost per replication of the horizon; RTO and RPO per region-failure incident (corruption restores: summary.json, incidents.byCause)._`, "");
  lines.push(...markdownTable(withEscapedLabels(summaryTable(summary))));
  const diff = differencesTable(summary);
  if (diff !== undefined) {
    lines.push("", "Paired differences against the first strategy (same simulated world, common random numbers):", "");
    lines.push(...markdownTable(diff));
  }
  return `${lines.join("\n")}\n`;
}
