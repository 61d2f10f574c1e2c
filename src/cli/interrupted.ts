// What an interrupted command says it leaves: exactly the files it had completed (each committed
// whole: store/atomicWrite.ts), by directory — or that it wrote nothing. A run whose data was kept
// but whose charts were still being drawn is named, with the command that draws them.
import { basename, dirname, relative } from "node:path";

const REPORT = "report.html";
const SUMMARY = "summary.json";

/** "results/x/ (summary.json, summary.md, charts/ (15 files))": one directory's kept files. */
function describe(dir: string, names: readonly string[]): string {
  const top = names.filter((n) => !n.includes("/"));
  const nested = new Map<string, number>();
  for (const n of names) if (n.includes("/")) nested.set(n.split("/")[0]!, (nested.get(n.split("/")[0]!) ?? 0) + 1);
  const parts = [...top, ...[...nested].map(([sub, k]) => `${sub}/ (${k} file${k === 1 ? "" : "s"})`)];
  return `${dir}/ (${parts.join(", ")})`;
}

/** The message for an interrupt by `signal`, given the files committed before it (absolute or relative paths). */
export function interruptedMessage(signal: string, committed: readonly string[]): string {
  if (committed.length === 0) return `drsim: interrupted (${signal}); no output was written\n`;
  // Group by run directory: a chart's directory is its run's (charts/x.svg belongs to x's run).
  const byDir = new Map<string, string[]>();
  for (const file of committed) {
    const parent = dirname(file);
    const dir = basename(parent) === "charts" ? dirname(parent) : parent;
    const list = byDir.get(dir) ?? [];
    list.push(relative(dir, file));
    byDir.set(dir, list);
  }
  const lines = [`drsim: interrupted (${signal}); no file was left half-written. Kept, each file complete:`];
  for (const [dir, names] of byDir) {
    lines.push(`  ${describe(relative(process.cwd(), dir) || ".", names)}`);
    if (names.includes(SUMMARY) && !names.includes(REPORT)) {
      lines.push(`    its charts and ${REPORT} were not all drawn: drsim chart ${relative(process.cwd(), dir) || "."} draws them`);
    }
  }
  return `${lines.join("\n")}\n`;
}
