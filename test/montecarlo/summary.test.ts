// summarize: the bounded-memory, multi-pass path (what `drsim merge` takes on large runs) gives the
// same summary, double for double, as sorting every column in memory.
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/replication/scenario.js";
import { defaultScenarioPath } from "../../src/scenario/load.js";
import { runMonteCarlo, summarize } from "../../src/montecarlo/index.js";
import { StatAccumulator } from "../../src/montecarlo/stat.js";

describe("summarize", async () => {
  const base = await loadScenario(defaultScenarioPath());
  const scenario = { ...base, run: { ...base.run, runs: 2000 } };
  const run = await runMonteCarlo({ scenario, workers: 1 });
  const inMemory = summarize(run);


  for (const limit of [64, 1]) {
    it(`holding at most ${limit} value(s) per statistic gives the same summary`, () => {
      // JSON of the two (NaN → null) must be identical, and the statistics must be non-trivial.
      expect(JSON.stringify(summarize(run, limit))).toBe(JSON.stringify(inMemory));
    });
  }

  it("covers statistics whose quantiles need more than one pass", () => {
    const cost = inMemory.strategies[scenario.strategies[0]!.id]!.costUSD;
    expect(cost.n).toBe(2000);
    expect(cost.p99).toBeGreaterThan(cost.p50);
    // Holding at most 64 values, the cost column's quantiles are not known after the first pass.
    const acc = new StatAccumulator(64);
    for (const x of run.strategies[0]!.metrics.costUSD) acc.add(x);
    acc.endPass();
    expect(acc.needsPass).toBe(true);
  });
});
