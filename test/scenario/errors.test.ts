// Every class of error names the file, line and column where the offending value was written,
// the field path, what was expected and what was found — one line each.
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/replication/scenario.js";
import { ScenarioError } from "../../src/scenario/load.js";
import { BASE, fixture, loadError, scenarioFile } from "./helpers.js";

/** The message's location prefix as printed (paths relative to the cwd when shorter). */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.length < file.length ? rel : file;
}

describe("a located error", () => {
  it("for an unknown key suggests the closest valid one", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "regionDefaults:", "  outage:", "    rat: 0.2/year");
    const error = await loadError(file);
    expect(error).toMatchObject({ file, line: 4, column: 5, fieldPath: "regionDefaults.outage.rat" });
    expect(error.message.split("\n")[0]).toBe(`${shown(file)}:4:5: regionDefaults.outage.rat: unknown field; did you mean "rate"?`);
  });

  it("for an unknown key in a distribution suggests among that distribution's parameters", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "backup:", "  duration: { dist: uniform, min: 1m, maks: 2m }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 3, column: 39, fieldPath: "backup.duration.maks" });
    expect(error.message).toContain('unknown field; did you mean "max"?');
  });

  it("for a bad duration says what was expected and what was found", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "strategies:", "  warm-standby:", "    steps:", "      scale: fast");
    const error = await loadError(file);
    expect(error).toMatchObject({ file, line: 5, column: 14, fieldPath: "strategies.warm-standby.steps.scale" });
    expect(error.message).toBe(
      `${shown(file)}:5:14: strategies.warm-standby.steps.scale: ` +
        'expected a duration like "15m", a distribution {dist: ...} or none, got "fast"',
    );
  });

  it("for a bad rate", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "partition: { rate: 2 per year }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 2, column: 20, fieldPath: "partition.rate" });
    expect(error.message).toContain('expected a rate like "0.1/year", "2/month" or "4/hour", got "2 per year"');
  });

  it("for a bad distribution parameter points at the parameter", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "regionDefaults:", "  outage:", "    duration: { dist: lognormal, median: 6h, sigma: -1 }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 4, column: 53, fieldPath: "regionDefaults.outage.duration.sigma" });
    expect(error.message).toContain("expected a number > 0, got -1");
  });

  it("for min > max in a distribution points at max", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "backup:", "  copyDelay: { dist: uniform, min: 30m, max: 5m }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 3, column: 46, fieldPath: "backup.copyDelay.max" });
    expect(error.message).toContain('expected max > min (use fixed for a constant), got "5m"');
  });

  it("for an unknown distribution suggests the closest one", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "partition: { duration: { dist: lognormall, median: 1h, sigma: 1 } }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 2, column: 32, fieldPath: "partition.duration.dist" });
    expect(error.message).toMatch(/expected one of: fixed, uniform, .*, got "lognormall"; did you mean "lognormal"\?$/);
  });

  it("for an incomplete distribution names what it needs", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "partition:", "  duration: { dist: lognormal, median: 1h }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 3, column: 3, fieldPath: "partition.duration" });
    expect(error.message).toContain("lognormal needs either median and sigma, or mean and sd");
  });

  it("for a fraction distribution with an unbounded law rejects it", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "degradation:", "  remainingCapacity: { dist: lognormal, median: 0.5, sigma: 1 }");
    const error = await loadError(file);
    expect(error.fieldPath).toBe("degradation.remainingCapacity.dist");
    expect(error.message).toContain('expected one of: fixed, uniform, triangular, empirical, got "lognormal"');
  });

  it("for a missing required field points at the map it is missing from", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "regions:", "  eu-west-1:", "    outage:", "      controlPlane: { probability: null }");
    const error = await loadError(file);
    // The region's controlPlane map merges regionDefaults' (in world.yaml) and this one, written last.
    expect(error).toMatchObject({ file, line: 5, column: 7, fieldPath: "regions.eu-west-1.outage.controlPlane.probability" });
    expect(error.message).toBe(
      `${shown(file)}:5:7: regions.eu-west-1.outage.controlPlane.probability: required field missing (expected a probability between 0 and 1)`,
    );
  });

  it("for a missing required section points at the top of the scenario", async () => {
    const file = scenarioFile("# nothing but a comment", `extends: ${BASE}`, "costs: null");
    const error = await loadError(file);
    expect(error).toMatchObject({ file, line: 1, column: 1, fieldPath: "costs" });
    expect(error.message).toBe(`${shown(file)}:1:1: costs: required field missing (expected a map)`);
  });

  it("for a YAML syntax error", async () => {
    const error = await loadError(fixture("errors/syntax.yaml"));
    expect(error).toMatchObject({ file: fixture("errors/syntax.yaml"), line: 5, column: 1, fieldPath: "" });
    expect(error.message).toBe(
      `${shown(fixture("errors/syntax.yaml"))}:5:1: YAML syntax error: bad indentation (the items of one map or list must start at the same column)`,
    );
  });

  it("for a key written twice (a YAML error too)", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "run: { runs: 5 }", "run: { runs: 6 }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 3, column: 1 });
    expect(error.message).toContain("YAML syntax error: a key written twice in the same map");
  });

  it("for a bad value in an extended file points into that file", async () => {
    const error = await loadError(fixture("errors/extends-bad.yaml"));
    expect(error).toMatchObject({ file: fixture("errors/bad-base.yaml"), line: 4, column: 18, fieldPath: "workload.writeFraction" });
    expect(error.message).toContain("expected a fraction between 0 and 1, got 1.5");
  });

  it("for a bad value in regionDefaults points at regionDefaults, once", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "regionDefaults: { outage: { rate: often } }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 2, column: 35, fieldPath: "regionDefaults.outage.rate" });
    expect(error.problems).toHaveLength(1);
  });

  it("for an extends cycle shows the cycle at the entry that closes it", async () => {
    const error = await loadError(fixture("errors/cycle-a.yaml"));
    expect(error).toMatchObject({ file: fixture("errors/cycle-b.yaml"), line: 4, column: 5, fieldPath: "extends" });
    const a = shown(fixture("errors/cycle-a.yaml"));
    const b = shown(fixture("errors/cycle-b.yaml"));
    expect(error.message).toContain(`extends cycle: ${a} → ${b} → ${a}`);
  });

  it("for a file extending itself", async () => {
    const file = scenarioFile("extends: [./scenario-self.yaml]");
    const self = file.replace(/scenario-\d+\.yaml$/, "scenario-self.yaml");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(self, "extends: [./scenario-self.yaml]\n");
    const error = await loadError(self);
    expect(error).toMatchObject({ file: self, line: 1, column: 11 });
    expect(error.message).toContain("extends cycle");
  });

  it("for a missing extended file points at the extends entry", async () => {
    const error = await loadError(fixture("errors/missing-extends.yaml"));
    expect(error).toMatchObject({ file: fixture("errors/missing-extends.yaml"), line: 2, column: 25, fieldPath: "extends" });
    expect(error.message).toContain(`file not found: ${shown(fixture("model/nope.yaml"))}`);
  });

  it("for a missing scenario file, with no position", async () => {
    const error = await loadError(fixture("nope.yaml"));
    expect(error).toMatchObject({ line: 0, column: 0, fieldPath: "" });
    expect(error.message).toBe(`scenario file not found: ${shown(fixture("nope.yaml"))}`);
  });

  it("for a missing CSV file of an empirical distribution points at its `file`", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "backup:", "  duration: { dist: empirical, file: nope.csv, column: minutes, unit: m }");
    const error = await loadError(file);
    expect(error).toMatchObject({ file, line: 3, column: 38, fieldPath: "backup.duration.file" });
    expect(error.message).toContain("file not found:");
  });

  it("for a CSV path that is a directory", async () => {
    const file = scenarioFile(`extends: ${BASE}`, `backup: { duration: { dist: empirical, file: ${fixture("data")}, column: x } }`);
    const error = await loadError(file);
    expect(error.fieldPath).toBe("backup.duration.file");
    expect(error.message).toContain("a data file must be a .csv file:");
  });

  it("for a missing CSV column or a bad unit", async () => {
    const csv = fixture("data/traffic.csv");
    const column = await loadError(scenarioFile(`extends: ${BASE}`, `workload: { trace: { file: ${csv}, column: qps, step: 1m } }`));
    expect(column.fieldPath).toBe("workload.trace.file");
    expect(column.message).toContain('no column "qps"');
    const unit = await loadError(
      scenarioFile(`extends: ${BASE}`, `backup: { duration: { dist: empirical, file: ${csv}, column: rps, unit: MB/s } }`),
    );
    expect(unit.fieldPath).toBe("backup.duration.unit");
    expect(unit.message).toContain('expected a duration unit (s, m, h, d), got "MB/s"');
  });

  it("for a strategy id that names no type suggests how to give one", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "strategies:", "  cheap: { standbyFraction: 0.1 }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 3, column: 3, fieldPath: "strategies.cheap" });
    expect(error.message).toContain(
      'cannot tell the strategy type from the id "cheap"; add type: none | backup-restore | pilot-light | warm-standby | active-active',
    );
  });

  it("for a misspelt strategy type suggests the closest", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "strategies:", "  cheap: { type: warm-stanby }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 3, column: 18, fieldPath: "strategies.cheap.type" });
    expect(error.message).toContain('got "warm-stanby"; did you mean "warm-standby"?');
    expect(error.problems).toHaveLength(1);
  });

  it("for fewer regions than a strategy needs names the strategy", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "regions:", "  us-west-2: null");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 2, column: 1, fieldPath: "regions" });
    expect(error.message).toContain(
      'at least 2 regions are needed (the first is the primary; strategy "backup-restore" fails over to or shares load with another), 1 given',
    );
  });

  it("accepts one region when every strategy stays in it (the no-DR baseline)", async () => {
    // The failover pipeline's fields are every strategy's (models/timings.yaml gives `none` neutral ones).
    const none = [
      "    standbyFraction: 0",
      "    steps: { detect: 1m, decide: none, provision: 45m, promote: none, scale: 10m, switchTraffic: none }",
      "    policy: { waitForPrimary: 0s, failback: { delay: 0s, window: 0s } }",
      "    failover: { failureProbabilityUntested: 0, failureProbabilityDrilled: 0, retryDelay: 0s, maxAttempts: 1 }",
    ];
    const others = ["backup-restore", "pilot-light", "warm-standby", "active-active"].map((id) => `  ${id}: null`);
    const file = scenarioFile(`extends: ${BASE}`, "regions:", "  us-west-2: null", "strategies:", "  none:", ...none, ...others);
    const s = await loadScenario(file);
    expect(s.regions.map((r) => r.name)).toEqual(["us-east-1"]);
    expect(s.strategies.map((st) => [st.id, st.type, st.replication.mode, st.steps.restoreFromBackup, st.standbyControlPlanes])).toEqual([
      ["none", "none", "backup", true, 0],
    ]);
  });

  it("for a common-cause group naming a region the scenario does not have points at the name", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "commonCause:", "  regions: { dist: groups, groups: { east: [us-east-1, us-east-2] } }");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 3, column: 56, fieldPath: "commonCause.regions.groups.east.1" });
    expect(error.message).toContain('expected a region of this scenario (us-east-1, us-west-2), got "us-east-2"');
  });

  it("for a region name that cannot be used in paths points at the name", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "regions:", "  us.east: {}");
    const error = await loadError(file);
    expect(error).toMatchObject({ line: 3, column: 3, fieldPath: "regions.us.east" });
    expect(error.message).toContain('expected a name of letters, digits, "-" and "_", starting with a letter, got "us.east"');
  });

  it("for a value of the wrong shape describes what was found, at its key", async () => {
    const file = scenarioFile(`extends: ${BASE}`, "description:", "workload: { bytesPerWrite: [1, 2] }");
    const error = await loadError(file);
    expect(error.message.split("\n")).toEqual([
      `${shown(file)}:2:1: description: expected a string, got an empty value`,
      `${shown(file)}:3:13: workload.bytesPerWrite: expected a size like "500GB" or "2KiB" (or a number of bytes), got a list`,
    ]);
  });
});

describe("several errors", () => {
  it("are reported one per line, unknown keys first, at most five", async () => {
    const file = scenarioFile(
      `extends: ${BASE}`,
      "run: { runs: 0, seed: -1, horizon: 0 }",
      "workload: { writeFraction: 2, peakHour: 25 }",
      "costs: { egresUSDPerGB: 0.01 }",
    );
    const error = await loadError(file);
    const lines = error.message.split("\n");
    expect(lines[0]).toBe(`${shown(file)}:4:10: costs.egresUSDPerGB: unknown field; did you mean "egressUSDPerGB"?`);
    expect(lines[1]).toBe(`${shown(file)}:2:14: run.runs: expected a whole number ≥ 1, got 0`);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe("(1 more problem not shown)");
    expect(error.problems).toHaveLength(5);
    // The error's own location is the first problem's.
    expect(error).toMatchObject({ line: 4, column: 10, fieldPath: "costs.egresUSDPerGB" });
  });
});

describe("a bad --set override", () => {
  it("with an unknown field suggests the valid one", async () => {
    const error = await loadError(BASE, { overrides: [{ path: "regionDefaults.outage.rat", value: "1/year" }] });
    expect(error.message).toBe('--set regionDefaults.outage.rat: unknown field; did you mean "rate"?');
    expect(error).toMatchObject({ file: "--set regionDefaults.outage.rat", line: 0, column: 0, fieldPath: "regionDefaults.outage.rat" });
  });

  it("with a bad value names the override as its location", async () => {
    const error = await loadError(BASE, { overrides: [{ path: "regionDefaults.outage.rate", value: "fast" }] });
    expect(error.message).toBe('--set regionDefaults.outage.rate: expected a rate like "0.1/year", "2/month" or "4/hour", got "fast"');
  });

  it("with a bad parameter inside a distribution value names the override and the parameter", async () => {
    const error = await loadError(BASE, {
      overrides: [{ path: "regionDefaults.outage.duration", value: "{dist: lognormal, median: 6h, sigma: -1}" }],
    });
    expect(error.message).toBe(
      "--set regionDefaults.outage.duration: regionDefaults.outage.duration.sigma: expected a number > 0, got -1",
    );
  });

  it("through a strategy that does not exist", async () => {
    const error = await loadError(BASE, { overrides: [{ path: "strategies.warm-standy.standbyFraction", value: "0.3" }] });
    expect(error.message).toBe(
      '--set strategies.warm-standy.standbyFraction: strategies.warm-standy: no strategy "warm-standy"; did you mean "warm-standby"?',
    );
  });

  it("into a plain value", async () => {
    const error = await loadError(BASE, { overrides: [{ path: "run.seed.low", value: "1" }] });
    expect(error.message).toContain("run.seed is a single value, not a map of fields");
  });

  it("with a value that is not YAML", async () => {
    const error = await loadError(BASE, { overrides: [{ path: "run.seed", value: "{a: " }] });
    expect(error.message).toMatch(/^--set run.seed: cannot read the value "\{a: " as YAML/);
  });

  it("of extends (files are merged before overrides apply)", async () => {
    const error = await loadError(BASE, { overrides: [{ path: "extends", value: "other.yaml" }] });
    expect(error.message).toBe("--set extends: extends cannot be overridden; write a scenario file that extends this one");
  });

  it("that leaves a required field missing points at the map in the file, not at the override", async () => {
    const error = await loadError(BASE, { overrides: [{ path: "costs.computeUSDPerYear", value: "null" }] });
    expect(error.file).toBe(fixture("model/world.yaml"));
    expect(error.fieldPath).toBe("costs.computeUSDPerYear");
  });
});

it("ScenarioError is what loadScenario rejects with", async () => {
  await expect(loadScenario(fixture("errors/cycle-a.yaml"))).rejects.toBeInstanceOf(ScenarioError);
});
