// Every scenario shipped in scenarios/ must load: they are the examples users copy.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPortfolio } from "../../src/replication/portfolioScenario.js";
import { loadScenario } from "../../src/replication/scenario.js";
import { isPortfolioFile } from "../../src/scenario/portfolioLoad.js";
import { defaultScenarioPath } from "../../src/scenario/load.js";

const dir = dirname(defaultScenarioPath());
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));

describe("shipped scenarios", () => {
  it("include default.yaml", () => {
    expect(files).toContain("default.yaml");
  });
  it.each(files)("%s loads", async (file) => {
    const path = join(dir, file);
    // A portfolio is several services, each a scenario of its own.
    const scenarios = (await isPortfolioFile(path)) ? (await loadPortfolio(path)).services.map((s) => s.scenario) : [await loadScenario(path)];
    for (const scenario of scenarios) {
      expect(scenario.strategies.length).toBeGreaterThan(0);
      expect(scenario.regions.length).toBeGreaterThanOrEqual(2);
    }
  });
});
