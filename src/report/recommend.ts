// The recommendation as a terminal text, Markdown and JSON. The evidence table has one row per
// strategy and one column per promise (the share of years that keep it, marked ✓ demonstrated,
// ✗ missed, ? not demonstrated); below it the decision with its evidence and the paired cost
// differences, why each other strategy is rejected, the rule and the notes (sentences:
// recommendReasons.ts). The terminal text fits its width (default 100 columns); `wide` gives every
// column: the intervals, breaches per year and the year's worst at the confidence.
import type { Comparison, ProbabilityEvidence, Recommendation, StrategyEvidence } from "../analysis/recommend.js";
import { markdownText } from "./markdownText.js";
import { strategyNames } from "./names.js";
import { availabilityPercent, confidencePercent, count, duration, probability, probabilityWithCi, quantileName, significant, signedUsdWithCi, usd, usdWithCi } from "./numbers.js";
import { adviceLine, breachesText, keptSentence, missSentences, noteLines, RULE, targetKinds, targetName, targetShort, targetsSentence, yearWord, evidenceFor } from "./recommendReasons.js";
import { DEFAULT_WIDTH, fitLines, fitTable, markdownTable, type TextLayout, type TextTable } from "./textTable.js";

const MARK = { meets: "✓", misses: "✗", undetermined: "?" } as const;

function verdict(s: StrategyEvidence, rec: Recommendation): string {
  if (rec.choice?.id === s.id) return "RECOMMENDED";
  return s.qualifies ? "qualifies" : "rejected";
}

function probabilityCell(e: ProbabilityEvidence, wide: boolean): string {
  const p = wide ? probabilityWithCi(e.years.p, e.years.ci95) : probability(e.years.p);
  return `${p} ${MARK[e.status]}`;
}

/**
 * The evidence table. Compact: per promise the share of years that keep it with its mark, the mean
 * cost and the verdict. Wide: besides, incidents per year, each share's interval, breaches per
 * year, the year's worst at the confidence, and the cost's interval.
 */
export function evidenceTable(rec: Recommendation, wide = false): TextTable {
  const t = rec.targets;
  const names = strategyNames(rec.strategies);
  const year = yearWord(rec);
  const probabilities = targetKinds(t).filter((k) => k !== "budget") as ProbabilityEvidence["kind"][];
  const q = quantileName(t.confidence);
  const header = [
    "strategy",
    ...(wide ? [`incidents/${year}`] : []),
    ...probabilities.flatMap((k) => [
      `${targetShort(k, t)}${wide ? ` [95% CI]` : ""}`,
      ...(wide ? [k === "availability" ? `${year}s below` : `breaches/${year}`, k === "availability" ? `${confidencePercent(1 - t.confidence)}-worst ${year}` : `worst ${k.toUpperCase()}/${year} ${q}`] : []),
    ]),
    `mean cost/${year}${wide ? " [95% CI]" : ""}${t.budget === undefined ? "" : ` (${targetShort("budget", t)})`}`,
    "verdict",
  ];
  const rows = rec.strategies.map((s) => [
    names.get(s.id)!,
    ...(wide ? [significant(s.incidentsPerYear, 2)] : []),
    ...probabilities.flatMap((k) => {
      const e = evidenceFor(s, k);
      if (!wide) return [probabilityCell(e, false)];
      const worst = k === "availability" ? availabilityPercent(e.atConfidence) : duration(e.atConfidence);
      return [probabilityCell(e, true), breachesText(e, rec).replace(/ (breaches|of).*$/, ""), worst];
    }),
    `${wide ? usdWithCi(s.cost.mean, s.cost.ci95) : usd(s.cost.mean)}${s.budget === undefined ? "" : ` ${s.budget.status === "meets" ? MARK.meets : MARK.misses}`}`,
    verdict(s, rec),
  ]);
  return { header, rows };
}

const LEGEND = (rec: Recommendation): string =>
  `Share of ${yearWord(rec)}s that keep each promise: ✓ demonstrated (the lower bound of its 95 % interval reaches ${probability(rec.targets.confidence)}), ✗ missed, ? not demonstrated (the estimate reaches it, the bound does not).`;

/** The decision and its evidence, as plain lines (shared by the terminal, Markdown and report.html). */
export function decisionLines(rec: Recommendation): string[] {
  const names = strategyNames(rec.strategies);
  const name = (id: string): string => names.get(id)!;
  const byId = new Map(rec.strategies.map((s) => [s.id, s]));
  const year = yearWord(rec);
  const lines: string[] = [];
  const choice = rec.choice;
  if (choice !== undefined) {
    const s = byId.get(choice.id)!;
    lines.push(`Recommendation: ${name(s.id)}, ${choiceReason(rec)}`);
    const kept = [s.rto, s.rpo, s.availability].filter((e): e is ProbabilityEvidence => e !== undefined).map((e) => keptSentence(e, rec));
    lines.push(`  Evidence: ${[...kept, `mean cost of risk ${usdWithCi(s.cost.mean, s.cost.ci95)} a ${year}`].join("; ")}.`);
    if (choice.comparisons.length > 0) {
      lines.push(`  Every other strategy against it, paired by simulated ${year} (its cost minus ${name(s.id)}'s, 95 % CI):`);
      for (const c of choice.comparisons) lines.push(`    ${comparisonLine(c, rec, name)}`);
    }
  } else if (rec.noneQualifies !== undefined) {
    const n = rec.noneQualifies;
    lines.push(`No strategy keeps every promise. The hardest target is ${targetName(n.hardest)}: ${name(n.best)}, the closest candidate, misses it by most.`);
    for (const a of n.advice) lines.push(`  - ${adviceLine(a, rec)}`);
  }
  const rejected = rec.strategies.filter((s) => !s.qualifies);
  if (rejected.length > 0) {
    lines.push("", "What the others miss:");
    for (const s of rejected) for (const m of missSentences(s, rec)) lines.push(`  - ${name(s.id)}: ${m}`);
  }
  for (const s of rec.strategies.filter((x) => x.budget?.marginal === true)) {
    lines.push(`  (budget: ${name(s.id)}'s cost interval contains the budget; its verdict could change with more replications)`);
  }
  return lines;
}

/** Why the choice: the only qualifier, the demonstrably cheapest, or the simplest of a cost tie. */
export function choiceReason(rec: Recommendation): string {
  const choice = rec.choice!;
  const names = strategyNames(rec.strategies);
  switch (choice.reason) {
    case "only":
      return "the only strategy that keeps every promise.";
    case "cheapest":
      return "the cheapest strategy that keeps every promise: every other one that does costs more, by a paired difference whose interval excludes zero.";
    case "simplest": {
      const tied = choice.tied.map((id) => names.get(id)!).join(", ");
      const cheapest = choice.cheapest === choice.id ? "the cheapest on the mean and" : `not the cheapest on the mean (${names.get(choice.cheapest)!}), but`;
      return `${cheapest} the simplest mechanism among the strategies that keep every promise and whose costs cannot be told apart (${tied}: paired differences whose intervals include zero).`;
    }
  }
}

function comparisonLine(c: Comparison, rec: Recommendation, name: (id: string) => string): string {
  const s = rec.strategies.find((x) => x.id === c.id)!;
  const d = c.costDifference;
  const status = c.qualifies ? "keeps every promise" : `misses ${s.unmet.map((k) => targetShort(k, rec.targets)).join(", ")}`;
  return `${name(c.id)}: ${signedUsdWithCi(d.mean, d.ci95)} a ${yearWord(rec)} (${status})`;
}

export function headline(rec: Recommendation): string {
  const years = rec.horizonYears === 1 ? "1 year" : `${significant(rec.horizonYears, 4)} years`;
  return `${rec.scenario}: ${count(rec.runs)} replications of ${years}, seed ${rec.seed}`;
}

/** The recommendation for a terminal: fitted to `layout` (100 columns unless told), or everything with `wide`. */
export function recommendationText(rec: Recommendation, layout: TextLayout = {}): string {
  const wide = layout.wide === true;
  const width = layout.width ?? DEFAULT_WIDTH;
  const table = evidenceTable(rec, wide);
  // Least important first: the cost, then the promises from the last (the verdict marks them anyway).
  const last = table.header.length - 1;
  const dropOrder = [last - 1, ...Array.from({ length: last - 2 }, (_, i) => last - 2 - i)];
  const fitted = wide ? { lines: fitTable(table, Infinity, []).lines, dropped: [] } : fitTable(table, width, dropOrder);
  const lines = [headline(rec), targetsSentence(rec), "", ...fitted.lines, LEGEND(rec)];
  if (fitted.dropped.length > 0) lines.push(`(${fitted.dropped.join("; ")}: left out to fit ${width} columns; --wide shows every column.)`);
  lines.push("", ...decisionLines(rec), "", `Rule: ${RULE}.`, ...noteLines(rec));
  return `${fitLines(lines, layout).join("\n")}\n`;
}

/** The recommendation with what came from the scenario (its name, the strategies' labels) escaped as Markdown text. */
function markdownSafe(rec: Recommendation): Recommendation {
  return { ...rec, scenario: markdownText(rec.scenario), strategies: rec.strategies.map((s) => ({ ...s, label: markdownText(s.label) })) };
}

export function recommendationMarkdown(unsafe: Recommendation): string {
  const rec = markdownSafe(unsafe);
  const lines = [`## Recommendation: ${rec.scenario}`, "", `_${headline(rec)}._ ${targetsSentence(rec)}`, ""];
  lines.push(...markdownTable(evidenceTable(rec, true)), "", LEGEND(rec), "");
  for (const l of decisionLines(rec)) lines.push(l.startsWith("  - ") || l.startsWith("    ") ? `- ${l.trim().replace(/^- /, "")}` : l.startsWith("  ") ? `> ${l.trim()}` : l);
  lines.push("", `_Rule: ${RULE}._`, "");
  for (const n of noteLines(rec)) lines.push(`- ${n}`);
  return `${lines.join("\n")}\n`;
}

/**
 * recommendation.json: the evidence with every number in full (NaN and ±∞ become null, JSON's
 * rule) and the reasons as sentences — `rule`, the `decision`, each strategy's `misses`, the
 * `advice` and the `notes` — in the document's published key order.
 */
export function recommendationJson(rec: Recommendation): string {
  const document = {
    scenario: rec.scenario,
    runs: rec.runs,
    seed: rec.seed,
    horizonYears: rec.horizonYears,
    targets: rec.targets,
    rule: RULE,
    decision: rec.choice === undefined ? undefined : `${strategyNames(rec.strategies).get(rec.choice.id)!}, ${choiceReason(rec)}`,
    strategies: rec.strategies.map((s) => {
      const { unmet: _unmet, ...evidence } = s;
      return { ...evidence, misses: missSentences(s, rec) };
    }),
    choice: rec.choice,
    noneQualifies: rec.noneQualifies === undefined ? undefined : { ...rec.noneQualifies, advice: rec.noneQualifies.advice.map((a) => adviceLine(a, rec)) },
    metBy: rec.metBy,
    corruption: rec.corruption,
    notes: noteLines(rec),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
