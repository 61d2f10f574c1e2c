// The registries are the model's seams: a failure process or a strategy mechanism is added by
// registering it, nothing else. Here a toy of each (toys/) is added from the tests folder through
// withEntries() alone — no source edited, no list extended — and does what a built-in one does:
// reads its part of the scenario, draws or responds, and (the process) makes a failover strategy's
// world non-quiet, because quietness is judged from the world's events, not from a list.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REGISTRIES, withEntries } from "../../src/replication/registries.js";
import { compileModel, isQuietFor, simulateReplication, type CompiledModel } from "../../src/replication/replication.js";
import { loadScenario, scenarioJsonSchema } from "../../src/replication/scenario.js";
import { ScenarioError } from "../../src/scenario/load.js";
import { STRATEGY_TYPES } from "../../src/scenario/types.js";
import { standingCost } from "../../src/services/cost.js";
import { mechanismsByType } from "../../src/strategies/registry.js";
import { fixed, HOUR, region, scenario, strategy, YEAR } from "./fixture.js";
import { homeDownSeconds } from "./checks.js";
import { HOME_BLINK, type BlinkScenario } from "./toys/homeBlink.js";
import { RIDE_OUT, RIDE_OUT_TYPE } from "./toys/rideOut.js";

const noTrace = (): void => {};

/** Every strategy of replication r, shared as the model runs it, must equal its own unshared simulation. */
function expectSharingExact(model: CompiledModel, seed: number, r: number): void {
  const shared = simulateReplication(model, seed, r);
  for (let i = 0; i < model.services.length; i++) {
    const alone = simulateReplication(model, seed, r, { strategy: i, sink: noTrace }).strategies[i]!;
    expect(shared.strategies[i]).toEqual(alone); // numbers compared with Object.is: bit for bit
  }
}

describe("the registries", () => {
  it("give every strategy type a scenario can name exactly one mechanism", () => {
    const byType = mechanismsByType(REGISTRIES.mechanisms);
    expect([...byType.keys()].sort()).toEqual([...STRATEGY_TYPES].sort());
    expect(() => mechanismsByType([...REGISTRIES.mechanisms, REGISTRIES.mechanisms[0]!])).toThrow(/two mechanisms/);
  });

  it("are extended by a new value, never in place", () => {
    const extended = withEntries({ processes: [HOME_BLINK], mechanisms: [RIDE_OUT] });
    expect(extended.processes.at(-1)).toBe(HOME_BLINK);
    expect(extended.mechanisms.at(-1)).toBe(RIDE_OUT);
    expect(REGISTRIES.processes).not.toContain(HOME_BLINK);
    expect(REGISTRIES.mechanisms).not.toContain(RIDE_OUT);
  });
});

describe("a toy failure process, added through the registries alone", () => {
  const registries = withEntries({ processes: [HOME_BLINK] });
  const dir = mkdtempSync(join(tmpdir(), "drsim-registries-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "blink.yaml");
  const base = new URL("../fixtures/scenarios/base.yaml", import.meta.url).pathname;
  writeFileSync(file, `extends: ${base}\nblink: { rate: 6/year, duration: 2h }\n`);

  it("brings its part of the scenario: read, placed where it says, in the JSON Schema", async () => {
    await expect(loadScenario(file)).rejects.toThrow(ScenarioError); // unknown to the built-in registries
    const s = (await loadScenario(file, {}, registries)) as BlinkScenario;
    expect(s.blink).toEqual({ rate: 6 / YEAR, duration: fixed(2 * HOUR) });
    const keys = Object.keys(s);
    expect(keys.indexOf("blink")).toBe(keys.indexOf("workload") - 1); // after the parts placed after regions
    const properties = Object.keys((scenarioJsonSchema(registries) as { properties: object }).properties);
    expect(properties.indexOf("blink")).toBe(properties.indexOf("workload") - 1);
    expect(Object.keys((scenarioJsonSchema() as { properties: object }).properties)).not.toContain("blink");
  });

  it("makes a failover strategy's world non-quiet without any list edited, and the strategies respond", () => {
    // Nothing ever happens to the home region but the blinks: the other region fails now and then.
    const s: BlinkScenario = {
      ...scenario({
        regions: [region("a"), region("b", { rate: 4 / YEAR })],
        strategies: [
          strategy("backup-restore", "backup-restore", { standbyFraction: 0 }),
          strategy("warm-standby", "warm-standby", { steps: { ...strategy("x", "warm-standby").steps, detect: fixed(60), promote: fixed(600) } }),
        ],
      }),
      blink: { rate: 6 / YEAR, duration: fixed(2 * HOUR) },
    };
    const without = compileModel(s);
    const withBlinks = compileModel(s, registries);
    const warmStandby = 1; // shares backup & restore's outcome in quiet worlds
    let blinked = 0;
    for (let r = 0; r < 60; r++) {
      expect(isQuietFor(without, without.world.sample(9, r), warmStandby)).toBe(true);
      const plain = simulateReplication(without, 9, r);
      expect(without.takesFrom[warmStandby]).toBe(0); // backup & restore's outcome, simulated once
      expect(plain.strategies[0]!.metrics.downtimeSeconds).toBe(0);
      expectSharingExact(without, 9, r);

      const world = withBlinks.world.sample(9, r);
      const blinks = world.outages.filter((o) => o.regionMask === 1).length;
      expect(isQuietFor(withBlinks, world, warmStandby)).toBe(blinks === 0);
      const result = simulateReplication(withBlinks, 9, r);
      expect(withBlinks.takesFrom[warmStandby]).toBe(blinks === 0 ? 0 : -1);
      expectSharingExact(withBlinks, 9, r);
      if (blinks === 0) continue;
      blinked++;
      const [br, ws] = result.strategies;
      // Each strategy fails over (a blink while it serves from region b touches it not), and each
      // its own way: backup & restore restores 100 GB at 100 MB/s (~17 min), warm standby detects
      // and promotes in 11.
      for (const st of [br!, ws!]) {
        expect(st.metrics.incidents).toBeGreaterThan(0);
        expect(st.metrics.failovers).toBeGreaterThan(0);
      }
      expect(br!.metrics.downtimeSeconds).toBeGreaterThan(ws!.metrics.downtimeSeconds);
    }
    expect(blinked).toBeGreaterThan(50); // P(no blink in a year) = e^(−6) ≈ 0.0025
  });
});

describe("a toy strategy mechanism, added through the registries alone", () => {
  const registries = withEntries({ mechanisms: [RIDE_OUT] });
  const s = scenario({
    regions: [region("a", { rate: 5 / YEAR, duration: { dist: "exponential", mean: 6 * HOUR } }), region("b", { rate: 5 / YEAR })],
    corruption: { rate: 0, detection: fixed(HOUR) },
    strategies: [
      strategy("warm-standby", "warm-standby"),
      { ...strategy("ride-out", RIDE_OUT_TYPE), standbyFraction: 0 },
      { ...strategy("ride-out-2", RIDE_OUT_TYPE, { steps: { ...strategy("x", "warm-standby").steps, detect: fixed(HOUR) } }), standbyFraction: 0 },
    ],
  });

  it("is unknown to the built-in registries", () => {
    expect(() => compileModel(s)).toThrow(/no mechanism implements type "ride-out"/);
  });

  it("responds as it declares: down exactly while the home region is, at its own standing cost", () => {
    const model = compileModel(s, registries);
    let down = 0;
    for (let r = 0; r < 300; r++) {
      const world = model.world.sample(3, r);
      const rideOut = simulateReplication(model, 3, r).strategies[1]!;
      const expected = homeDownSeconds(world, YEAR);
      expect(rideOut.metrics.downtimeSeconds).toBeCloseTo(expected, 6);
      expect(rideOut.metrics.failovers).toBe(0);
      expect(rideOut.incidents.length).toBe(world.outages.filter((o) => (o.regionMask & 1) !== 0 && o.start < YEAR).length);
      down += expected;
    }
    expect(down).toBeGreaterThan(0);
    // Its standing-cost rule (the primary alone) is a failover strategy's with no standby.
    const noStandby = { ...s.strategies[0]!, standbyFraction: 0 };
    const expected = standingCost(s, noStandby, 1 + noStandby.standbyFraction, YEAR, model.offeredRequests).total;
    expect(model.standing[1]!.total).toBeCloseTo(expected, 6);
  });

  it("shares outcomes among its own strategies in quiet worlds, exactly, and never with another mechanism's", () => {
    const model = compileModel(s, registries);
    expect([...model.sharesWith]).toEqual([-1, -1, 1]);
    let quiet = 0;
    for (let r = 0; r < 200; r++) {
      const isQuiet = isQuietFor(model, model.world.sample(4, r), 2);
      if (isQuiet) quiet++;
      simulateReplication(model, 4, r);
      expect(model.takesFrom[2]).toBe(isQuiet ? 1 : -1);
      expectSharingExact(model, 4, r);
    }
    // P(no outage of region a in a year) = e^(−5) ≈ 0.0067, so nearly none are quiet; with region a
    // calm, most are.
    expect(quiet).toBeLessThan(10);
    const calm = compileModel({ ...s, regions: [region("a"), s.regions[1]!] }, registries);
    let calmQuiet = 0;
    for (let r = 0; r < 50; r++) {
      if (isQuietFor(calm, calm.world.sample(4, r), 2)) calmQuiet++;
      simulateReplication(calm, 4, r);
      expect([...calm.takesFrom]).toEqual([-1, -1, 1]); // ride-out-2 takes ride-out's, never warm standby's
      expectSharingExact(calm, 4, r);
    }
    expect(calmQuiet).toBe(50);
  });
});
