import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { collectScenarioFiles } from "../../src/app/scaleout/scenarioFiles.js";
import { STUDY_TREE, writeTree } from "./fixtures.js";

describe("collectScenarioFiles", () => {
  it("collects the extends chain and data files once each, under their common root", () => {
    const root = writeTree(STUDY_TREE);
    const bundle = collectScenarioFiles(join(root, "project/scenarios/study.yaml"));
    expect(bundle.entry).toBe("scenarios/study.yaml");
    expect(bundle.files.map((f) => f.path)).toEqual([
      "scenarios/study.yaml",
      "models/base.yaml",
      "models/outages.yaml",
      "models/prices/aws.yaml",
      "data/traffic.csv",
      "models/durations.csv",
    ]);
    for (const file of bundle.files) expect(file.content).toBe(STUDY_TREE[`project/${file.path}`]);
  });

  it("roots a scenario that extends nothing at its own directory", () => {
    const root = writeTree({ "a/b/solo.yaml": "name: solo\n" });
    expect(collectScenarioFiles(join(root, "a/b/solo.yaml"))).toEqual({
      entry: "solo.yaml",
      files: [{ path: "solo.yaml", content: "name: solo\n" }],
    });
  });

  it("names the file that refers to a missing one", () => {
    const root = writeTree({ "s.yaml": "extends: [missing.yaml]\n" });
    expect(() => collectScenarioFiles(join(root, "s.yaml"))).toThrow(UserError);
    expect(() => collectScenarioFiles(join(root, "s.yaml"))).toThrow(/s\.yaml: cannot read .*missing\.yaml \(ENOENT\)/);
    expect(() => collectScenarioFiles(join(root, "nope.yaml"))).toThrow(/cannot read/);
  });

  it("refuses malformed YAML and a non-path extends", () => {
    const root = writeTree({ "bad.yaml": "a: [1, 2\n", "ext.yaml": "extends: { a: 1 }\n" });
    expect(() => collectScenarioFiles(join(root, "bad.yaml"))).toThrow(UserError);
    expect(() => collectScenarioFiles(join(root, "ext.yaml"))).toThrow(/extends must be a path/);
  });
});
