// A scenario tree on disk: a scenario extending a model that extends the calibrated models and names
// data files, plus files it must never ship (one it names but does not use, one nothing names).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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

const model = (name: string): string => readFileSync(new URL(`../../models/${name}`, import.meta.url), "utf8");

/**
 * scenarios/study.yaml → ../models/base.yaml → [outages.yaml, timings.yaml, prices/aws.yaml]; base
 * names two CSVs, and a third (unused.csv) under a distribution that study.yaml replaces.
 */
export const STUDY_TREE: Record<string, string> = {
  "project/scenarios/study.yaml": [
    "name: study",
    "extends: ../models/base.yaml",
    "run: { runs: 100 }",
    "backup: { restoreThroughput: 100MB/s }   # replaces base's empirical one: unused.csv is not needed",
    "",
  ].join("\n"),
  "project/models/base.yaml": [
    "extends: [outages.yaml, timings.yaml, prices/aws.yaml]",
    "regions: { us-east-1: {}, us-west-2: {} }",
    "workload:",
    "  requestsPerSecond: 100",
    "  writeFraction: 0.1",
    "  bytesPerWrite: 2KB",
    "  datasetSize: 50GB",
    "  trace: { file: ../data/traffic.csv, column: rps, step: 5m }",
    "costs: { downtimeUSDPerMinute: 100 }",
    "regionDefaults:",
    "  outage:",
    "    duration: { dist: empirical, file: durations.csv, column: hours, unit: h }",
    "backup:",
    "  restoreThroughput: { dist: empirical, file: unused.csv, column: mbps, unit: MB/s }",
    "strategies: { backup-restore: {}, pilot-light: {}, warm-standby: {}, active-active: {} }",
    "",
  ].join("\n"),
  "project/models/outages.yaml": model("outages.yaml"),
  "project/models/timings.yaml": model("timings.yaml"),
  "project/models/prices/aws.yaml": model("prices-aws.yaml"),
  "project/models/durations.csv": "hours\n1.5\n7\n",
  "project/models/unused.csv": "mbps\n10\n20\n",
  "project/data/traffic.csv": "rps\n100\n120\n",
  "project/unrelated.yaml": "not: needed\n",
};
