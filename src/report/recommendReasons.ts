// The sentences of a recommendation: the targets, the rule, why each rejected strategy fails, what
// would make the closest candidate qualify, and the notes. src/analysis/recommend.ts gives the
// evidence as data; every word about it is written here (the terminal, Markdown, JSON and
// report.html share these lines).
import type { Advice, ProbabilityEvidence, Recommendation, StrategyEvidence, TargetKind } from "../analysis/recommend.js";
import type { Targets } from "../scenario/targets.js";
import { strategyNames } from "./names.js";
import { availabilityPercent, confidencePercent, duration, horizonNoun, probability, probabilityWithCi, quantileName, significant, targetDuration, usd, usdWithCi } from "./numbers.js";

export const RULE =
  "a strategy keeps a promise when the lower bound of the Wilson 95 % interval of P(a year keeps it) reaches the confidence; " +
  "among the strategies that keep every promise, the cheaper is preferred only when the paired cost difference excludes zero, " +
  "otherwise the simpler mechanism (backup & restore < pilot light < warm standby < active–active)";

const NAMES: Record<"rto" | "rpo", string> = { rto: "RTO", rpo: "RPO" };

/** "year", or "30-day horizon" for another horizon: what one replication is. */
export function yearWord(rec: Recommendation): string {
  return horizonNoun(rec.horizonYears * 365.25 * 24);
}

/** "the RTO target", "the availability target", "the budget". */
export function targetName(kind: TargetKind): string {
  return kind === "budget" ? "the budget" : kind === "availability" ? "the availability target" : `the ${NAMES[kind]} target`;
}

/** A target as a column heading or a short phrase: "RTO ≤ 1 h", "avail. ≥ 99.95 %", "cost ≤ $1,200,000". */
export function targetShort(kind: TargetKind, targets: Targets): string {
  switch (kind) {
    case "rto":
      return `RTO ≤ ${targetDuration(targets.rto!)}`;
    case "rpo":
      return `RPO ≤ ${targetDuration(targets.rpo!)}`;
    case "availability":
      return `avail. ≥ ${availabilityPercent(targets.availability!)}`;
    case "budget":
      return `cost ≤ ${usd(targets.budget!)}`;
  }
}

/** The kinds of target a recommendation judges, in order. */
export function targetKinds(targets: Targets): TargetKind[] {
  return (["rto", "rpo", "availability", "budget"] as const).filter((k) => targets[k] !== undefined);
}

/** The promises in words: what a year must do, how sure, and the budget. */
export function targetsSentence(rec: Recommendation): string {
  const t = rec.targets;
  const year = yearWord(rec);
  const causes = t.includeCorruption ? "incident (corruption restores included)" : "region failure";
  const parts: string[] = [];
  const incident = [t.rto === undefined ? "" : `back at full service within ${targetDuration(t.rto)} (RTO)`, t.rpo === undefined ? "" : `losing at most ${targetDuration(t.rpo)} of writes (RPO)`].filter((x) => x !== "");
  if (incident.length > 0) parts.push(`every ${causes} of a ${year} ${incident.join(" and ")}`);
  if (t.availability !== undefined) parts.push(`the ${year}'s availability at least ${availabilityPercent(t.availability)}`);
  const promises = parts.length === 0 ? "no promise" : parts.join("; ");
  const budget = t.budget === undefined ? "" : ` Budget: a mean cost of risk of at most ${usd(t.budget)} a ${year}.`;
  return `Targets: ${promises}; each kept in at least ${confidencePercent(t.confidence)} of ${year}s.${budget}`;
}

/** "P(a year keeps RTO ≤ 1 h)". */
function what(e: ProbabilityEvidence, rec: Recommendation): string {
  return `P(a ${yearWord(rec)} keeps ${targetShort(e.kind, rec.targets)})`;
}

/** The year's worst at the confidence, in words: "its p95 worst RTO of a year is 5.2 h". */
function worstAt(e: ProbabilityEvidence, rec: Recommendation): string {
  const conf = rec.targets.confidence;
  if (e.kind === "availability") return `its ${confidencePercent(1 - conf)}-worst ${yearWord(rec)} has ${availabilityPercent(e.atConfidence)}`;
  return `its ${quantileName(conf)} worst ${NAMES[e.kind]} of a ${yearWord(rec)} is ${duration(e.atConfidence)}`;
}

/** Breaches per year in words: "0.31 [0.28, 0.34] breaches a year". */
export function breachesText(e: ProbabilityEvidence, rec: Recommendation): string {
  const b = e.breaches;
  const unit = e.kind === "availability" ? `of ${yearWord(rec)}s below target` : `breaches a ${yearWord(rec)}`;
  // A rate of breaches in plain decimals, even a small one ("0.0001", not "1.0e-4").
  const num = (x: number): string => (e.kind === "availability" ? probability(x) : Number(x.toPrecision(2)).toString());
  return `${num(b.mean)} [${num(b.ci95[0])}, ${num(b.ci95[1])}] ${unit}`;
}

/** One sentence for a probability target not met. */
function missSentence(e: ProbabilityEvidence, rec: Recommendation): string {
  const confidence = rec.targets.confidence;
  if (e.years.n === 0) return `${what(e, rec)}: no ${yearWord(rec)}s in this run, so nothing is demonstrated; run more replications (-n)`;
  const estimate = probabilityWithCi(e.years.p, e.years.ci95);
  if (e.status === "undetermined") {
    return `${what(e, rec)} = ${estimate}: ≥ ${probability(confidence)} on the estimate but not demonstrated (lower bound ${probability(e.years.ci95[0])} < ${probability(confidence)}); more replications (-n) may settle it`;
  }
  return `${what(e, rec)} = ${estimate} < ${probability(confidence)}; ${worstAt(e, rec)}; ${breachesText(e, rec)}`;
}

export function evidenceFor(s: StrategyEvidence, kind: ProbabilityEvidence["kind"]): ProbabilityEvidence {
  const e = kind === "rto" ? s.rto : kind === "rpo" ? s.rpo : s.availability;
  if (e === undefined) throw new Error(`no ${kind} evidence for ${s.id}`);
  return e;
}

/** One sentence per target the strategy does not meet, in the order of `unmet`. */
export function missSentences(s: StrategyEvidence, rec: Recommendation): string[] {
  return s.unmet.map((kind) => {
    if (kind !== "budget") return missSentence(evidenceFor(s, kind), rec);
    return `mean cost ${usdWithCi(s.cost.mean, s.cost.ci95)} > budget ${usd(s.budget!.budget)}`;
  });
}

/** The evidence that a strategy keeps a promise: "RTO ≤ 1 h kept in 0.973 [0.969, 0.976] of years, 0.03 [0.02, 0.03] breaches a year". */
export function keptSentence(e: ProbabilityEvidence, rec: Recommendation): string {
  return `${targetShort(e.kind, rec.targets)} kept in ${probabilityWithCi(e.years.p, e.years.ci95)} of ${yearWord(rec)}s, ${breachesText(e, rec)}`;
}

/** "you could meet RTO ≤ 52 min at 95 %" — what the strategy does demonstrate. */
function demonstrableSentence(e: ProbabilityEvidence, rec: Recommendation): string {
  const confidence = rec.targets.confidence;
  if (e.demonstrable === undefined) {
    return `${e.years.n} ${yearWord(rec)}s are too few to demonstrate anything at ${confidencePercent(confidence)}: run more replications (-n)`;
  }
  if (e.kind === "availability") {
    const estimate = e.demonstrable < e.atConfidence ? ` (on the estimate alone ${availabilityPercent(e.atConfidence)}; more replications narrow the gap)` : "";
    return `you could promise availability ≥ ${availabilityPercent(e.demonstrable)} at ${confidencePercent(confidence)}${estimate}`;
  }
  const estimate = e.demonstrable > e.atConfidence ? ` (on the estimate alone ${duration(e.atConfidence)}; more replications narrow the gap)` : "";
  return `you could promise ${NAMES[e.kind]} ≤ ${duration(e.demonstrable)} at ${confidencePercent(confidence)}${estimate}`;
}

/** One line of advice when no strategy qualifies. */
export function adviceLine(a: Advice, rec: Recommendation): string {
  switch (a.kind) {
    case "demonstrable": {
      const s = rec.strategies.find((x) => x.id === a.strategy)!;
      const line = `${strategyNames(rec.strategies).get(a.strategy)!}: ${demonstrableSentence(evidenceFor(s, a.target), rec)}`;
      return a.bestOfAll ? `best of all strategies: ${line}` : line;
    }
    case "budget":
      return `${strategyNames(rec.strategies).get(a.strategy)!}: a budget of ${usd(a.budget)} (its mean cost of risk) would admit it`;
    case "noneMeets":
      return `no strategy meets ${targetName(a.target)}, even leaving the other targets aside`;
  }
}

/** What the verdict counts and what it leaves out. */
export function noteLines(rec: Recommendation): string[] {
  const out: string[] = [];
  const year = yearWord(rec);
  const c = rec.corruption;
  if (c !== undefined && (rec.targets.rto !== undefined || rec.targets.rpo !== undefined)) {
    const rate = significant(c.perReplication, 2);
    const medians = `median RTO ${duration(c.medianRtoSeconds)}, RPO ${duration(c.medianRpoSeconds)} for ${strategyNames(rec.strategies).get(c.strategy) ?? c.strategy}`;
    out.push(
      rec.targets.includeCorruption
        ? `RTO and RPO count corruption restores too (${rate} a ${year}; ${medians}).`
        : `RTO and RPO are promises about region failures. Corruption restores (${rate} a ${year}; ${medians}) take the same path for every strategy, so the choice of strategy does not fix them (the backup interval, point-in-time recovery and the restore's speed do); includeCorruption (--include-corruption) holds them to the targets too.`,
    );
  }
  if (rec.targets.availability !== undefined) out.push(`Availability is request-weighted over the ${year} and counts every cause, partial service and corruption restores included, as an SLO does.`);
  out.push(`Costs are the total cost of risk per ${year}: standing infrastructure + incident surge compute + penalties; differences are paired by simulated ${year} (common random numbers).`);
  return out;
}
