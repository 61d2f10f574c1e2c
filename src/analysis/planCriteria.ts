// Per-year criteria for a service of a plan (docs/design.md, "Decisions: what a target means"): a
// tier's promise is about every year, so the evidence is the share of simulated years that keep it
// — every counted incident of the year recovered within RTO (as its users saw it: until what it
// needs was back too) and lost no more than RPO; the year's availability at or above target — with
// a Wilson interval, and the expected breaches per year. A target is met when the interval's lower
// bound reaches the tier's confidence: demonstrated, not merely estimated.
import type { ConfigOutcome } from "../replication/portfolioReplication.js";
import { isRegionFailure, INCIDENT_CAUSES } from "../outcomes/results.js";
import type { Tier } from "../scenario/portfolio.js";
import { wilson, type Proportion } from "./binomial.js";

export type TargetKind = "rto" | "rpo" | "availability";

/** One year of one service against its tier: whether it kept each promise, and how many incidents broke one. */
export interface YearFacts {
  rto: boolean;
  rpo: boolean;
  availability: boolean;
  rtoMisses: number;
  rpoMisses: number;
}

/** Fills `out` with the year `outcome` against `tier` (no allocation: called for every configuration of every replication). */
export function yearFacts(outcome: ConfigOutcome, tier: Tier, out: YearFacts): YearFacts {
  let rtoMisses = 0;
  let rpoMisses = 0;
  const incidents = outcome.incidents;
  for (let i = 0; i < incidents.length; i++) {
    const inc = incidents[i]!;
    if (!tier.includeCorruption && !isRegionFailure(INCIDENT_CAUSES.indexOf(inc.cause))) continue;
    const rto = outcome.effectiveRto === null ? inc.rto : outcome.effectiveRto[i]!;
    if (rto > tier.rtoSeconds) rtoMisses++;
    if (inc.rpo > tier.rpoSeconds) rpoMisses++;
  }
  out.rtoMisses = rtoMisses;
  out.rpoMisses = rpoMisses;
  out.rto = rtoMisses === 0;
  out.rpo = rpoMisses === 0;
  out.availability = tier.availability === undefined || 1 - outcome.metrics.unavailability >= tier.availability;
  return out;
}

/**
 * meets: the lower bound reaches the confidence; misses: the upper bound does not (the years say
 * it cannot); undetermined: between — more years could tell.
 */
export type Verdict = "meets" | "undetermined" | "misses";

export interface TargetEvidence {
  readonly kind: TargetKind;
  /** Seconds (RTO, RPO) or a fraction (availability). */
  readonly target: number;
  /** Years that kept the promise, of the years simulated. */
  readonly years: Proportion;
  readonly verdict: Verdict;
  /** confidence − the lower bound, ≥ 0: how far from demonstrated. */
  readonly shortfall: number;
  /** Incidents per year that broke it (RTO, RPO); NaN for availability. */
  readonly breachesPerYear: number;
}

export function targetEvidence(kind: TargetKind, target: number, kept: number, years: number, confidence: number, breaches: number): TargetEvidence {
  const p = wilson(kept, years);
  const verdict: Verdict = years > 0 && p.ci95[0] >= confidence ? "meets" : years > 0 && p.ci95[1] < confidence ? "misses" : "undetermined";
  return {
    kind,
    target,
    years: p,
    verdict,
    shortfall: Math.max(0, confidence - p.ci95[0]),
    breachesPerYear: kind === "availability" ? NaN : breaches / Math.max(1, years),
  };
}
