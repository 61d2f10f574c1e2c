// `drsim merge`: checks that shard directories are shards of one run that together cover it exactly
// once, then reads their rows — as numbers, through each shard's row source — into the summary and
// into the merged run's sinks, never holding them. Memory is bounded by the number of statistics,
// not of replications: a 10⁸-replication study merges on one ordinary machine. Numbers were stored
// losslessly, so the merged outputs equal the unsharded run's byte for byte.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import { REPLICATION_METRICS, type ReplicationMetric } from "../results/metrics.js";
import type { Scenario } from "../scenario/types.js";
import { scenarioFromJson } from "../scenario/json.js";
import type { Summary } from "../montecarlo/summary.js";
import { SUMMARY_COLUMNS, SummaryAccumulator } from "../montecarlo/summaryAccumulator.js";
import { INCIDENT_FIELDS, type IncidentField, type RowBatch } from "./rows.js";
import { SHARD_FORMAT, SHARD_MANIFEST, type ShardManifest } from "./shardManifest.js";
import { RowSpill } from "./rowSpill.js";
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

/** The rows a merge keeps in scratch files for the passes after the first. */
export type SpillKind = "replications" | "incidents";

/** The incident columns the summary reads. */
const SUMMARY_INCIDENT_FIELDS = ["cause", "rto", "rpo", "failedOver", "aborted"] as const satisfies readonly IncidentField[];

/** An incident as the merge keeps it: strategy, cause, rto, rpo, failedOver (0/1), aborted (0/1). */
const INCIDENT_SPILL_WIDTH = 6;

function feedIncident(acc: SummaryAccumulator, v: ArrayLike<number>, at: number): void {
  acc.addIncident(v[at]!, v[at + 1]!, v[at + 2]!, v[at + 3]!, v[at + 4] === 1, v[at + 5] === 1);
}

/** Where the merged rows go: the merged run directory's sinks (or nowhere, for a summary-only merge). */
export interface BatchWriter {
  write(batch: RowBatch): Promise<void>;
  /** The formats it writes (a shard in one of them hands over its rows' text too). */
  readonly formats: readonly string[];
}

/**
 * Merges a shard set. `readRows(writer)` is the first pass: every shard's rows, in replication
 * order, into the summary's statistics and `writer`; `summary()` then finishes the statistics. The
 * first pass keeps the numbers in scratch files in `scratchDir` (≈ 450 bytes per replication of
 * four strategies), which the further passes exact quantiles need (usually one or two) replay.
 * `onProgress` hears, about every batch, which pass is under way ("shards" for the first, then
 * "replications" or "incidents") and how many of its rows are done.
 */
export class ShardMerge {
  private readonly acc: SummaryAccumulator;
  private readonly spills: Record<SpillKind, RowSpill>;
  private read = false;
  private pass = 1;
  private readonly onProgress: (pass: number, what: string, rows: number, total: number) => void;

  constructor(
    readonly set: ShardSet,
    scratchDir: string,
    options: { collectLimit?: number; onProgress?: (pass: number, what: string, rows: number, total: number) => void } = {},
  ) {
    this.acc = new SummaryAccumulator(set.scenario, options.collectLimit);
    this.onProgress = options.onProgress ?? (() => undefined);
    this.spills = {
      replications: new RowSpill(scratchDir, "merge-replications.f64", REPLICATION_METRICS.length),
      incidents: new RowSpill(scratchDir, "merge-incidents.f64", INCIDENT_SPILL_WIDTH),
    };
  }

  /** The strategy ids of the merged run, in order. */
  get strategies(): readonly string[] {
    return this.set.shards[0]!.manifest.strategies;
  }

  /** The first pass: checks every shard's rows against its manifest and passes them on. */
  async readRows(writer: BatchWriter): Promise<void> {
    if (this.read) throw new Error("merge: the shards' rows were already read");
    this.read = true;
    const { acc, spills } = this;
    const strategyCount = this.strategies.length;
    const total = this.set.shards.reduce((n, { manifest }) => n + manifest.rows.replications, 0);
    const row = new Float64Array(REPLICATION_METRICS.length);
    const incident = new Float64Array(INCIDENT_SPILL_WIDTH);
    let done = 0;
    for (const shard of this.set.shards) {
      const { manifest } = shard;
      const expected = (manifest.range.end - manifest.range.start) * strategyCount;
      if (manifest.rows.replications !== expected) {
        throw new UserError(`${join(shard.dir, SHARD_MANIFEST)}: ${manifest.rows.replications} replication rows for ${expected} (edited?)`);
      }
      let incidents = 0;
      const { format, source } = rowsOf(shard);
      // Sinks of the shard's own format take its text when the format copies text; the other sinks
      // need every number. With none of those, only the columns the summary reads are parsed (the
      // others stay NaN: the batch's type then claims columns it lacks, but no sink reads them).
      const keepText = format.copiesText === true && writer.formats.includes(format.name);
      const everything = writer.formats.some((f) => !(keepText && f === format.name));
      const metrics: readonly ReplicationMetric[] = everything ? REPLICATION_METRICS : SUMMARY_COLUMNS;
      const incidentFields: readonly IncidentField[] = everything ? INCIDENT_FIELDS : SUMMARY_INCIDENT_FIELDS;
      const at = metrics.map((m) => REPLICATION_METRICS.indexOf(m));
      row.fill(NaN);
      for await (const batch of source.read({ metrics, incidents: incidentFields, keepText })) {
        const columns = batch.strategies.map((s) => metrics.map((m) => s.metrics[m]));
        const n = batch.range.end - batch.range.start;
        for (let r = 0; r < n; r++) {
          for (let s = 0; s < strategyCount; s++) {
            const own = columns[s]!;
            for (let k = 0; k < own.length; k++) row[at[k]!] = own[k]![r]!;
            acc.addReplication(s, row);
            spills.replications.append(row);
          }
        }
        // Incidents in replication order (across strategies the order is immaterial: each has its own statistics).
        batch.strategies.forEach(({ incidents: inc }, s) => {
          for (let k = 0; k < inc.count; k++) {
            incident[0] = s;
            incident[1] = inc.cause[k]!;
            incident[2] = inc.rto[k]!;
            incident[3] = inc.rpo[k]!;
            incident[4] = inc.failedOver[k]!;
            incident[5] = inc.aborted[k]!;
            feedIncident(acc, incident, 0);
            spills.incidents.append(incident);
          }
          incidents += inc.count;
        });
        await writer.write(batch);
        this.onProgress(1, "shards", (done += n * strategyCount), total);
      }
      if (incidents !== manifest.rows.incidents) {
        throw new UserError(`${shard.dir}: ${incidents} incident rows, expected ${manifest.rows.incidents} (truncated?)`);
      }
    }
  }

  /** A further pass: the first pass's rows, replayed from its scratch file. */
  private async replay(kind: SpillKind): Promise<void> {
    const spill = this.spills[kind];
    const strategies = this.strategies.length;
    const total = kind === "replications" ? this.set.shards.reduce((n, s) => n + s.manifest.rows.replications, 0) : this.set.shards.reduce((n, s) => n + s.manifest.rows.incidents, 0);
    const row = new Float64Array(spill.width);
    let rows = 0;
    for (const chunk of spill.chunks()) {
      for (let at = 0; at < chunk.length; at += spill.width, rows++) {
        if (kind === "incidents") feedIncident(this.acc, chunk, at);
        else {
          for (let k = 0; k < row.length; k++) row[k] = chunk[at + k]!;
          this.acc.addReplication(rows % strategies, row);
        }
      }
      this.onProgress(this.pass, kind, rows, total);
      // A replay of 10⁸ replications runs for minutes: let Ctrl-C (a signal, handled on the event
      // loop) in between chunks, as the first pass's file reads do.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async summary(): Promise<Summary> {
    if (!this.read) throw new Error("merge: summary() before the shards' rows were read");
    try {
      for (;;) {
        this.acc.endPass();
        this.pass++;
        const replications = this.acc.needsReplicationPass;
        const incidents = this.acc.needsIncidentPass;
        if (!replications && !incidents) return this.acc.result(this.set);
        if (replications) await this.replay("replications");
        if (incidents) await this.replay("incidents");
      }
    } finally {
      this.dispose();
    }
  }

  /** Deletes the scratch files (summary() does; call it when a merge is abandoned). */
  dispose(): void {
    for (const spill of Object.values(this.spills)) spill.discard();
  }
}
