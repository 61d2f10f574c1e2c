// A run's directory: summary.json, summary.md, replications.csv, incidents.csv and scenario.json
// (the resolved scenario, for reproducibility) — or, for a shard, the lossless partial result that
// `drsim merge` reads back. All files of a set are written atomically (see atomicWrite.ts).
import { shardManifest, SHARD_MANIFEST, type ShardSpec } from "../montecarlo/shard.js";
import { scenarioToJson } from "../montecarlo/scenarioJson.js";
import { summarize, type Summary } from "../montecarlo/summary.js";
import type { RunResult } from "../montecarlo/types.js";
import { writeFilesAtomically, type OutputFile } from "./atomicWrite.js";
import { incidentsCsv, replicationsCsv } from "./csv.js";
import { summaryMarkdown } from "./markdown.js";
import { summaryToJson } from "./summaryJson.js";

export const RUN_FILES = ["summary.json", "summary.md", "replications.csv", "incidents.csv", "scenario.json"] as const;
export const SHARD_FILES = [SHARD_MANIFEST, "scenario.json", "replications.csv", "incidents.csv"] as const;

function dataFiles(run: RunResult): OutputFile[] {
  const ids = run.scenario.strategies.map((s) => s.id);
  return [
    { name: "replications.csv", content: replicationsCsv(run, ids) },
    { name: "incidents.csv", content: incidentsCsv(run, ids) },
    { name: "scenario.json", content: scenarioToJson(run.scenario) },
  ];
}

/** Writes a complete run's outputs into `dir`; returns the summary it wrote and the file paths. */
export async function writeRunOutputs(
  dir: string,
  run: RunResult,
  summary: Summary = summarize(run),
): Promise<{ summary: Summary; files: string[] }> {
  const files = await writeFilesAtomically(dir, [
    ...dataFiles(run),
    { name: "summary.md", content: summaryMarkdown(summary) },
    { name: "summary.json", content: summaryToJson(summary) },
  ]);
  return { summary, files };
}

/** Writes one shard's partial result (manifest, scenario, CSVs) into `dir`. */
export async function writeShardOutputs(dir: string, run: RunResult, shard: ShardSpec): Promise<string[]> {
  return writeFilesAtomically(dir, [
    ...dataFiles(run),
    { name: SHARD_MANIFEST, content: `${JSON.stringify(shardManifest(run, shard), null, 2)}\n` },
  ]);
}
