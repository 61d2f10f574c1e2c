// report.html's executive summary: the question, the targets, the recommendation and its evidence
// (the share of years that keep each promise with its interval, breaches per year, the year's worst
// at the confidence, the paired cost differences), and what each other strategy misses. The
// sentences are recommendReasons.ts's and recommend.ts's, as in the terminal and Markdown.
import type { ProbabilityEvidence, Recommendation } from "../../analysis/recommend.js";
import type { RunData } from "../charts/load/run.js";
import { strategyNames } from "../names.js";
import { availabilityPercent, confidencePercent, count, duration, horizonNoun, probability, probabilityWithCi, signedUsdCompactWithCi, usdWithCi } from "../numbers.js";
import { choiceReason } from "../recommend.js";
import { adviceLine, breachesText, evidenceFor, missSentences, noteLines, RULE, targetKinds, targetShort, targetsSentence, yearWord } from "../recommendReasons.js";
import { el, html, join, list, swatchName, table, type Html } from "./markup.js";

const MARK = { meets: "✓", misses: "✗", undetermined: "?" } as const;
const MARK_TITLE = { meets: "demonstrated", misses: "missed", undetermined: "not demonstrated" } as const;

/** What a strategy demonstrably keeps for the confidence's share of years ("RTO ≤ 14 s"), else the estimate. */
function demonstrated(e: ProbabilityEvidence): string {
  const value = e.demonstrable ?? e.atConfidence;
  return e.kind === "availability" ? `≥ ${availabilityPercent(value)}` : `≤ ${duration(value)}`;
}

/** The promises the recommended strategy keeps, with the evidence. */
function evidenceTable(rec: Recommendation, id: string): Html {
  const s = rec.strategies.find((x) => x.id === id)!;
  const year = yearWord(rec);
  const rows = [s.rto, s.rpo, s.availability]
    .filter((e): e is ProbabilityEvidence => e !== undefined)
    .map((e) => [
      targetShort(e.kind, rec.targets),
      `${probabilityWithCi(e.years.p, e.years.ci95)} ${MARK[e.status]}`,
      `${breachesText(e, rec).replace(/ (breaches a|of).*$/, "")}${e.kind === "availability" ? ` (${year}s under it)` : ""}`,
      demonstrated(e),
    ]);
  rows.push([`Mean cost of risk a ${year}`, usdWithCi(s.cost.mean, s.cost.ci95), rec.targets.budget === undefined ? "" : `budget ${targetShort("budget", rec.targets)}`, ""]);
  return table("evidence", ["Promise", `Kept in (share of ${year}s) [95 % CI]`, `Breaches a ${year} [95 % CI]`, `Kept in ${confidencePercent(rec.targets.confidence)} of ${year}s, demonstrably`], rows);
}

/** Every strategy, each promise marked, its cost against the recommended one's. */
function comparisonTable(rec: Recommendation, run: RunData): Html {
  const names = strategyNames(rec.strategies);
  const colors = new Map(run.strategies.map((s) => [s.id, s.color]));
  const kinds = targetKinds(rec.targets).filter((k) => k !== "budget") as ProbabilityEvidence["kind"][];
  const chosen = rec.choice?.id;
  const year = yearWord(rec);
  const head = [
    "Strategy",
    ...kinds.map((k) => targetShort(k, rec.targets)),
    chosen === undefined ? `Mean cost of risk a ${year} [95 % CI]` : `Δ cost a ${year} vs ${names.get(chosen)!}, paired [95 % CI]`,
    "Verdict",
  ];
  const rows = rec.strategies.map((s) => {
    const marks = kinds.map((k) => {
      const e = evidenceFor(s, k);
      return el("span", { class: `mark ${e.status}`, title: MARK_TITLE[e.status] }, `${probability(e.years.p)} ${MARK[e.status]}`);
    });
    const comparison = rec.choice?.comparisons.find((c) => c.id === s.id);
    const cost = s.id === chosen ? "—" : comparison !== undefined ? signedUsdCompactWithCi(comparison.costDifference.mean, comparison.costDifference.ci95) : usdWithCi(s.cost.mean, s.cost.ci95);
    const verdict = s.id === chosen ? el("strong", {}, "recommended") : s.qualifies ? "keeps every promise" : "rejected";
    return [swatchName(names.get(s.id)!, colors.get(s.id) ?? "#999"), ...marks, cost, verdict];
  });
  return table("compare", head, rows);
}

/** The executive summary; a run whose scenario states no targets says how to get a decision. */
export function decisionHtml(run: RunData): Html {
  const rec = run.recommendation;
  const description = run.scenario.description.trim();
  const question = el(
    "p",
    { class: "question" },
    el("strong", {}, "The question. "),
    `${description === "" ? `Which disaster-recovery strategy should ${run.scenario.name} run?` : description.replace(/\.?$/, ".")} Each of its ${count(run.strategies.length)} strategies met the same ${count(run.summary.runs)} simulated ${horizonNoun(run.summary.horizonHours)}s.`,
  );
  if (rec === undefined) {
    return join([
      html('<section id="decision" class="decision">'),
      el("h2", {}, "Decision"),
      question,
      el(
        "p",
        { class: "verdict none" },
        "This scenario states no targets, so this run does not decide. Add a targets: block to the scenario (rto, rpo, availability, confidence; docs/scenario-format.md) or run drsim recommend with --rto, --rpo and --availability, and the report opens with the recommendation.",
      ),
      html("</section>"),
    ]);
  }
  const names = strategyNames(rec.strategies);
  const parts: Html[] = [html('<section id="decision" class="decision">'), el("h2", {}, "Decision"), question, el("p", {}, el("strong", {}, "The targets. "), capitalized(targetsSentence(rec).replace(/^Targets: /, "")))];
  if (rec.choice !== undefined) {
    const chosen = rec.choice.id;
    parts.push(
      html('<div class="recommendation">'),
      el("p", { class: "verdict" }, "Recommended: ", el("strong", { id: "recommended" }, names.get(chosen)!)),
      el("p", {}, `${names.get(chosen)!}, ${choiceReason(rec)}`),
      evidenceTable(rec, chosen),
      html("</div>"),
    );
  } else if (rec.noneQualifies !== undefined) {
    const n = rec.noneQualifies;
    parts.push(
      html('<div class="recommendation none">'),
      el("p", { class: "verdict" }, "No strategy keeps every promise."),
      el("p", {}, `The hardest target is ${targetShort(n.hardest, rec.targets)}; ${names.get(n.best)!}, the closest candidate, misses it by most. What would make it qualify:`),
      list(n.advice.map((a) => adviceLine(a, rec))),
      html("</div>"),
    );
  }
  parts.push(el("h3", {}, "Every strategy against the promises"), comparisonTable(rec, run));
  const rejected = rec.strategies.filter((s) => !s.qualifies);
  if (rejected.length > 0) {
    parts.push(
      el("h3", {}, "What the others miss"),
      list(rejected.map((s) => join([el("strong", {}, names.get(s.id)!), list(missSentences(s, rec))]))),
    );
  }
  parts.push(
    el(
      "p",
      { class: "hint" },
      `✓ demonstrated: the lower bound of the 95 % interval of the share of ${yearWord(rec)}s that keep the promise reaches ${probability(rec.targets.confidence)}; ✗ missed; ? not demonstrated (the estimate reaches it, the bound does not).`,
    ),
    el("p", { class: "hint" }, `Rule: ${RULE}.`),
    ...noteLines(rec).map((n) => el("p", { class: "hint" }, n)),
    html("</section>"),
  );
  return join(parts, "\n");
}

/** "every region failure …" → "Every region failure …": the sentence follows a bold lead-in. */
function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
