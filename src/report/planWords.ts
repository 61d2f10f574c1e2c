// The words of a plan study (analysis/plan.ts) that every rendering shares — plan names, targets,
// what a rejected plan misses, where downtime comes from — so the terminal, Markdown, JSON and
// CSV say the same thing.
import type { PlanEvidence, PortfolioPlan } from "../analysis/plan.js";
import type { TargetEvidence, TargetKind } from "../analysis/planCriteria.js";
import type { Unmet } from "../analysis/planEvidence.js";
import type { Elimination } from "../analysis/planSelect.js";
import type { PortfolioCause } from "../replication/portfolioModel.js";
import type { Tier } from "../scenario/portfolio.js";
import { availabilityPercent, confidencePercent, count, duration, usd } from "./numbers.js";

export const PROCEDURE_CITATIONS = [
  "Kim & Nelson (2001), A fully sequential procedure for indifference-zone selection in simulation, ACM TOMACS 11(3):251–273",
  "Andradóttir & Kim (2010), Fully sequential procedures for comparing constrained systems via simulation, Naval Research Logistics 57(5):403–421",
] as const;

/** "#14". */
export function planName(plan: number): string {
  return `#${plan}`;
}

/** "payments-db active-active, identity warm-standby, …". */
export function planStrategies(study: PortfolioPlan, plan: PlanEvidence): string {
  return study.services.map((s, i) => `${s.name} ${plan.strategies[i]!}`).join(", ");
}

/** "RTO ≤ 1 h", "RPO ≤ 60 s", "availability ≥ 99.8 %". */
export function targetText(kind: TargetKind, tier: Tier): string {
  if (kind === "rto") return `RTO ≤ ${duration(tier.rtoSeconds)}`;
  if (kind === "rpo") return `RPO ≤ ${duration(tier.rpoSeconds)}`;
  return `availability ≥ ${availabilityPercent(tier.availability ?? NaN)}`;
}

/** "tier-0: RTO ≤ 1 h, RPO ≤ 60 s, availability ≥ 99.8 %, in 95 % of years". */
export function tierText(tier: Tier): string {
  const kinds: TargetKind[] = tier.availability === undefined ? ["rto", "rpo"] : ["rto", "rpo", "availability"];
  return `${tier.name}: ${kinds.map((k) => targetText(k, tier)).join(", ")}, in ${confidencePercent(tier.confidence)} of years${tier.includeCorruption ? " (corruption restores count)" : ""}`;
}

/** The share of years that kept a target: "0.944 of years [0.939, 0.948]". */
export function yearsText(t: TargetEvidence): string {
  return `${t.years.p.toFixed(3)} of years [${t.years.ci95[0].toFixed(3)}, ${t.years.ci95[1].toFixed(3)}]`;
}

/** "api availability ≥ 99.8 %" (and "not demonstrated" when the years do not rule it out). */
export function unmetText(study: PortfolioPlan, u: Unmet): string {
  const tier = study.services.find((s) => s.name === u.service)!.tier;
  return `${u.service} ${targetText(u.target, tier)}${u.misses ? "" : " (not demonstrated)"}`;
}

/** What a plan that is not chosen lacks: the targets it misses, or what it loses to on cost. */
export function rejectionText(study: PortfolioPlan, plan: PlanEvidence): string {
  if (!plan.qualifies) return `misses ${plan.unmet.map((u) => unmetText(study, u)).join("; ")}`;
  const d = plan.costDifference;
  const more = d === undefined ? "" : `costs ${usd(d.mean)}/yr more [${usd(d.ci95[0])}, ${usd(d.ci95[1])}]`;
  if (plan.eliminated?.reason === "costlier") return `${more} (dropped after ${count(plan.eliminated.after)} years: costlier than ${planName(plan.eliminated.than)} beyond the indifference zone)`;
  if (d !== undefined && d.ci95[0] <= 0) return `${more}: indistinguishable from the chosen, which is simpler`;
  return more;
}

/** How the screening dropped a plan: "after 1,000 years: misses" etc.; "" when it stood to the end. */
export function eliminationText(e: Elimination | undefined): string {
  if (e === undefined) return "";
  return e.reason === "misses" ? `misses a target (after ${count(e.after)} years)` : `costlier than ${planName(e.than)} (after ${count(e.after)} years)`;
}

/** A cause of downtime, seen from `subject` (a service's or flow's name): "its own", "payments-db", "api served where payments-db was not". */
export function causeText(study: PortfolioPlan, cause: PortfolioCause, subject: string): string {
  const name = study.services[cause.service]!.name;
  if (cause.kind === "own") return name === subject ? "its own" : name;
  return `${name} served where ${study.services[cause.dependency]!.name} was not`;
}
