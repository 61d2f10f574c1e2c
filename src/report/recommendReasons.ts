// The sentences of a recommendation: the rule, why each rejected strategy fails, what would make
// the closest candidate qualify, and the notes. src/analysis/recommend.ts gives the evidence as
// data; every word about it is written here (the terminal, Markdown and JSON share these lines).
import type { Advice, ProbabilityEvidence, Recommendation, StrategyEvidence, TargetKind } from "../analysis/recommend.js";
import { availabilityPercent, confidencePercent, duration, probability, probabilityWithCi, quantileName, usd, usdWithCi } from "./numbers.js";

export const RULE =
  "a target is met when the lower bound of the Wilson 95 % interval of P(meeting it) is at least the confidence; " +
  "the cheapest strategy (mean total cost of risk) meeting every target wins";

const NAMES: Record<"rto" | "rpo", string> = { rto: "RTO", rpo: "RPO" };

/** "the RTO target", "the availability target", "the budget". */
export function targetName(kind: TargetKind): string {
  return kind === "budget" ? "the budget" : kind === "availability" ? "the availability target" : `the ${NAMES[kind]} target`;
}

/** One sentence for a probability target not met. */
function missSentence(e: ProbabilityEvidence, confidence: number): string {
  const what =
    e.kind === "availability"
      ? `P(availability ≥ ${availabilityPercent(e.target)})`
      : `P(${NAMES[e.kind]} ≤ ${duration(e.target)})`;
  const value = e.kind === "availability" ? availabilityPercent(e.atConfidence) : duration(e.atConfidence);
  const tail =
    e.kind === "availability"
      ? `its ${confidencePercent(1 - confidence)}-worst year has ${value}`
      : `its ${quantileName(confidence)} ${NAMES[e.kind]} is ${value}`;
  if (e.proportion.n === 0) return `${what}: no counted incidents in this run, so nothing is demonstrated; run more replications (-n)`;
  const estimate = probabilityWithCi(e.proportion.p, e.proportion.ci95);
  if (e.status === "undetermined") {
    return `${what} = ${estimate}: ≥ ${probability(confidence)} on the estimate but not demonstrated (lower bound ${probability(e.proportion.ci95[0])} < ${probability(confidence)}); more replications (-n) may settle it`;
  }
  return `${what} = ${estimate} < ${probability(confidence)}; ${tail}`;
}

/** One sentence per target the strategy does not meet, in the order of `unmet`. */
export function missSentences(s: StrategyEvidence, confidence: number): string[] {
  return s.unmet.map((kind) => {
    if (kind !== "budget") return missSentence(evidenceFor(s, kind), confidence);
    return `mean cost ${usdWithCi(s.cost.mean, s.cost.ci95)} > budget ${usd(s.budget!.budget)}`;
  });
}

function evidenceFor(s: StrategyEvidence, kind: ProbabilityEvidence["kind"]): ProbabilityEvidence {
  return kind === "rto" ? s.rto : kind === "rpo" ? s.rpo : s.availability!;
}

/** "you could meet RTO ≤ 52 min at 95 %" — what the strategy does demonstrate. */
function demonstrableSentence(e: ProbabilityEvidence, confidence: number): string {
  if (e.demonstrable === undefined) {
    return `${e.proportion.n} ${e.kind === "availability" ? "years" : "incidents"} are too few to demonstrate anything at ${confidencePercent(confidence)}: run more replications (-n)`;
  }
  if (e.kind === "availability") {
    const estimate = e.demonstrable < e.atConfidence ? ` (on the estimate alone ${availabilityPercent(e.atConfidence)}; more replications narrow the gap)` : "";
    return `you could meet availability ≥ ${availabilityPercent(e.demonstrable)} at ${confidencePercent(confidence)}${estimate}`;
  }
  const estimate = e.demonstrable > e.atConfidence ? ` (on the estimate alone ${duration(e.atConfidence)}; more replications narrow the gap)` : "";
  return `you could meet ${NAMES[e.kind]} ≤ ${duration(e.demonstrable)} at ${confidencePercent(confidence)}${estimate}`;
}

/** One line of advice when no strategy qualifies. */
export function adviceLine(a: Advice, rec: Recommendation): string {
  switch (a.kind) {
    case "demonstrable": {
      const s = rec.strategies.find((x) => x.id === a.strategy)!;
      const line = `${a.strategy}: ${demonstrableSentence(evidenceFor(s, a.target), rec.targets.confidence)}`;
      return a.bestOfAll ? `best of all strategies: ${line}` : line;
    }
    case "budget":
      return `${a.strategy}: a budget of ${usd(a.budget)} (its mean cost of risk) would admit it`;
    case "noneMeets":
      return `no strategy meets ${targetName(a.target)}, even leaving the other targets aside`;
  }
}

/** What the verdict counts and what it leaves out. */
export function noteLines(rec: Recommendation): string[] {
  const out: string[] = [];
  const c = rec.corruption;
  if (c !== undefined) {
    const rate = c.perReplication.toPrecision(2);
    const medians = `median RTO ${duration(c.medianRtoSeconds)}, RPO ${duration(c.medianRpoSeconds)} for ${c.strategy}`;
    out.push(
      rec.targets.includeCorruption
        ? `RTO and RPO count corruption incidents too (${rate} per replication; ${medians}).`
        : `RTO and RPO are judged over region-failure incidents only. Corruption incidents (${rate} per replication; ${medians}) are restored from the same backups by every strategy, so the strategy choice does not fix them (backup interval and point-in-time recovery do); --include-corruption counts them.`,
    );
  }
  if (rec.targets.availability !== undefined) out.push("Availability is request-weighted and counts every cause, corruption restores included, as an SLO does.");
  out.push("Costs are the total cost of risk per replication of the horizon: standing infrastructure + incident surge compute + penalties.");
  return out;
}
