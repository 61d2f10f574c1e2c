// The recommendation as a terminal table, Markdown and JSON. The evidence table has one row per
// strategy; below it the verdict, the reason each rejected strategy fails, and notes.
import { alignTable, fmt } from "./format.js";
import { availabilityPercent, duration, probabilityWithCi, usd, usdWithCi } from "./decisionFormat.js";
import type { ProbabilityEvidence, Recommendation, StrategyEvidence } from "../analysis/recommend.js";

interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function pLabel(confidence: number): string {
  return `p${String(Number((confidence * 100).toPrecision(6)))}`;
}

function name(s: StrategyEvidence): string {
  return s.label === s.id ? s.id : `${s.label} (${s.id})`;
}

function verdict(s: StrategyEvidence, rec: Recommendation): string {
  if (rec.choice?.id === s.id) return "RECOMMENDED";
  if (s.qualifies) return "qualifies";
  const all = [s.rto, s.rpo, s.availability].filter((e): e is ProbabilityEvidence => e !== undefined);
  const label = (e: ProbabilityEvidence): string => (e.kind === "availability" ? "availability" : e.kind.toUpperCase());
  const missed = all.filter((e) => e.status === "misses").map(label);
  if (s.budget?.status === "misses") missed.push("budget");
  const unproven = all.filter((e) => e.status === "undetermined").map(label);
  const parts = [];
  if (missed.length > 0) parts.push(`misses ${missed.join(", ")}`);
  if (unproven.length > 0) parts.push(`${unproven.join(", ")} not demonstrated`);
  return parts.join("; ");
}

export function evidenceTable(rec: Recommendation): Table {
  const t = rec.targets;
  const q = pLabel(t.confidence);
  const header = [
    "strategy",
    "incidents/yr",
    `P(RTO ≤ ${duration(t.rtoSeconds)}) [95% CI]`,
    `${q} RTO`,
    `P(RPO ≤ ${duration(t.rpoSeconds)}) [95% CI]`,
    `${q} RPO`,
    ...(t.availability === undefined ? [] : [`P(avail ≥ ${availabilityPercent(t.availability)}) [95% CI]`]),
    "mean cost of risk [95% CI]",
    "verdict",
  ];
  const rows = rec.strategies.map((s) => [
    name(s),
    fmt(s.incidentsPerHorizon / rec.horizonYears, 2),
    probabilityWithCi(s.rto.proportion.p, s.rto.proportion.ci95),
    duration(s.rto.atConfidence),
    probabilityWithCi(s.rpo.proportion.p, s.rpo.proportion.ci95),
    duration(s.rpo.atConfidence),
    ...(s.availability === undefined ? [] : [probabilityWithCi(s.availability.proportion.p, s.availability.proportion.ci95)]),
    usdWithCi(s.cost.mean, s.cost.ci95),
    verdict(s, rec),
  ]);
  return { header, rows };
}

export function targetsLine(rec: Recommendation): string {
  const t = rec.targets;
  const parts = [`RTO ≤ ${duration(t.rtoSeconds)}`, `RPO ≤ ${duration(t.rpoSeconds)}`];
  if (t.availability !== undefined) parts.push(`availability ≥ ${availabilityPercent(t.availability)}`);
  const budget = t.budgetUSD === undefined ? "" : `, mean cost of risk ≤ ${usd(t.budgetUSD)}`;
  return `Targets: ${parts.join(", ")}, each with probability ≥ ${t.confidence}${budget}.`;
}

/** The verdict and the reasons, as plain lines (shared by the terminal and Markdown). */
export function verdictLines(rec: Recommendation): string[] {
  const lines: string[] = [];
  const byId = new Map(rec.strategies.map((s) => [s.id, s]));
  if (rec.choice !== undefined) {
    const s = byId.get(rec.choice.id)!;
    lines.push(`Recommendation: ${name(s)}, the cheapest strategy that meets every target (mean cost of risk ${usdWithCi(s.cost.mean, s.cost.ci95)}).`);
    const r = rec.choice.runnerUp;
    if (r !== undefined) {
      const d = r.costDifference;
      lines.push(`  The next cheapest that qualifies, ${r.id}, costs ${usd(d.mean)} more [95% CI ${usd(d.ci95[0])}, ${usd(d.ci95[1])}] (paired, same simulated years).`);
    }
  } else if (rec.noneQualifies !== undefined) {
    const n = rec.noneQualifies;
    const hardest = n.hardest === "budget" ? "the budget" : n.hardest === "availability" ? "the availability target" : `the ${n.hardest.toUpperCase()} target`;
    lines.push(`No strategy qualifies. The hardest target is ${hardest}: ${n.best}, the closest candidate, misses it by most.`);
    for (const a of n.advice) lines.push(`  - ${a}`);
  }
  const rejected = rec.strategies.filter((s) => !s.qualifies);
  if (rejected.length > 0) {
    lines.push("", "Why the others are rejected:");
    for (const s of rejected) for (const m of s.misses) lines.push(`  - ${s.id}: ${m}`);
  }
  const marginal = rec.strategies.filter((s) => s.budget?.marginal === true);
  for (const s of marginal) lines.push(`  (budget: ${s.id}'s cost interval contains the budget; its verdict could change with more replications)`);
  return lines;
}

export function headline(rec: Recommendation): string {
  const years = rec.horizonYears === 1 ? "1 year" : `${fmt(rec.horizonYears, 4)} years`;
  return `${rec.scenario}: ${rec.runs.toLocaleString("en-US")} replications of ${years}, seed ${rec.seed}`;
}

export function recommendationText(rec: Recommendation): string {
  const table = evidenceTable(rec);
  const lines = [headline(rec), targetsLine(rec), "", ...alignTable([table.header, ...table.rows]), "", ...verdictLines(rec)];
  lines.push("", `Rule: ${rec.rule}.`, ...rec.notes);
  return `${lines.join("\n")}\n`;
}

function markdownTable(table: Table): string[] {
  const row = (cells: readonly string[]): string => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  const rule = `|${table.header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`;
  return [row(table.header), rule, ...table.rows.map(row)];
}

export function recommendationMarkdown(rec: Recommendation): string {
  const lines = [`## Recommendation: ${rec.scenario}`, "", `_${headline(rec)}._ ${targetsLine(rec)}`, ""];
  lines.push(...markdownTable(evidenceTable(rec)), "");
  for (const l of verdictLines(rec)) lines.push(l.startsWith("  - ") ? l.slice(2) : l.startsWith("  ") ? `> ${l.trim()}` : l);
  lines.push("", `_Rule: ${rec.rule}._`, "");
  for (const n of rec.notes) lines.push(`- ${n}`);
  return `${lines.join("\n")}\n`;
}

/** JSON: every number in full; NaN and ±∞ become null (JSON.stringify's rule). */
export function recommendationJson(rec: Recommendation): string {
  return `${JSON.stringify(rec, null, 2)}\n`;
}
