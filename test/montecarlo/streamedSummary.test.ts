// A streamed run's summary (RunFeed: each statistic holds at most STREAMED_HOLD_LIMIT values, and
// past it the spilled numbers are replayed) is the summary of the same run held in memory and
// sorted, byte for byte, on a run large enough to take the replays.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STREAMED_HOLD_LIMIT } from "../../src/store/runFeed.js";
import { mc, outputs, SYNTHETIC_MODEL, syntheticScenario, tempDir } from "./helpers.js";

describe("a streamed run past the statistics' collect limit", () => {
  it("replays its spilled replications and writes the summary sorting in memory gives", { timeout: 120_000 }, async () => {
    const runs = STREAMED_HOLD_LIMIT + 7_000;
    const scenario = syntheticScenario(runs);
    const held = tempDir("held");
    await outputs.writeRunOutputs(held, await mc.runMonteCarlo({ scenario, modelModule: SYNTHETIC_MODEL, workers: 2 }));
    const streamed = tempDir("streamed");
    const passes = new Set<string>();
    await outputs.simulateInto(
      streamed,
      scenario,
      (onBatch) => mc.streamMonteCarlo({ scenario, modelModule: SYNTHETIC_MODEL, workers: 2, onBatch, lent: true }),
      { onProgress: (pass, what) => passes.add(`${pass} ${what}`) },
    );
    // Past the limit the replication quantiles took a pass over the spill (a held run takes none).
    expect([...passes]).toContain("2 replications");
    for (const file of ["summary.json", "summary.md", "replications.parquet", "incidents.parquet"]) {
      expect(readFileSync(join(streamed, file)).equals(readFileSync(join(held, file))), file).toBe(true);
    }
  });
});
