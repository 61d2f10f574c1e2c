// A backup policy per strategy: each strategy restores from its own schedule — loss T/2 + b and at
// most T + b for its own T and b — while a strategy whose policy equals the scenario's comes to the
// same outcome as one without a policy of its own, to the last bit (the schedules share their
// streams, so policies are compared on paired draws).
import { describe, expect, it } from "vitest";
import { compileModel, simulateReplication } from "../../src/replication/replication.js";
import { fixed, HOUR, region, scenario, strategy, YEAR } from "./fixture.js";
import { expectWithin4SE } from "./checks.js";

describe("a backup policy per strategy", () => {
  const base = scenario();
  // Random backup durations and copy delays: each policy's schedule draws them from the world's streams.
  const daily = { ...base.backup, interval: 24 * HOUR, duration: { dist: "uniform", min: HOUR, max: 3 * HOUR }, copyDelay: { dist: "uniform", min: 0, max: 1800 } } as const;
  const sixHourly = { ...daily, interval: 6 * HOUR, duration: fixed(HOUR) };
  const s = scenario({
    run: { runs: 0, seed: 1, horizon: 20 * YEAR },
    // Every outage is catastrophic: every one fails over and books its loss.
    regions: [region("a", { rate: 2 / YEAR, catastrophic: { probability: 1, duration: fixed(30 * 86_400) } }), region("b")],
    corruption: { rate: 2 / YEAR, detection: fixed(HOUR) },
    backup: daily,
    strategies: [
      strategy("backup-restore", "backup-restore"),
      strategy("backup-restore-6h", "backup-restore", { backup: sixHourly }),
      strategy("backup-restore-same", "backup-restore", { backup: daily }),
      strategy("backup-restore-pitr", "backup-restore", { backup: { ...daily, pointInTime: { enabled: true, granularity: 300 } } }),
    ],
  });
  const model = compileModel(s);
  const runs = Array.from({ length: 300 }, (_, r) => simulateReplication(model, 2, r));
  const incidents = (i: number, cause: string) => runs.flatMap((r) => r.strategies[i]!.incidents.filter((inc) => inc.cause === cause));

  it("restores each strategy from its own schedule: loss T/2 + b + copy, at most T + b + copy", () => {
    // Mean and maximum of the backup's duration plus its copy to the other region.
    for (const [i, T, meanReady, maxReady] of [
      [0, 24 * HOUR, 2 * HOUR + 900, 3 * HOUR + 1800],
      [1, 6 * HOUR, HOUR + 900, HOUR + 1800],
    ] as const) {
      const rpo = incidents(i, "catastrophic").map((inc) => inc.rpo);
      expect(rpo.length).toBeGreaterThan(5000);
      expectWithin4SE(rpo, T / 2 + meanReady);
      expect(Math.max(...rpo)).toBeLessThanOrEqual(T + maxReady);
    }
  });

  it("gives point-in-time recovery to the strategy that has it alone", () => {
    // Corruption discovered after 1 h and restored at once (no decide step): PITR loses 1 h + 5 min.
    for (const inc of incidents(3, "corruption")) expect(inc.rpo).toBeCloseTo(HOUR + 300, 6);
    const daily = incidents(0, "corruption").map((inc) => inc.rpo);
    expect(Math.min(...daily)).toBeGreaterThan(HOUR + 300);
  });

  it("draws the same backups as the scenario's, to the last bit, when it is the same policy", () => {
    let losses = 0;
    for (const r of runs) {
      const [own, same] = [r.strategies[0]!, r.strategies[2]!];
      expect(same.incidents.map((inc) => inc.rpo)).toEqual(own.incidents.map((inc) => inc.rpo));
      expect(same.metrics.dataLossSeconds).toBe(own.metrics.dataLossSeconds);
      losses += own.metrics.dataLossSeconds > 0 ? 1 : 0;
    }
    expect(losses).toBeGreaterThan(250);
  });
});
