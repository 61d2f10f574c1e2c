// Limits decided from the model, checked while a scenario loads: whether a value comes from the
// file, a --set or a run option, a run that could not finish (or only with a wrong answer) is
// refused at the field that asks for it, before any work.
import { describe, expect, it } from "vitest";
import { loadForRun } from "../../src/app/scenario.js";
import { ScenarioError } from "../../src/scenario/load.js";
import {
  MAX_EVENTS_PER_REPLICATION,
  MAX_HORIZON_SECONDS,
  MAX_REGIONS,
  expectedEventsPerReplication,
} from "../../src/scenario/limits.js";
import { loadScenario } from "../../src/replication/scenario.js";
import { BASE, YEAR, loadError, scenarioFile } from "./helpers.js";

async function runError(file: string, settings: Parameters<typeof loadForRun>[1]): Promise<ScenarioError> {
  const error = await loadForRun(file, settings).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScenarioError);
  return error as ScenarioError;
}

describe("run.runs and run.horizon written in a scenario", () => {
  it("run.runs beyond 1e10 is refused at the field, like -n", async () => {
    const error = await loadError(scenarioFile(`extends: ${BASE}`, "run: { runs: 1e12 }"));
    expect(error).toMatchObject({ line: 2, column: 14, fieldPath: "run.runs" });
    expect(error.message).toMatch(/expected at most 1e10 replications/);
  });

  it("a horizon beyond 100000 years is refused at the field", async () => {
    const error = await loadError(scenarioFile(`extends: ${BASE}`, "run: { horizon: 200000y }"));
    expect(error).toMatchObject({ line: 2, fieldPath: "run.horizon" });
    expect(error.message).toMatch(/expected a horizon of at most 100000y/);
    // The bound itself is accepted (with no events to draw).
    const quiet = ["regionDefaults: { outage: { rate: 0/year } }", "degradation: { rate: 0/year }", "partition: { rate: 0/year }"];
    const zero = [...quiet, "corruption: { rate: 0/year, detection: 1h }", "replication: { spikes: { rate: 0/year } }"];
    const scenario = await loadScenario(scenarioFile(`extends: ${BASE}`, ...zero, "run: { horizon: 100000y }"));
    expect(scenario.run.horizon).toBe(MAX_HORIZON_SECONDS);
  });

  it("the same limits hold for the run options, whose messages name the option", async () => {
    const file = scenarioFile(`extends: ${BASE}`);
    const horizon = await runError(file, { horizon: 2e5 * YEAR });
    expect(horizon.message).toMatch(/^--horizon: run\.horizon: expected a horizon of at most 100000y/);
    // --horizon within its own limit, but too many events per replication with these rates.
    const events = await runError(file, { horizon: 5e4 * YEAR });
    expect(events.fieldPath).toBe("replication.spikes.rate");
    expect(events.message).toMatch(/over a horizon of 50000 years \(--horizon\) means about 600000 events per replication/);
  });
});

describe("events per replication", () => {
  it("are Σ rate × horizon over every event rate of the model", async () => {
    const scenario = await loadScenario(scenarioFile(`extends: ${BASE}`, "run: { horizon: 2y }"));
    // base.yaml: two regions' outages (0.1 and 0.05/year), degradations 1, partitions 2, corruption 0.2,
    // replication spikes 1/month; an exponential duration's `rate` is not an event rate.
    expect(expectedEventsPerReplication(scenario)).toBeCloseTo(2 * (0.1 + 0.05 + 1 + 2 + 0.2 + 12), 9);
  });

  it("1e9 partitions a year: refused at the rate, before anything runs", async () => {
    const error = await loadError(scenarioFile(`extends: ${BASE}`, "partition: { rate: 1e9/year }"));
    expect(error).toMatchObject({ line: 2, column: 20, fieldPath: "partition.rate" });
    expect(error.message).toMatch(/means about 1\.0e9 events per replication .*at most 100000 can be simulated/);
  });

  it("a rate written in regionDefaults is located there, wherever it applies", async () => {
    const error = await loadError(scenarioFile(`extends: ${BASE}`, "regionDefaults:", "  outage: { rate: 1e6/year }"));
    expect(error).toMatchObject({ line: 3, column: 19 });
    expect(error.fieldPath).toBe("regions.us-east-1.outage.rate");
  });

  it("just below the limit loads", async () => {
    const perYear = MAX_EVENTS_PER_REPLICATION / 2 - 20;
    await expect(loadScenario(scenarioFile(`extends: ${BASE}`, `partition: { rate: ${perYear}/year }`, "run: { horizon: 2y }"))).resolves.toBeDefined();
  });
});

describe("regions", () => {
  const regions = (n: number): string[] => ["regions:", "  us-east-1: null", "  us-west-2: null", ...Array.from({ length: n }, (_, i) => `  r${i + 1}: {}`)];

  it(`more than ${MAX_REGIONS} are refused at regions (region 33 would alias region 1)`, async () => {
    const error = await loadError(scenarioFile(`extends: ${BASE}`, ...regions(MAX_REGIONS + 1)));
    expect(error).toMatchObject({ line: 2, fieldPath: "regions" });
    expect(error.message).toMatch(/at most 31 regions can be simulated .*, 32 given/);
    await expect(loadError(scenarioFile(`extends: ${BASE}`, ...regions(40)))).resolves.toMatchObject({ fieldPath: "regions" });
  });

  it(`${MAX_REGIONS} load, each its own region`, async () => {
    const scenario = await loadScenario(scenarioFile(`extends: ${BASE}`, ...regions(MAX_REGIONS)));
    expect(scenario.regions).toHaveLength(MAX_REGIONS);
  });
});

describe("money and sizes that would overflow a run's cost", () => {
  it("1e308 dollars per minute is refused at the field", async () => {
    const error = await loadError(scenarioFile(`extends: ${BASE}`, "costs: { downtimeUSDPerMinute: 1e308 }"));
    expect(error).toMatchObject({ line: 2, fieldPath: "costs.downtimeUSDPerMinute" });
    expect(error.message).toMatch(/expected an amount of at most 1e15 USD/);
    const drills = await loadError(scenarioFile(`extends: ${BASE}`, "strategies: { pilot-light: { drills: { costUSD: 1e300 } } }"));
    expect(drills.fieldPath).toBe("strategies.pilot-light.drills.costUSD");
  });

  it("a dataset of 1e30 bytes is refused at the field", async () => {
    const error = await loadError(scenarioFile(`extends: ${BASE}`, "workload: { datasetSize: 1e30 }"));
    expect(error).toMatchObject({ line: 2, fieldPath: "workload.datasetSize" });
    expect(error.message).toMatch(/at most 1e24 bytes/);
  });
});
