// `validate` finds everything `run` would refuse: loading a scenario also compiles the model, and
// what the model refuses is located at its field like a schema error — not found later, unlocated,
// when the run starts (or not found at all, and the run answers with an infinity).
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/replication/scenario.js";
import { runMonteCarlo } from "../../src/montecarlo/runner.js";
import { BASE, loadError, scenarioFile } from "./helpers.js";

describe("what the model refuses is found while loading, located", () => {
  it("a replication link slower than the mean write throughput (base.yaml writes 400 kB/s)", async () => {
    const error = await loadError(scenarioFile(`extends: ${BASE}`, "replication: { bandwidth: 1Mbps }"));
    expect(error).toMatchObject({ line: 2, column: 27, fieldPath: "replication.bandwidth" });
    expect(error.message).toMatch(/replication\.bandwidth: 125000 B\/s is below the mean write throughput \(400000 B\/s\): async replication can never catch up$/);
  });

  it("a link slower than the peak but faster than the mean is a backlog, not an error", async () => {
    const scenario = await loadScenario(scenarioFile(`extends: ${BASE}`, "workload: { diurnalAmplitude: 0.5 }", "replication: { bandwidth: 4Mbps }"));
    expect(scenario.replication.bandwidth).toBe(500_000);
  });

  for (const [what, value, column] of [
    ["a fixed zero", "0MB/s", 30],
    ["a plain 0", "0", 30],
    ["a uniform from 0", "{ dist: uniform, min: 0MB/s, max: 10MB/s }", 52],
  ] as const) {
    it(`a restore throughput of ${what} is refused at the field`, async () => {
      const error = await loadError(scenarioFile(`extends: ${BASE}`, `backup: { restoreThroughput: ${value} }`));
      expect(error.line).toBe(2);
      expect(error.column).toBe(column);
      expect(error.fieldPath).toMatch(/^backup\.restoreThroughput/);
      expect(error.message).toMatch(/expected a throughput > 0/);
    });
  }

  it("the smallest positive throughput still gives finite costs: the bound is 0, not a guess", async () => {
    const scenario = await loadScenario(scenarioFile(`extends: ${BASE}`, "backup: { restoreThroughput: 1 }", "corruption: { rate: 5/year }", "run: { runs: 20 }"));
    const run = await runMonteCarlo({ scenario, workers: 1 });
    for (const s of run.strategies) for (const x of s.metrics.costUSD) expect(Number.isFinite(x)).toBe(true);
  });
});
