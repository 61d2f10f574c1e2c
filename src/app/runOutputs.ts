// A run's directory: the rows (replications.parquet and incidents.parquet, or whichever formats are
// asked for), scenario.json (the resolved scenario, for reproducibility), summary.md and
// summary.json — or, for a shard, the lossless partial result and shard.json that `drsim merge`
// reads back. A study streams into it (simulateInto); a run held in memory is written whole
// (writeRunOutputs). Each set is written atomically (store/runDir.ts); the files of each kind are
// store/runDir.ts's runDirFiles.
import type { ShardMerge } from "../store/merge.js";
import type { ShardSpec } from "../montecarlo/shard.js";
import { shardManifest, SHARD_MANIFEST, type ShardManifest } from "../store/shardManifest.js";
import { scenarioToJson } from "../scenario/json.js";
import type { Scenario } from "../scenario/types.js";
import { summarize, type Summary } from "../montecarlo/summary.js";
import type { ColumnarResult, RunInfo, RunResult } from "../montecarlo/types.js";
import { RunFeed, type FeedOptions } from "../store/runFeed.js";
import type { OutputFile } from "../store/atomicWrite.js";
import { DEFAULT_FORMATS, rowFormat } from "../store/formats.js";
import type { RowBatch, RowFormat } from "../store/rows.js";
import { SCENARIO_FILE, SUMMARY_FILES, writeRunDir, type RunDirWriter } from "../store/runDir.js";
import { summaryMarkdown } from "../report/markdown.js";
import { summaryToJson } from "../report/summaryJson.js";

/** The row formats a run, shard or merge writes: Parquet, or CSV when asked (`--csv`). */
export function formatsFor(options: { readonly csv?: boolean }): readonly RowFormat[] {
  return [rowFormat(options.csv === true ? "csv" : "parquet")];
}

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

/** A shard's manifest file. */
function manifestFile(run: RunInfo, shard: ShardSpec, rows: ShardManifest["rows"]): OutputFile {
  return { name: SHARD_MANIFEST, content: `${JSON.stringify(shardManifest(run, shard, rows), null, 2)}\n` };
}

/** Writes one shard's partial result held in memory (rows, scenario, then its manifest) into `dir`. */
export async function writeShardOutputs(dir: string, run: RunResult, shard: ShardSpec, formats: readonly RowFormat[] = DEFAULT_FORMATS): Promise<string[]> {
  const { files } = await writeRunDir(dir, strategyIds(run), formats, async (writer) => {
    await writer.write(run);
    const rows = { replications: (run.range.end - run.range.start) * run.strategies.length, incidents: run.strategies.reduce((n, s) => n + s.incidents.count, 0) };
    await addAll(writer, [{ name: SCENARIO_FILE, content: scenarioToJson(run.scenario) }, manifestFile(run, shard, rows)]);
  });
  return files;
}

/**
 * Simulates a run, handing each batch to `onBatch` (in replication order) as it comes:
 * streamMonteCarlo bound to its options. Each batch is only lent (StreamOptions.lent): `onBatch`
 * keeps none of its arrays once its promise settles.
 */
export type Simulation = (onBatch: (batch: ColumnarResult) => Promise<void>) => Promise<RunInfo>;

export interface StreamedOutputs {
  /** Shard i of n: its rows, scenario.json and shard.json (no summary); otherwise a whole run's files. */
  readonly shard?: ShardSpec;
  readonly formats?: readonly RowFormat[];
  /** The summary's passes after the simulation (see RunFeed). */
  readonly onProgress?: FeedOptions["onProgress"];
  /** Also hears each batch of a whole run (not a shard's), before it is written; the batch is only lent. */
  readonly observe?: (batch: RowBatch) => void;
}

/**
 * Simulates `scenario` into `dir` as the batches come — a run is a merge of one shard: each batch
 * goes into the summary's first pass and the sinks while later ones simulate, and nothing holds
 * the run (RunFeed) — then writes scenario.json and the summary (a shard: its manifest instead).
 * All or nothing, as every run directory. Returns the summary (none for a shard) and the files.
 */
export async function simulateInto(
  dir: string,
  scenario: Scenario,
  simulate: Simulation,
  options: StreamedOutputs = {},
): Promise<{ summary: Summary | undefined; run: RunInfo; files: string[] }> {
  const { shard } = options;
  const { value, files } = await writeRunDir(dir, scenario.strategies.map((s) => s.id), options.formats ?? DEFAULT_FORMATS, async (writer) => {
    const scenarioFile = { name: SCENARIO_FILE, content: scenarioToJson(scenario) };
    if (shard !== undefined) {
      // A shard writes its rows and counts them; its summary is the merge's.
      const rows = { replications: 0, incidents: 0 };
      const run = await simulate(async (batch) => {
        rows.replications += (batch.range.end - batch.range.start) * batch.strategies.length;
        for (const s of batch.strategies) rows.incidents += s.incidents.count;
        await writer.write(batch);
      });
      await addAll(writer, [scenarioFile, manifestFile(run, shard, rows)]);
      return { summary: undefined, run };
    }
    const feed = new RunFeed(scenario, dir, writer, { replications: scenario.run.runs, onProgress: options.onProgress });
    try {
      const { observe } = options;
      const run = await simulate((batch) => {
        observe?.(batch);
        return feed.add(batch);
      });
      await writer.add(scenarioFile);
      const summary = await feed.summary(run);
      await addAll(writer, summaryFiles(summary));
      return { summary, run };
    } finally {
      feed.dispose();
    }
  });
  return { ...value, files };
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
