// A run directory: what a run, a shard and a merge write there, and how. The rows go through the
// sinks of the chosen formats (CSV by default) as batches come; then the other files — the resolved
// scenario, the summary, a shard's manifest — follow. Every file is staged under a temporary name
// and the set is committed at once, in that order (a shard's shard.json last): nothing appears
// until everything is written, and a failure or an interrupt leaves no file behind.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import { checkedRows } from "./checkedRows.js";
import { readTextFile } from "../files.js";
import { StagedFiles, type OutputFile } from "./atomicWrite.js";
import { DRAWN_FILES, replaceEarlierRun, type RunDirLayout } from "./earlierRun.js";
import { DEFAULT_FORMATS, formatOf, rowFileNames } from "./formats.js";
import type { RowBatch, RowFormat, RowLayout, RowSink, RowSource } from "./rows.js";
import { SHARD_MANIFEST } from "./shardManifest.js";

export const SCENARIO_FILE = "scenario.json";
export const SUMMARY_FILES = ["summary.md", "summary.json"] as const;

/**
 * The files of a run directory, in commit order: a run's (rows, scenario, summary), a shard's
 * (rows, scenario, manifest) or a summary-only merge's (scenario, summary). Charts and report.html
 * are drawn afterwards from these files (app/chart.ts).
 */
export function runDirFiles(kind: "run" | "shard" | "summary", formats: readonly RowFormat[] = DEFAULT_FORMATS): string[] {
  const rows = kind === "summary" ? [] : formats.flatMap((f) => f.files);
  return [...rows, SCENARIO_FILE, ...(kind === "shard" ? [SHARD_MANIFEST] : SUMMARY_FILES)];
}

/** Every file a run directory may hold, of any kind and format, besides the charts. */
function runDirLayout(): RunDirLayout {
  const names = [...rowFileNames(), SCENARIO_FILE, ...SUMMARY_FILES, SHARD_MANIFEST, ...DRAWN_FILES];
  return { names, scenario: SCENARIO_FILE, summary: SUMMARY_FILES[1], manifest: SHARD_MANIFEST };
}

/** A run directory being written: rows first, through every format's sink, then whole files. */
export class RunDirWriter {
  private constructor(
    private readonly staged: StagedFiles,
    private readonly sinks: readonly RowSink[],
    /** The names of the formats it writes: a source of one of them may hand over its rows' text (RowBatch.text). */
    readonly formats: readonly string[],
  ) {}

  static async open(dir: string, strategies: readonly string[], formats: readonly RowFormat[]): Promise<RunDirWriter> {
    // A different run held there before is replaced as a whole, and said (earlierRun.ts).
    const staged = new StagedFiles(dir, (names, path) => replaceEarlierRun(dir, names, path, runDirLayout(), rowFileNames()));
    try {
      const sinks: RowSink[] = [];
      for (const format of formats) sinks.push(await format.sink(staged, strategies));
      return new RunDirWriter(staged, sinks, formats.map((f) => f.name));
    } catch (error) {
      await staged.discard();
      throw error;
    }
  }

  /** The next rows, in replication order, to every sink. */
  async write(batch: RowBatch): Promise<void> {
    for (const sink of this.sinks) await sink.write(batch);
  }

  /** A whole file, after the rows. */
  async add(file: OutputFile): Promise<void> {
    await this.staged.add(file);
  }

  async commit(): Promise<string[]> {
    for (const sink of this.sinks) await sink.close();
    return this.staged.commit();
  }

  async discard(): Promise<void> {
    await this.staged.discard();
  }
}

/**
 * Writes a run directory: `fill` writes its rows and files; the set is committed if `fill`
 * succeeds and discarded if it throws. Returns `fill`'s value and the files' final paths.
 */
export async function writeRunDir<T>(
  dir: string,
  strategies: readonly string[],
  formats: readonly RowFormat[],
  fill: (writer: RunDirWriter) => Promise<T>,
): Promise<{ value: T; files: string[] }> {
  const writer = await RunDirWriter.open(dir, strategies, formats);
  try {
    const value = await fill(writer);
    return { value, files: await writer.commit() };
  } catch (error) {
    await writer.discard();
    throw error;
  }
}

/** Largest scenario.json or shard.json read for a layout (a resolved scenario is a few KiB). */
const LAYOUT_FILE_BYTES = 16 * 2 ** 20;

/**
 * What a saved run's or shard's rows hold: a shard's strategies and range from its shard.json, a
 * run's from its scenario.json (strategies in order, replications [0, run.runs)).
 */
export function savedLayout(dir: string): RowLayout {
  const manifest = join(dir, SHARD_MANIFEST);
  const file = existsSync(manifest) ? manifest : join(dir, SCENARIO_FILE);
  const text = readTextFile(file, LAYOUT_FILE_BYTES);
  let json: { strategies?: unknown; range?: unknown; run?: { runs?: unknown } };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const strategies = Array.isArray(json.strategies) ? json.strategies.map((s: unknown) => (typeof s === "string" ? s : (s as { id?: unknown }).id)) : [];
  const range = file === manifest ? (json.range as { start?: unknown; end?: unknown } | undefined) : { start: 0, end: json.run?.runs };
  if (strategies.length === 0 || !strategies.every((s): s is string => typeof s === "string") || !Number.isSafeInteger(range?.start) || !Number.isSafeInteger(range?.end)) {
    throw new UserError(`${file}: no strategies and replications in it (is ${dir} a drsim run directory?)`);
  }
  return { strategies, range: { start: range!.start as number, end: range!.end as number } };
}

/** The rows of a saved run or shard, in the first registered format whose files it has. */
export function openRows(dir: string, layout: RowLayout, what = "a drsim run directory"): { format: RowFormat; source: RowSource } {
  const format = formatOf(dir);
  if (format === undefined) {
    const missing = DEFAULT_FORMATS[0]!.files.find((name) => !existsSync(join(dir, name))) ?? "";
    throw new UserError(`${join(dir, missing)}: missing (is ${dir} ${what}?)`);
  }
  return { format, source: checkedRows(format.source(dir, layout), dir, format, layout) };
}
