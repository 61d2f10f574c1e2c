// A strategy's own backup policy: what it writes under `backup` is merged over the scenario's
// (key by key, as `extends` merges), after its strategyDefaults, read with the same schema — so a
// mistake in it is located where it was written — and a strategy that writes none has none.
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/replication/scenario.js";
import { BASE, loadError, scenarioFile } from "./helpers.js";

const HOUR = 3600;

describe("a strategy's own backup policy", () => {
  it("is its `backup` merged over the scenario's; a strategy without one has none", async () => {
    const file = scenarioFile(
      `extends: ${BASE}`,
      "strategies:",
      "  warm-standby: { backup: { interval: 1h, pointInTime: { enabled: true, granularity: 5m } } }",
    );
    const s = await loadScenario(file);
    const ws = s.strategies.find((x) => x.id === "warm-standby")!;
    expect(ws.backup).toEqual({ ...s.backup, interval: HOUR, pointInTime: { enabled: true, granularity: 300 } });
    for (const other of s.strategies.filter((x) => x.id !== "warm-standby")) {
      expect(other.backup).toBeUndefined();
      expect(Object.keys(other)).not.toContain("backup"); // and scenario.json has no such key
    }
  });

  it("comes from strategyDefaults too, under what the strategy writes", async () => {
    const file = scenarioFile(
      `extends: ${BASE}`,
      "strategyDefaults:",
      "  pilot-light: { backup: { interval: 6h, retentionDays: 7 } }",
      "strategies:",
      "  pilot-light: { backup: { interval: 2h } }",
    );
    const pl = (await loadScenario(file)).strategies.find((x) => x.id === "pilot-light")!;
    expect(pl.backup?.interval).toBe(2 * HOUR);
    expect(pl.backup?.retentionDays).toBe(7);
  });

  it("reports a mistake in it at the strategy's field", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "strategies:", "  warm-standby: { backup: { interval: often } }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 3, column: 39, fieldPath: "strategies.warm-standby.backup.interval" });
  });
});
