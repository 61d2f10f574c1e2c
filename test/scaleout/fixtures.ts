// A scenario tree on disk: a scenario extending a model that extends two more and names data files.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "drsim-scaleout-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** scenarios/study.yaml → ../models/base.yaml → [outages.yaml, prices/aws.yaml]; base names two CSVs. */
export const STUDY_TREE: Record<string, string> = {
  "project/scenarios/study.yaml": "name: study\nextends: ../models/base.yaml\nrun: { runs: 100 }\n",
  "project/models/base.yaml": [
    "extends: [outages.yaml, prices/aws.yaml]",
    "workload:",
    "  trace: { file: ../data/traffic.csv, column: rps, step: 5m }",
    "regionDefaults:",
    "  outage:",
    "    duration: { dist: empirical, file: durations.csv, column: hours, unit: h }",
    "",
  ].join("\n"),
  "project/models/outages.yaml": "extends: base.yaml  # a cycle: collected once\ncommonCause: { beta: 0.1 }\n",
  "project/models/prices/aws.yaml": "costs: { egressPerGB: 0.02 }\n",
  "project/models/durations.csv": "hours\n1.5\n7\n",
  "project/data/traffic.csv": "rps\n100\n120\n",
  "project/unrelated.yaml": "not: needed\n",
};
