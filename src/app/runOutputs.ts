// A run's directory: the rows (replications.csv and incidents.csv, or whichever formats are asked
// for), scenario.json (the resolved scenario, for reproducibility), summary.md and summary.json —
// or, for a shard, the lossless partial result and shard.json that `drsim merge` reads back. Each
// set is written atomically (store/runDir.ts); the files of each kind are store/runDir.ts's runDirFiles.
import type { ShardMerge } from "../store/merge.js";
import type { ShardSpec } from "../montecarlo/shard.js";
import { shardManifest, SHARD_MANIFEST } from "../store/shardManifest.js";
import { scenarioToJson } from "../scenario/json.js";
import { summarize, type Summary } from "../montecarlo/summary.js";
import type { RunResult } from "../montecarlo/types.js";
import type { OutputFile } from "../store/atomicWrite.js";
import { DEFAULT_FORMATS } from "../store/formats.js";
import type { RowFormat } from "../store/rows.js";
import { SCENARIO_FILE, SUMMARY_FILES, writeRunDir, type RunDirWriter } from "../store/runDir.js";
import { summaryMarkdown } from "../report/markdown.js";
import { summaryToJson } from "../report/summaryJson.js";

/** summary.md and summary.json. */
function summaryFiles(summary: Summary): OutputFile[] {
  const [markdown, json] = SUMMARY_FILES;
  return [
    { name: markdown, content: summaryMarkdown(summary) },
    { name: json, content: summaryToJson(summary) },
  ];
}

async function addAll(writer: RunDirWriter, files: readonly OutputFile[]): Promise<void> {
  for (const file of files) await writer.add(file);
}

const strategyIds = (run: RunResult): string[] => run.scenario.strategies.map((s) => s.id);

/** Writes a complete run's outputs into `dir`; returns the summary it wrote and the file paths. */
export async function writeRunOutputs(
  dir: string,
  run: RunResult,
  summary: Summary = summarize(run),
  formats: readonly RowFormat[] = DEFAULT_FORMATS,
): Promise<{ summary: Summary; files: string[] }> {
  const { files } = await writeRunDir(dir, strategyIds(run), formats, async (writer) => {
    await writer.write(run);
    await addAll(writer, [{ name: SCENARIO_FILE, content: scenarioToJson(run.scenario) }, ...summaryFiles(summary)]);
  });
  return { summary, files };
}

/** Writes one shard's partial result (rows, scenario, then its manifest) into `dir`. */
export async function writeShardOutputs(dir: string, run: RunResult, shard: ShardSpec, formats: readonly RowFormat[] = DEFAULT_FORMATS): Promise<string[]> {
  const { files } = await writeRunDir(dir, strategyIds(run), formats, async (writer) => {
    await writer.write(run);
    await addAll(writer, [
      { name: SCENARIO_FILE, content: scenarioToJson(run.scenario) },
      { name: SHARD_MANIFEST, content: `${JSON.stringify(shardManifest(run, shard), null, 2)}\n` },
    ]);
  });
  return files;
}

/**
 * Writes the merge of a shard set into `dir`: the files the unsharded run writes, streamed through
 * (bounded memory), or with `data: false` only scenario.json, summary.md and summary.json.
 */
export async function writeMergedOutputs(
  dir: string,
  merge: ShardMerge,
  options: { data: boolean; formats?: readonly RowFormat[] },
): Promise<{ summary: Summary; files: string[] }> {
  try {
    const formats = options.data ? (options.formats ?? DEFAULT_FORMATS) : [];
    const { value: summary, files } = await writeRunDir(dir, merge.strategies, formats, async (writer) => {
      await merge.readRows(writer);
      await writer.add({ name: SCENARIO_FILE, content: merge.set.scenarioText });
      const summary = await merge.summary();
      await addAll(writer, summaryFiles(summary));
      return summary;
    });
    return { summary, files };
  } finally {
    merge.dispose();
  }
}
