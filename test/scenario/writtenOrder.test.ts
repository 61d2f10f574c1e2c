// Regions and strategies come out in the order they were written, whatever is read from disk while
// resolving them: the first region is the primary, the first strategy the baseline of the paired
// differences. A value that reads a CSV resolves later than the others; it must not move its
// region or strategy to the end.
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/replication/scenario.js";
import { BASE, FIXTURES, scenarioFile } from "./helpers.js";

const MINUTES = `${FIXTURES}data/promote-minutes.csv`;
const empiricalMinutes = `{ dist: empirical, file: ${MINUTES}, column: minutes, unit: m }`;

describe("declaration order survives a value read from a CSV", () => {
  it("the region with an empirical outage duration stays first (the primary)", async () => {
    const file = scenarioFile(
      `extends: ${BASE}`,
      "regions:",
      "  us-east-1: null",
      "  us-west-2: null",
      `  home: { outage: { duration: ${empiricalMinutes} } }`,
      "  away: {}",
      "  third: {}",
    );
    const scenario = await loadScenario(file);
    expect(scenario.regions.map((r) => r.name)).toEqual(["home", "away", "third"]);
  });

  it("a strategy with an empirical step stays where it was written (the baseline stays first)", async () => {
    const file = scenarioFile(
      `extends: ${BASE}`,
      "strategies:",
      `  pilot-light: { steps: { promote: ${empiricalMinutes} } }`,
      `  warm-standby: {}`,
      `  active-active: { steps: { switchTraffic: ${empiricalMinutes} } }`,
    );
    const scenario = await loadScenario(file);
    expect(scenario.strategies.map((s) => s.id)).toEqual(["backup-restore", "pilot-light", "warm-standby", "active-active"]);
  });

  it("an order given by the file alone, with every value read from disk, is kept too", async () => {
    const regions = ["z", "a", "m", "b"];
    const file = scenarioFile(
      `extends: ${BASE}`,
      "regions:",
      "  us-east-1: null",
      "  us-west-2: null",
      ...regions.map((name, i) => (i % 2 === 0 ? `  ${name}: { outage: { duration: ${empiricalMinutes} } }` : `  ${name}: {}`)),
    );
    expect((await loadScenario(file)).regions.map((r) => r.name)).toEqual(regions);
  });
});
