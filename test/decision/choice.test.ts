// The choice among the strategies that keep every promise, on evidence made by hand: the cheaper is
// preferred only when the paired cost difference excludes zero; otherwise the costs tie and the
// simpler mechanism wins (backup & restore < pilot light < warm standby < active–active).
import { describe, expect, it } from "vitest";
import type { AccumulatedEvidence, AccumulatedStrategy, ProbabilityEvidence } from "../../src/analysis/decisionAccumulator.js";
import { decide, SIMPLICITY } from "../../src/analysis/recommend.js";
import type { Difference } from "../../src/montecarlo/stat.js";
import { choiceReason } from "../../src/report/recommend.js";

const N = 1000;
const TARGETS = { rto: 3600, confidence: 0.95, includeCorruption: false };
const RUN = { scenario: "hand-made", seed: 1, horizon: 365.25 * 86_400 };

function rto(met: number): ProbabilityEvidence {
  const p = met / N;
  const status = p >= 0.97 ? "meets" : "misses";
  return { kind: "rto", target: 3600, years: { k: met, n: N, p, ci95: [p - 0.01, Math.min(1, p + 0.01)] }, status, shortfall: status === "meets" ? 0 : 0.05, atConfidence: 1800, demonstrable: 1800, breaches: { mean: 0.01, ci95: [0.005, 0.02] } };
}

function strategy(id: string, type: string, cost: number, met = N): AccumulatedStrategy {
  return { id, label: id, type, incidents: 100, rto: rto(met), rpo: undefined, availability: undefined, cost: { mean: cost, sd: 10, ci95: [cost - 5, cost + 5], n: N }, standingCostMean: cost / 2 };
}

/** Evidence with the paired differences given, a minus b, as [lo, hi] by "a-b". */
function evidence(strategies: AccumulatedStrategy[], differences: Record<string, [number, number]>): AccumulatedEvidence {
  return {
    years: N,
    strategies,
    corruption: undefined,
    costDifference(a: number, b: number): Difference {
      const [x, y] = [strategies[a]!, strategies[b]!];
      const given = differences[`${x.id}-${y.id}`];
      const flipped = differences[`${y.id}-${x.id}`];
      const ci: [number, number] = given ?? (flipped === undefined ? [x.cost.mean - y.cost.mean - 1, x.cost.mean - y.cost.mean + 1] : [-flipped[1], -flipped[0]]);
      return { mean: (ci[0] + ci[1]) / 2, sd: 1, ci95: ci, n: N };
    },
  };
}

describe("the simplest viable strategy", () => {
  it("ranks the mechanisms from the simplest", () => {
    expect(SIMPLICITY.indexOf("backup-restore")).toBeLessThan(SIMPLICITY.indexOf("pilot-light"));
    expect(SIMPLICITY.indexOf("pilot-light")).toBeLessThan(SIMPLICITY.indexOf("warm-standby"));
    expect(SIMPLICITY.indexOf("warm-standby")).toBeLessThan(SIMPLICITY.indexOf("active-active"));
  });

  const strategies = [strategy("br", "backup-restore", 50, 900), strategy("pl", "pilot-light", 103), strategy("aa", "active-active", 100)];

  it("a cost difference whose interval includes zero is a tie: the simpler mechanism wins, though dearer on the mean", () => {
    const rec = decide(evidence(strategies, { "pl-aa": [-2, 8] }), TARGETS, RUN);
    expect(rec.choice).toMatchObject({ id: "pl", reason: "simplest", cheapest: "aa", tied: ["aa"] });
    // Backup & restore is cheaper still but does not keep the promise: it is no candidate.
    expect(rec.strategies.find((s) => s.id === "br")!.qualifies).toBe(false);
    expect(choiceReason(rec)).toMatch(/not the cheapest on the mean \(aa\), but the simplest mechanism/);
    // Every other strategy is compared with the choice, its cost minus the choice's.
    expect(rec.choice!.comparisons.map((c) => [c.id, c.costDifference.ci95])).toEqual([
      ["br", [-54, -52]],
      ["aa", [-8, 2]],
    ]);
  });

  it("a difference that excludes zero decides: the cheaper wins even when it is the more complex", () => {
    const rec = decide(evidence(strategies, { "pl-aa": [1, 5] }), TARGETS, RUN);
    expect(rec.choice).toMatchObject({ id: "aa", reason: "cheapest", cheapest: "aa", tied: [] });
  });

  it("the one strategy that qualifies is chosen whatever it costs", () => {
    const rec = decide(evidence([strategy("br", "backup-restore", 50, 900), strategy("aa", "active-active", 500)], {}), TARGETS, RUN);
    expect(rec.choice).toMatchObject({ id: "aa", reason: "only" });
  });
});
