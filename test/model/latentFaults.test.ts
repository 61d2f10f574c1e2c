// Drills that decay: latent faults arrive at rate λ, a drill every T finds each with probability c.
// At a time uniform over the drill cycle a fault is present with probability
// 1 − e^(−λT(1−c)/c)·(1 − e^(−λT))/(λT) — with c = 1 the IEC 61508 proof-test average
// 1 − (1 − e^(−λT))/(λT) ≈ λT/2 (docs/design.md). Each share is checked within 4 binomial standard
// errors; then the failover pipeline is checked to fail exactly the attempts that meet a fault.
import { describe, expect, it } from "vitest";
import { compileModel, simulateReplication } from "../../src/replication/replication.js";
import { YEAR_SECONDS } from "../../src/services/cost.js";
import { LatentFaults } from "../../src/strategies/failover/latentFaults.js";
import { fixed, region, scenario, strategy, YEAR } from "./fixture.js";
import { expectShare } from "./checks.js";

/** The long-run probability that a fault is present at a time uniform over the cycle. */
function closedForm(lambda: number, T: number, c: number): number {
  const x = lambda * T;
  return 1 - Math.exp((-x * (1 - c)) / c) * ((1 - Math.exp(-x)) / x);
}

/** Share of replications with a fault present at one time uniform over the horizon (a whole number of cycles). */
function presentShare(perYear: number, lambdaPerYear: number, c: number, n: number): number {
  const faults = new LatentFaults({ rate: lambdaPerYear / YEAR, drillCoverage: c }, perYear, "s");
  let present = 0;
  for (let r = 0; r < n; r++) {
    faults.reset();
    // Query times equidistributed over 3 years (the golden-ratio sequence): uniform over the cycle.
    const t = ((r * 0.6180339887498949) % 1) * 3 * YEAR_SECONDS;
    if (faults.present(t, 11, r)) present++;
  }
  return present;
}

describe("latent faults found by drills", () => {
  const n = 20_000;

  it("with perfect drills every T: 1 − (1 − e^(−λT))/(λT), ≈ λT/2 when small", () => {
    for (const [perYear, lambda] of [
      [4, 0.4], // λT = 0.1: ≈ λT/2
      [1, 1], // λT = 1
      [1, 3], // λT = 3
    ] as const) {
      const p = closedForm(lambda, 1 / perYear, 1);
      expectShare(presentShare(perYear, lambda, 1, n), n, p);
    }
    expect(closedForm(0.4, 0.25, 1)).toBeCloseTo(0.05, 2); // ≈ λT/2
  });

  it("with imperfect drills, the faults they miss accumulate: 1 − e^(−λT(1−c)/c)·(1 − e^(−λT))/(λT)", () => {
    for (const c of [0.9, 0.5]) expectShare(presentShare(2, 1, c, n), n, closedForm(1, 0.5, c));
  });

  it("without drills, the path stays broken until a failed attempt exposes and fixes the faults", () => {
    const faults = new LatentFaults({ rate: 1 / YEAR, drillCoverage: 1 }, 0, "s");
    faults.reset();
    expect(faults.present(1000, 1, 0)).toBe(true);
    faults.fixAll();
    expect(faults.present(1000, 1, 0)).toBe(false);
    // Then faults arrive afresh at λ: P(one within a year) = 1 − e^(−1).
    let present = 0;
    for (let r = 0; r < n; r++) {
      faults.reset();
      faults.present(0, 2, r);
      faults.fixAll();
      if (faults.present(YEAR_SECONDS, 2, r)) present++;
    }
    expectShare(present, n, 1 - Math.exp(-1));
  });

  it("fail exactly the failover attempts that meet one", () => {
    // Catastrophic outages force a failover 10 minutes after they begin; drills quarterly.
    const lambda = 2; // per year
    const T = YEAR_SECONDS / 4;
    const s = scenario({
      regions: [region("a", { rate: 0.5 / YEAR, catastrophic: { probability: 1, duration: fixed(10 * 86_400) } }), region("b")],
      strategies: [
        strategy("warm-standby", "warm-standby", {
          steps: { ...strategy("x", "warm-standby").steps, detect: fixed(60), decide: fixed(480), promote: fixed(60) },
          failover: { failureProbabilityUntested: 0, failureProbabilityDrilled: 0, retryDelay: fixed(600), maxAttempts: 3, latentFaults: { rate: lambda / YEAR, drillCoverage: 1 } },
          drills: { perYear: 4, costUSD: 0 },
        }),
      ],
    });
    const model = compileModel(s);
    let failed = 0;
    let retriedTwice = 0;
    let expected = 0;
    let variance = 0;
    let first = 0;
    for (let r = 0; r < 30_000; r++) {
      const inc = simulateReplication(model, 6, r).strategies[0]!.incidents[0];
      if (inc === undefined || inc.attempts === 0) continue;
      // The first incident of the year: no earlier failover has tested the path since the last drill.
      const attemptAt = inc.start + 600;
      const p = 1 - Math.exp((-lambda / YEAR) * (attemptAt - Math.floor(attemptAt / T) * T));
      first++;
      expected += p;
      variance += p * (1 - p);
      if (inc.attempts > 1) failed++;
      if (inc.attempts > 2) retriedTwice++;
    }
    // The retry after the fix succeeds, but for a fault born in its 10 minutes (~4e-5 each).
    expect(retriedTwice).toBeLessThan(5);
    expect(first).toBeGreaterThan(8000);
    expect(Math.abs(failed - expected)).toBeLessThanOrEqual(4 * Math.sqrt(variance));
  });
});
