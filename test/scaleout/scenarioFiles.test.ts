import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/scenario/load.js";
import { bundleScenario } from "../../src/app/scaleout/scenarioFiles.js";
import { STUDY_TREE, writeTree } from "./fixtures.js";

describe("bundleScenario", () => {
  it("ships exactly the files loading the scenario reads, once each, under their common root", async () => {
    const root = writeTree(STUDY_TREE);
    const { scenario, bundle } = await bundleScenario(join(root, "project/scenarios/study.yaml"));
    expect(scenario.name).toBe("study");
    expect(bundle.entry).toBe("scenarios/study.yaml");
    expect(bundle.files.map((f) => f.path).sort()).toEqual(
      [
        "scenarios/study.yaml",
        "models/base.yaml",
        "models/outages.yaml",
        "models/timings.yaml",
        "models/prices/aws.yaml",
        "data/traffic.csv",
        "models/durations.csv",
      ].sort(),
    );
    expect(bundle.files[0]!.path).toBe("scenarios/study.yaml");
    for (const file of bundle.files) expect(file.content).toBe(STUDY_TREE[`project/${file.path}`]);
    // Named by base.yaml, but study.yaml replaced the distribution that used it; nothing names unrelated.yaml.
    expect(bundle.files.map((f) => f.path)).not.toContain("models/unused.csv");
    expect(bundle.files.map((f) => f.path)).not.toContain("unrelated.yaml");
  });

  it("refuses a scenario that does not load, with the loader's located error", async () => {
    const root = writeTree({ "s.yaml": "extends: [missing.yaml]\n", "bad.yaml": "a: [1, 2\n" });
    await expect(bundleScenario(join(root, "s.yaml"))).rejects.toThrow(ScenarioError);
    await expect(bundleScenario(join(root, "s.yaml"))).rejects.toThrow(/s\.yaml:1:11: extends: file not found: .*missing\.yaml/);
    await expect(bundleScenario(join(root, "bad.yaml"))).rejects.toThrow(/bad\.yaml:\d+:\d+: YAML syntax error/);
  });
});
