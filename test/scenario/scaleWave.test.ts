// steps.scaleWave: without an explicit steps.scale, scaling takes ⌈log₂(1/standbyFraction)⌉ waves,
// so a variant or a sweep of standbyFraction changes the scaling time with it.
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/replication/scenario.js";
import { scaleWaves } from "../../src/scenario/strategyTypes.js";
import { BASE, loadError, scenarioFile } from "./helpers.js";

const WAVE = "{ dist: uniform, min: 1m, max: 3m }";

async function scaleOf(standbyFraction: number, steps = `{ scale: null, scaleWave: ${WAVE} }`) {
  // The fixture's strategyDefaults give warm standby a `scale`: `scale: null` deletes it (as null
  // deletes any inherited field), so the wave applies; `scale: none` would mean "no scale step".
  const file = scenarioFile(
    `extends: ${BASE}`,
    "strategies:",
    "  warm-standby: null",
    "  pilot-light: null",
    "  active-active: null",
    "  warm-standby-x:",
    `    standbyFraction: ${standbyFraction}`,
    `    steps: ${steps}`,
  );
  const scenario = await loadScenario(file);
  return scenario.strategies.find((s) => s.id === "warm-standby-x")!.steps.scale;
}

describe("steps.scaleWave", () => {
  it("counts the doublings from the standby to the whole fleet", () => {
    expect([0.5, 0.3, 0.25, 0.2, 0.1, 0.01, 1, 1.5].map(scaleWaves)).toEqual([1, 2, 2, 3, 4, 7, 0, 0]);
  });

  it("derives steps.scale from the waves when scale is not given", async () => {
    expect(await scaleOf(0.3)).toEqual({ dist: "uniform", min: 120, max: 360 });
    expect(await scaleOf(0.1)).toEqual({ dist: "uniform", min: 240, max: 720 });
    expect(await scaleOf(1)).toBeNull();
  });

  it("yields to an explicit steps.scale, and 'none' still means no scale step", async () => {
    expect(await scaleOf(0.1, `{ scale: 5m, scaleWave: ${WAVE} }`)).toEqual({ dist: "fixed", value: 300 });
    expect(await scaleOf(0.1, `{ scale: none, scaleWave: ${WAVE} }`)).toBeNull();
  });

  it("refuses a wave without a standby to double, at the field", async () => {
    const file = scenarioFile(
      `extends: ${BASE}`,
      "strategies:",
      "  warm-standby-x:",
      "    standbyFraction: 0",
      `    steps: { scale: null, scaleWave: ${WAVE} }`,
    );
    const error = await loadError(file);
    expect(error.message).toMatch(/strategies\.warm-standby-x\.steps\.scaleWave: a standby of 0 has no fleet to double/);
    expect(error.message).toContain(`${file}:`);
  });

  it("is what the shipped models use: pilot light 10 % scales in 4 waves, warm standby 30 % in 2", async () => {
    const scenario = await loadScenario("scenarios/default.yaml");
    const scale = (id: string) => scenario.strategies.find((s) => s.id === id)!.steps.scale;
    expect(scale("pilot-light")).toEqual({ dist: "uniform", min: 240, max: 720 });
    expect(scale("warm-standby")).toEqual({ dist: "uniform", min: 120, max: 360 });
    expect(scale("active-active")).toBeNull(); // standbyFraction 1: no waves
  });
});
