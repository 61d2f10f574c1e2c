// A run's directory: summary.json, summary.md, replications.csv, incidents.csv and scenario.json
// (the resolved scenario, for reproducibility) — or, for a shard, the lossless partial result that
// `drsim merge` reads back. All files of a set are written atomically (see atomicWrite.ts).
import type { ShardMerge } from "../store/merge.js";
import type { ShardSpec } from "../montecarlo/shard.js";
import { shardManifest, SHARD_MANIFEST } from "../store/shardManifest.js";
import { scenarioToJson } from "../scenario/json.js";
import { summarize, type Summary } from "../montecarlo/summary.js";
import type { RunResult } from "../montecarlo/types.js";
import { writeFilesAtomically, type OutputFile } from "../store/atomicWrite.js";
import { incidentsCsv, replicationsCsv } from "../store/csv.js";
import { summaryMarkdown } from "../report/markdown.js";
import { summaryToJson } from "../report/summaryJson.js";

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
  const files = await writeFilesAtomically(dir, [...dataFiles(run), ...summaryFiles(async () => summary)]);
  return { summary, files };
}

/**
 * summary.md and summary.json, whose text is made only when their turn to be written comes: after
 * the files before them, so a merge can finish its statistics while streaming the CSVs first.
 */
function summaryFiles(summary: () => Promise<Summary>): OutputFile[] {
  let made: Promise<Summary> | undefined;
  const once = (): Promise<Summary> => (made ??= summary());
  async function* text(render: (s: Summary) => string): AsyncGenerator<string> {
    yield render(await once());
  }
  return [
    { name: "summary.md", content: text(summaryMarkdown) },
    { name: "summary.json", content: text(summaryToJson) },
  ];
}

/**
 * Writes the merge of a shard set into `dir`: the files the unsharded run writes, streamed through
 * (bounded memory), or with `data: false` only summary.json, summary.md and scenario.json.
 */
export async function writeMergedOutputs(dir: string, merge: ShardMerge, options: { data: boolean }): Promise<{ summary: Summary; files: string[] }> {
  const data: OutputFile[] = options.data
    ? [
        { name: "replications.csv", content: merge.replicationsCsv() },
        { name: "incidents.csv", content: merge.incidentsCsv() },
      ]
    : [];
  let summary: Summary | undefined;
  try {
    const files = await writeFilesAtomically(dir, [
      ...data,
      { name: "scenario.json", content: merge.set.scenarioText },
      ...summaryFiles(async () => {
        if (!options.data) await merge.skipData();
        return (summary = await merge.summary());
      }),
    ]);
    return { summary: summary!, files };
  } finally {
    merge.dispose();
  }
}

/** Writes one shard's partial result (manifest, scenario, CSVs) into `dir`. */
export async function writeShardOutputs(dir: string, run: RunResult, shard: ShardSpec): Promise<string[]> {
  return writeFilesAtomically(dir, [
    ...dataFiles(run),
    { name: SHARD_MANIFEST, content: `${JSON.stringify(shardManifest(run, shard), null, 2)}\n` },
  ]);
}
