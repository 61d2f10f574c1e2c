// summary.md: the summary as Markdown tables, ready to paste into a design doc.
import type { Summary } from "../montecarlo/summary.js";
import { markdownTable } from "./textTable.js";
import { differencesTable, headlineNotes, runHeadline, summaryTable } from "./table.js";

export function summaryMarkdown(summary: Summary): string {
  const lines = [`## ${summary.scenario}`, ""];
  if (summary.description.trim() !== "") lines.push(summary.description.trim(), "");
  lines.push(`_${runHeadline(summary)}. Outage, partial service, data loss and cost per replication of the horizon; RTO and RPO of region failures (corruption restores: summary.json, incidents.byCause)._`, "");
  lines.push(...markdownTable(summaryTable(summary)));
  lines.push("", ...headlineNotes(summary).map((n) => `- ${n}`));
  const diff = differencesTable(summary);
  if (diff !== undefined) {
    lines.push("", "Paired differences against the first strategy (same simulated world, common random numbers):", "");
    lines.push(...markdownTable(diff));
  }
  return `${lines.join("\n")}\n`;
}
