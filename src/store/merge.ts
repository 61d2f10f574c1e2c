// `drsim merge`: checks that shard directories are shards of one run that together cover it exactly
// once, then reads their rows — as numbers, through each shard's row source — into the summary and
// into the merged run's sinks, never holding them. Memory is bounded by the number of statistics,
// not of replications: a 10⁸-replication study merges on one ordinary machine. Numbers were stored
// losslessly, so the merged outputs equal the unsharded run's byte for byte.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import { REPLICATION_METRICS, type ReplicationMetric } from "../outcomes/metrics.js";
import type { Scenario } from "../scenario/types.js";
import { scenarioFromJson } from "../scenario/json.js";
import type { Summary } from "../montecarlo/summary.js";
import { SUMMARY_COLUMNS } from "../montecarlo/summaryAccumulator.js";
import { INCIDENT_FIELDS, type IncidentField, type RowBatch } from "./rows.js";
import { SHARD_FORMAT, SHARD_MANIFEST, type ShardManifest } from "./shardManifest.js";
import { RunFeed, SUMMARY_INCIDENT_FIELDS, type BatchWriter } from "./runFeed.js";
import { openRows, SCENARIO_FILE } from "./runDir.js";

interface ShardDir {
  readonly dir: string;
  readonly manifest: ShardManifest;
}

/** Shards checked to form one complete run, in replication order. */
export interface ShardSet {
  readonly shards: readonly ShardDir[];
  readonly scenario: Scenario;
  /** scenario.json's text (identical in every shard). */
  readonly scenarioText: string;
  readonly scenarioHash: string;
  readonly drsim: string;
}

function requireFile(dir: string, name: string): string {
  const file = join(dir, name);
  if (!existsSync(file)) throw new UserError(`${file}: missing (is ${dir} a complete shard directory?)`);
  return file;
}

function readManifest(dir: string): ShardDir {
  const file = join(dir, SHARD_MANIFEST);
  if (!existsSync(file)) throw new UserError(`${dir}: not a shard directory (no ${SHARD_MANIFEST}; write one with drsim run --shard i/n)`);
  let manifest: ShardManifest;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8")) as ShardManifest;
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (manifest.format !== SHARD_FORMAT) throw new UserError(`${file}: unknown shard format ${JSON.stringify(manifest.format)}`);
  return { dir, manifest };
}

// The named settings first, so the message says what differs; the hash catches everything else.
const SAME_RUN_FIELDS = ["drsim", "scenario", "seed", "runs", "horizonSeconds", "strategies", "scenarioHash"] as const;

function checkSameRun(shards: readonly ShardDir[]): void {
  const first = shards[0]!;
  for (const other of shards.slice(1)) {
    for (const field of SAME_RUN_FIELDS) {
      const a = JSON.stringify(first.manifest[field]);
      const b = JSON.stringify(other.manifest[field]);
      if (a !== b) {
        throw new UserError(`${other.dir} is not a shard of the same run as ${first.dir}: ${field} ${b} ≠ ${a}`);
      }
    }
  }
}

function checkCoverage(shards: readonly ShardDir[]): ShardDir[] {
  const sorted = [...shards].sort((a, b) => a.manifest.range.start - b.manifest.range.start || a.manifest.range.end - b.manifest.range.end);
  const runs = sorted[0]!.manifest.runs;
  let covered = 0;
  let previous: ShardDir | undefined;
  for (const shard of sorted) {
    const { start, end } = shard.manifest.range;
    const label = `${shard.dir} (shard ${shard.manifest.shard.index}/${shard.manifest.shard.count}, replications [${start}, ${end}))`;
    if (start < covered) throw new UserError(`${label} overlaps ${previous?.dir ?? "another shard"}`);
    if (start > covered) throw new UserError(`replications [${covered}, ${start}) are missing: no shard covers them`);
    covered = end;
    previous = shard;
  }
  if (covered !== runs) throw new UserError(`replications [${covered}, ${runs}) are missing: no shard covers them`);
  return sorted;
}

/** Reads the shards' manifests and scenarios and checks they form one complete run (no CSV is read yet). */
export function openShardSet(dirs: readonly string[]): ShardSet {
  if (dirs.length === 0) throw new UserError("merge: no shard directories given");
  const shards = dirs.map(readManifest);
  checkSameRun(shards);
  const ordered = checkCoverage(shards);
  let scenarioText = "";
  for (const shard of ordered) {
    const text = readFileSync(requireFile(shard.dir, SCENARIO_FILE), "utf8");
    const hash = createHash("sha256").update(text).digest("hex");
    if (hash !== shard.manifest.scenarioHash) throw new UserError(`${join(shard.dir, SCENARIO_FILE)}: does not match its shard.json (edited?)`);
    scenarioText = text;
    rowsOf(shard);
  }
  const first = ordered[0]!.manifest;
  return { shards: ordered, scenario: scenarioFromJson(scenarioText), scenarioText, scenarioHash: first.scenarioHash, drsim: first.drsim };
}

/** A shard's rows, in whichever format it holds them. */
function rowsOf({ dir, manifest }: ShardDir): ReturnType<typeof openRows> {
  return openRows(dir, { strategies: manifest.strategies, range: manifest.range }, "a complete shard directory");
}

/** A consumer of a merge's batches besides the summary and the writer (a chart's first pass). */
export interface BatchObserver {
  /** The incident fields it reads. */
  readonly fields: readonly IncidentField[];
  add(batch: RowBatch): void;
}

/**
 * Merges a shard set. `readRows(writer)` is the first pass: every shard's rows, in replication
 * order, into the summary's statistics and `writer` (the RunFeed a run uses too); `summary()` then
 * finishes the statistics, replaying the first pass's numbers (kept in a scratch file in
 * `scratchDir` past a memory budget) for the passes exact quantiles need (usually one or two).
 * `onProgress` hears, about every batch, which pass is under way ("shards" for the first, then
 * "replications" or "incidents") and how many of its rows are done.
 */
export class ShardMerge {
  private feed: RunFeed | undefined;

  constructor(
    readonly set: ShardSet,
    private readonly scratchDir: string,
    private readonly options: {
      collectLimit?: number;
      onProgress?: (pass: number, what: string, rows: number, total: number) => void;
      /** Hears every batch of the first pass after the summary (it is only lent), with at least these incident fields read. */
      observe?: BatchObserver;
    } = {},
  ) {}

  /** The strategy ids of the merged run, in order. */
  get strategies(): readonly string[] {
    return this.set.shards[0]!.manifest.strategies;
  }

  /** The first pass: checks every shard's rows against its manifest and passes them on. */
  async readRows(writer: BatchWriter): Promise<void> {
    if (this.feed !== undefined) throw new Error("merge: the shards' rows were already read");
    const feed = (this.feed = new RunFeed(this.set.scenario, this.scratchDir, writer, {
      collectLimit: this.options.collectLimit,
      replications: this.set.scenario.run.runs,
      onProgress: this.options.onProgress,
    }));
    const { observe } = this.options;
    // The incident fields read when the sinks need no more than the summary: its own and the observer's.
    const fewest = INCIDENT_FIELDS.filter((f) => (SUMMARY_INCIDENT_FIELDS as readonly IncidentField[]).includes(f) || (observe?.fields ?? []).includes(f));
    const strategyCount = this.strategies.length;
    const total = this.set.shards.reduce((n, { manifest }) => n + manifest.rows.replications, 0);
    for (const shard of this.set.shards) {
      const { manifest } = shard;
      const expected = (manifest.range.end - manifest.range.start) * strategyCount;
      if (manifest.rows.replications !== expected) {
        throw new UserError(`${join(shard.dir, SHARD_MANIFEST)}: ${manifest.rows.replications} replication rows for ${expected} (edited?)`);
      }
      const incidentsBefore = feed.incidentRows;
      const { format, source } = rowsOf(shard);
      // Sinks of the shard's own format take its text when the format copies text; the other sinks
      // need every number. With none of those, only the columns the summary (and the observer) read
      // are read (the others stay NaN: the batch's type then claims columns it lacks, but no sink
      // reads them).
      const keepText = format.copiesText === true && writer.formats.includes(format.name);
      const everything = writer.formats.some((f) => !(keepText && f === format.name));
      const metrics: readonly ReplicationMetric[] = everything ? REPLICATION_METRICS : SUMMARY_COLUMNS;
      const incidentFields: readonly IncidentField[] = everything ? INCIDENT_FIELDS : fewest;
      for await (const batch of source.read({ metrics, incidents: incidentFields, keepText })) {
        await feed.add(batch as RowBatch);
        observe?.add(batch as RowBatch);
        this.options.onProgress?.(1, "shards", feed.replicationRows, total);
      }
      const incidents = feed.incidentRows - incidentsBefore;
      if (incidents !== manifest.rows.incidents) {
        throw new UserError(`${shard.dir}: ${incidents} incident rows, expected ${manifest.rows.incidents} (truncated?)`);
      }
    }
  }

  async summary(): Promise<Summary> {
    if (this.feed === undefined) throw new Error("merge: summary() before the shards' rows were read");
    return this.feed.summary(this.set);
  }

  /** Deletes the scratch files (summary() does; call it when a merge is abandoned). */
  dispose(): void {
    this.feed?.dispose();
  }
}
