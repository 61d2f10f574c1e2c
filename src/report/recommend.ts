// The recommendation as a terminal table, Markdown and JSON. The evidence table has one row per
// strategy; below it the verdict, the reason each rejected strategy fails, and notes (the
// sentences are recommendReasons.ts's).
import type { ProbabilityEvidence, Recommendation, StrategyEvidence } from "../analysis/recommend.js";
import { availabilityPercent, count, duration, probabilityWithCi, quantileName, significant, usd, usdWithCi } from "./numbers.js";
import { adviceLine, missSentences, noteLines, RULE, targetName } from "./recommendReasons.js";
import { markdownText } from "./markdownText.js";
import { alignTable, markdownTable, type TextTable } from "./textTable.js";

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

export function evidenceTable(rec: Recommendation): TextTable {
  const t = rec.targets;
  const q = quantileName(t.confidence);
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
    significant(s.incidentsPerHorizon / rec.horizonYears, 2),
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
    lines.push(`No strategy qualifies. The hardest target is ${targetName(n.hardest)}: ${n.best}, the closest candidate, misses it by most.`);
    for (const a of n.advice) lines.push(`  - ${adviceLine(a, rec)}`);
  }
  const rejected = rec.strategies.filter((s) => !s.qualifies);
  if (rejected.length > 0) {
    lines.push("", "Why the others are rejected:");
    for (const s of rejected) for (const m of missSentences(s, rec.targets.confidence)) lines.push(`  - ${s.id}: ${m}`);
  }
  const marginal = rec.strategies.filter((s) => s.budget?.marginal === true);
  for (const s of marginal) lines.push(`  (budget: ${s.id}'s cost interval contains the budget; its verdict could change with more replications)`);
  return lines;
}

export function headline(rec: Recommendation): string {
  const years = rec.horizonYears === 1 ? "1 year" : `${significant(rec.horizonYears, 4)} years`;
  return `${rec.scenario}: ${count(rec.runs)} replications of ${years}, seed ${rec.seed}`;
}

export function recommendationText(rec: Recommendation): string {
  const table = evidenceTable(rec);
  const lines = [headline(rec), targetsLine(rec), "", ...alignTable([table.header, ...table.rows]), "", ...verdictLines(rec)];
  lines.push("", `Rule: ${RULE}.`, ...noteLines(rec));
  return `${lines.join("\n")}\n`;
}

/** The recommendation with what came from the scenario (its name, the strategies' labels) escaped as Markdown text. */
function markdownSafe(rec: Recommendation): Recommendation {
  return { ...rec, scenario: markdownText(rec.scenario), strategies: rec.strategies.map((s) => ({ ...s, label: markdownText(s.label) })) };
}

export function recommendationMarkdown(unsafe: Recommendation): string {
  const rec = markdownSafe(unsafe);
  const lines = [`## Recommendation: ${rec.scenario}`, "", `_${headline(rec)}._ ${targetsLine(rec)}`, ""];
  lines.push(...markdownTable(evidenceTable(rec)), "");
  for (const l of verdictLines(rec)) lines.push(l.startsWith("  - ") ? l.slice(2) : l.startsWith("  ") ? `> ${l.trim()}` : l);
  lines.push("", `_Rule: ${RULE}._`, "");
  for (const n of noteLines(rec)) lines.push(`- ${n}`);
  return `${lines.join("\n")}\n`;
}

/**
 * recommendation.json: the evidence with every number in full (NaN and ±∞ become null, JSON's
 * rule) and the reasons as sentences — `rule`, each strategy's `misses`, the `advice` and the
 * `notes` — in the document's published key order.
 */
export function recommendationJson(rec: Recommendation): string {
  const t = rec.targets;
  const document = {
    scenario: rec.scenario,
    runs: rec.runs,
    seed: rec.seed,
    horizonYears: rec.horizonYears,
    targets: {
      rtoSeconds: t.rtoSeconds,
      rpoSeconds: t.rpoSeconds,
      availability: t.availability,
      confidence: t.confidence,
      budgetUSD: t.budgetUSD,
      includeCorruption: t.includeCorruption,
    },
    rule: RULE,
    strategies: rec.strategies.map((s) => {
      const { unmet: _unmet, ...evidence } = s;
      return { ...evidence, misses: missSentences(s, t.confidence) };
    }),
    choice: rec.choice,
    noneQualifies: rec.noneQualifies === undefined ? undefined : { ...rec.noneQualifies, advice: rec.noneQualifies.advice.map((a) => adviceLine(a, rec)) },
    metBy: rec.metBy,
    notes: noteLines(rec),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
