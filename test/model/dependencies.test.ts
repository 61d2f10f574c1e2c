// Dependencies (a DNS provider, an identity provider, a registry…) with their own outages: a
// dependency that never fails changes nothing; one the service needs puts it in series — downtime
// from 1 − A₁·A₂ (docs/design.md's closed form, with the start-up transient of both renewals); and
// a step it blocks makes exactly its work's worth of progress while the dependency is up, for every
// strategy.
import { describe, expect, it } from "vitest";
import { compileModel, simulateReplication } from "../../src/replication/replication.js";
import type { PipelineStep, TraceRecord } from "../../src/outcomes/results.js";
import type { Scenario } from "../../src/scenario/types.js";
import { stepBit, type Dependency } from "../../src/world/processes/dependencies.js";
import type { World } from "../../src/world/types.js";
import { fixed, HOUR, perYear, region, scenario, strategy, YEAR } from "./fixture.js";
import { expectWithin4SE } from "./checks.js";

const dependency = (over: Partial<Dependency>): Dependency => ({ rate: 0, duration: fixed(HOUR), blocks: [], serviceDown: false, ...over });

const noDr = () =>
  strategy("none", "none", {
    steps: { ...strategy("x", "none").steps, detect: fixed(60), decide: fixed(600), provision: fixed(1800), scale: fixed(600), switchTraffic: fixed(300) },
  });

/** A busy world whose steps all take fixed times, so each step's work is known. */
function busy(dependencies: Scenario["dependencies"]): Scenario {
  return scenario({
    regions: [
      region("a", { rate: 12 / YEAR, duration: { dist: "exponential", mean: 4 * HOUR }, catastrophic: { probability: 0.2, duration: fixed(2 * 86_400) } }),
      region("b", { rate: 6 / YEAR }),
    ],
    commonCause: { beta: 0.1 },
    corruption: { rate: 4 / YEAR, detection: fixed(HOUR) },
    dependencies,
    strategies: [
      strategy("backup-restore", "backup-restore", {
        standbyFraction: 0,
        steps: { ...strategy("x", "backup-restore").steps, detect: fixed(60), decide: fixed(600), provision: fixed(1800), scale: fixed(600), switchTraffic: fixed(300) },
        policy: { waitForPrimary: 0, abortWhenPrimaryReturns: true, failback: { delay: fixed(3600), window: fixed(900) } },
      }),
      strategy("warm-standby", "warm-standby", {
        standbyFraction: 0.3,
        steps: { ...strategy("x", "warm-standby").steps, detect: fixed(60), decide: fixed(300), promote: fixed(120), scale: fixed(300), switchTraffic: fixed(300) },
        policy: { waitForPrimary: 0, abortWhenPrimaryReturns: true, failback: { delay: fixed(3600), window: fixed(600) } },
      }),
      strategy("active-active", "active-active", { standbyFraction: 0.6, steps: { ...strategy("x", "active-active").steps, detect: fixed(30), scale: fixed(180) } }),
      noDr(),
    ],
  });
}

/** Seconds of [s, e] during which no outage of `world`'s dependencies blocking step `bit` is under way. */
function unblockedSeconds(world: World, bit: number, s: number, e: number): number {
  let blocked = 0;
  let coveredTo = s;
  for (const o of world.dependencyOutages) {
    if ((o.blocks & bit) === 0) continue;
    const from = Math.max(o.start, coveredTo);
    const to = Math.min(o.end, e);
    if (to > from) blocked += to - from;
    coveredTo = Math.max(coveredTo, o.end);
  }
  return e - s - blocked;
}

describe("dependencies", () => {
  it("that never fail change nothing, to the last bit", () => {
    const without = compileModel(busy(undefined));
    const never = compileModel(busy({ dns: dependency({ rate: 0, blocks: ["switchTraffic", "detect"], serviceDown: true }) }));
    for (let r = 0; r < 150; r++) expect(simulateReplication(never, 3, r)).toEqual(simulateReplication(without, 3, r));
  });

  it("the service needs put it in series: downtime ∫ 1 − P₁(t)·P₂(t) dt, 1 − A₁·A₂ in the long run", () => {
    const l1 = perYear(2);
    const m1 = 1 / (6 * HOUR);
    const l2 = perYear(4);
    const m2 = 1 / (2 * HOUR);
    const s = scenario({
      regions: [region("a", { rate: 2 / YEAR, duration: { dist: "exponential", mean: 6 * HOUR } })],
      dependencies: { idp: dependency({ rate: 4 / YEAR, duration: { dist: "exponential", mean: 2 * HOUR }, serviceDown: true }) },
      strategies: [noDr()],
    });
    const model = compileModel(s);
    const downtime = Array.from({ length: 20_000 }, (_, r) => simulateReplication(model, 1, r).strategies[0]!.metrics.downtimeSeconds);
    // Each up from the start: P(up at t) = a + b·e^(−ct), a = μ/(λ+μ), b = λ/(λ+μ), c = λ+μ.
    const H = YEAR;
    const [a1, b1, c1] = [m1 / (l1 + m1), l1 / (l1 + m1), l1 + m1];
    const [a2, b2, c2] = [m2 / (l2 + m2), l2 / (l2 + m2), l2 + m2];
    const E = (c: number): number => (1 - Math.exp(-c * H)) / c;
    const up = a1 * a2 * H + a1 * b2 * E(c2) + a2 * b1 * E(c1) + b1 * b2 * E(c1 + c2);
    expect(1 - a1 * a2).toBeGreaterThan(0); // 1 − A₁·A₂: the long-run share of time down
    expectWithin4SE(downtime, H - up);
  });

  it("hold up the steps they block — exactly their work done while up — for every strategy", () => {
    const s = busy({
      dns: dependency({ rate: 8 / YEAR, duration: { dist: "exponential", mean: 2 * HOUR }, blocks: ["switchTraffic", "detect", "failback"] }),
      registry: dependency({ rate: 6 / YEAR, duration: { dist: "exponential", mean: 3 * HOUR }, blocks: ["provision", "scale", "restore", "decide"] }),
    });
    const model = compileModel(s);
    const work = (id: string, step: PipelineStep): number | undefined => {
      const spec = s.strategies.find((x) => x.id === id)!.steps[step as keyof Scenario["strategies"][number]["steps"]];
      return typeof spec === "object" && spec !== null && spec.dist === "fixed" ? spec.value : undefined;
    };
    const checked = new Map<string, number>();
    let held = 0;
    for (let r = 0; r < 300; r++) {
      const world = model.world.sample(5, r);
      for (let i = 0; i < s.strategies.length; i++) {
        const id = s.strategies[i]!.id;
        const log: TraceRecord[] = [];
        simulateReplication(model, 5, r, { strategy: i, sink: (rec) => log.push(rec) });
        for (const rec of log) {
          if (rec.event !== "step-begin") continue;
          const step = rec.detail as PipelineStep;
          const w = step === "failback" ? s.strategies[i]!.policy.failback.window : undefined;
          const expected = w !== undefined && w.dist === "fixed" ? w.value : work(id, step);
          const bit = stepBit(step);
          if (expected === undefined || !world.dependencyOutages.some((o) => o.blocks & bit) || rec.time + rec.value > YEAR) continue;
          const end = rec.time + rec.value;
          // Progress is made only while unblocked, and exactly the step's work of it.
          expect(unblockedSeconds(world, bit, rec.time, end)).toBeCloseTo(expected, 3);
          // It ends while the dependency is up (or as its outage ends), never in the middle of one.
          for (const o of world.dependencyOutages) if (o.blocks & bit) expect(o.start < end && end < o.end).toBe(false);
          if (rec.value > expected + 1e-6) held++;
          checked.set(`${id}:${step}`, (checked.get(`${id}:${step}`) ?? 0) + 1);
        }
      }
    }
    expect(held).toBeGreaterThan(20);
    for (const key of ["backup-restore:provision", "backup-restore:switchTraffic", "warm-standby:decide", "warm-standby:failback", "active-active:detect", "active-active:scale", "none:provision"]) {
      expect(checked.get(key), key).toBeGreaterThan(10);
    }
  });
});
