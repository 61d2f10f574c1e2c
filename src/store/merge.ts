// `drsim merge`: checks that shard directories are shards of one run that together cover it exactly
// once, then streams their CSV files — never holding them — into the merged files and the summary.
// Memory is bounded by the number of statistics, not of replications: a 10⁸-replication study merges
// on one ordinary machine. Numbers were written in shortest round-trip form, so every double is read
// back exactly, and the merged outputs equal the unsharded run's byte for byte.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import { INCIDENT_CAUSES, REPLICATION_METRICS } from "../results/results.js";
import type { Scenario } from "../scenario/types.js";
import { INCIDENT_COLUMNS, parseCsvLine, parseCsvNumber, REPLICATION_COLUMNS } from "./csv.js";
import { scenarioFromJson } from "../scenario/json.js";
import { SHARD_FORMAT, SHARD_MANIFEST, type ShardManifest } from "./shardManifest.js";
import type { Summary } from "../montecarlo/summary.js";
import { RowSpill } from "./rowSpill.js";
import { SummaryAccumulator } from "../montecarlo/summaryAccumulator.js";

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

export type ShardCsv = "replications.csv" | "incidents.csv";

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
    const text = readFileSync(requireFile(shard.dir, "scenario.json"), "utf8");
    const hash = createHash("sha256").update(text).digest("hex");
    if (hash !== shard.manifest.scenarioHash) throw new UserError(`${join(shard.dir, "scenario.json")}: does not match its shard.json (edited?)`);
    scenarioText = text;
    for (const name of ["replications.csv", "incidents.csv"]) requireFile(shard.dir, name);
  }
  const first = ordered[0]!.manifest;
  return { shards: ordered, scenario: scenarioFromJson(scenarioText), scenarioText, scenarioHash: first.scenarioHash, drsim: first.drsim };
}

/** The lines of a file, a ~1 MiB read at a time (the empty string after a final newline is not a line). */
async function* fileLineChunks(path: string): AsyncGenerator<string[]> {
  let carry = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const lines = (carry + chunk).split("\n");
    carry = lines.pop()!;
    yield lines;
  }
  if (carry.length > 0) yield [carry];
}

function expectHeader(where: string, line: string | undefined, columns: readonly string[]): void {
  if (line !== columns.join(",")) throw new UserError(`${where}:1: unexpected header (not written by this drsim version?)`);
}

const CAUSE_INDEX = new Map<string, number>(INCIDENT_CAUSES.map((c, i) => [c, i]));
const RTO = INCIDENT_COLUMNS.indexOf("rto");
const RPO = INCIDENT_COLUMNS.indexOf("rpo");
const FAILED_OVER = INCIDENT_COLUMNS.indexOf("failedOver");
const ABORTED = INCIDENT_COLUMNS.indexOf("aborted");

/** Data rows of one kind of CSV over every shard, from their manifests. */
function rowCount(set: ShardSet, kind: ShardCsv): number {
  return set.shards.reduce((n, { manifest }) => n + (kind === "replications.csv" ? manifest.rows.replications : manifest.rows.incidents), 0);
}

/** An incident as the merge keeps it: strategy, cause, rto, rpo, failedOver (0/1), aborted (0/1). */
const INCIDENT_SPILL_WIDTH = 6;

function feedIncident(acc: SummaryAccumulator, v: ArrayLike<number>, at: number): void {
  acc.addIncident(v[at]!, v[at + 1]!, v[at + 2]!, v[at + 3]!, v[at + 4] === 1, v[at + 5] === 1);
}

/**
 * The first pass over one kind of CSV, every shard in order: checks each row (a row out of place,
 * malformed or missing is an error naming the file and line), feeds it to the summary and keeps
 * its numbers in `spill` for the later passes. With
 * `copy`, yields the merged file's text as it goes — the header once, then the rows verbatim, about
 * 1 MiB at a time — so the merged file is written while it is read.
 */
async function* passRows(
  set: ShardSet,
  kind: ShardCsv,
  acc: SummaryAccumulator,
  spill: RowSpill,
  copy: boolean,
  onRows: (done: number, total: number) => void,
): AsyncGenerator<string> {
  const ids = set.shards[0]!.manifest.strategies;
  const strategyIndex = new Map(ids.map((id, i) => [id, i]));
  const replications = kind === "replications.csv";
  const columns = replications ? REPLICATION_COLUMNS : INCIDENT_COLUMNS;
  const row = new Float64Array(REPLICATION_METRICS.length);
  const incident = new Float64Array(INCIDENT_SPILL_WIDTH);
  const total = rowCount(set, kind);
  let done = 0;
  if (copy) yield `${columns.join(",")}\n`;
  for (const { dir, manifest } of set.shards) {
    const where = join(dir, kind);
    const { start, end } = manifest.range;
    let lineNo = 0;
    let rows = 0;
    let lastReplication = start;
    const num = (field: string): number => {
      try {
        return parseCsvNumber(field);
      } catch (error) {
        throw new UserError(`${where}:${lineNo}: ${(error as Error).message}`);
      }
    };
    for await (const lines of fileLineChunks(where)) {
      for (const line of lines) {
        if (++lineNo === 1) {
          expectHeader(where, line, columns);
          continue;
        }
        const f = parseCsvLine(line);
        const replication = Number(f[0]);
        if (replications) {
          const expected = start + Math.floor(rows / ids.length);
          const s = rows % ids.length;
          if (f.length !== columns.length || replication !== expected || f[1] !== ids[s]) {
            throw new UserError(`${where}:${lineNo}: expected replication ${expected}, strategy ${ids[s]}`);
          }
          for (let m = 0; m < row.length; m++) row[m] = num(f[m + 2]!);
          acc.addReplication(s, row);
          spill.append(row);
        } else {
          const s = strategyIndex.get(f[1]!);
          const cause = CAUSE_INDEX.get(f[4]!);
          if (f.length !== columns.length || s === undefined || cause === undefined || !(replication >= lastReplication && replication < end)) {
            throw new UserError(`${where}:${lineNo}: malformed incident row`);
          }
          lastReplication = replication;
          incident[0] = s;
          incident[1] = cause;
          incident[2] = num(f[RTO]!);
          incident[3] = num(f[RPO]!);
          incident[4] = f[FAILED_OVER] === "true" ? 1 : 0;
          incident[5] = f[ABORTED] === "true" ? 1 : 0;
          feedIncident(acc, incident, 0);
          spill.append(incident);
        }
        rows++;
      }
      onRows((done += lines.length - (lineNo === lines.length ? 1 : 0)), total);
      if (copy) {
        const body = lineNo === lines.length ? lines.slice(1) : lines;
        if (body.length > 0) yield `${body.join("\n")}\n`;
      }
    }
    if (lineNo === 0) expectHeader(where, undefined, columns);
    const expectedRows = replications ? manifest.rows.replications : manifest.rows.incidents;
    if (rows !== expectedRows) throw new UserError(`${where}: ${rows} rows, expected ${expectedRows} (truncated?)`);
  }
}

/**
 * Merges a shard set. `replicationsCsv()` and `incidentsCsv()` stream the merged files (read them
 * first, in that order, or call `skipData()`); `summary()` then finishes the statistics. The first
 * pass keeps the numbers it parsed in scratch files in `scratchDir` (≈ 450 bytes per replication of
 * four strategies), which the further passes exact quantiles need (usually one or two) replay.
 */
export class ShardMerge {
  private readonly acc: SummaryAccumulator;
  private readonly done = new Set<ShardCsv>();
  private readonly spills: Record<ShardCsv, RowSpill>;
  private pass = 1;
  private readonly onProgress: (pass: number, kind: ShardCsv, rows: number, total: number) => void;

  /**
   * `collectLimit`: see SummaryAccumulator. `onProgress` hears, about every MiB read, which pass
   * over which file is under way and how many of its rows are done.
   */
  constructor(
    readonly set: ShardSet,
    scratchDir: string,
    options: { collectLimit?: number; onProgress?: (pass: number, kind: ShardCsv, rows: number, total: number) => void } = {},
  ) {
    this.acc = new SummaryAccumulator(set.scenario, options.collectLimit);
    this.onProgress = options.onProgress ?? (() => undefined);
    this.spills = {
      "replications.csv": new RowSpill(scratchDir, "merge-replications.f64", REPLICATION_METRICS.length),
      "incidents.csv": new RowSpill(scratchDir, "merge-incidents.f64", INCIDENT_SPILL_WIDTH),
    };
  }

  replicationsCsv(): AsyncGenerator<string> {
    return this.firstPass("replications.csv", true);
  }

  incidentsCsv(): AsyncGenerator<string> {
    return this.firstPass("incidents.csv", true);
  }

  /** The first pass without writing merged CSVs (a summary-only merge). */
  async skipData(): Promise<void> {
    for (const kind of ["replications.csv", "incidents.csv"] as const) await drain(this.firstPass(kind, false));
  }

  private async *firstPass(kind: ShardCsv, copy: boolean): AsyncGenerator<string> {
    if (this.done.has(kind)) throw new Error(`merge: ${kind} was already read`);
    yield* passRows(this.set, kind, this.acc, this.spills[kind], copy, (done, total) => this.onProgress(1, kind, done, total));
    this.done.add(kind);
  }

  /** A further pass: the first pass's rows, replayed from its scratch file. */
  private async replay(kind: ShardCsv): Promise<void> {
    const spill = this.spills[kind];
    const strategies = this.set.scenario.strategies.length;
    const total = rowCount(this.set, kind);
    const row = new Float64Array(spill.width);
    let rows = 0;
    for (const chunk of spill.chunks()) {
      for (let at = 0; at < chunk.length; at += spill.width, rows++) {
        if (kind === "incidents.csv") feedIncident(this.acc, chunk, at);
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
    if (this.done.size !== 2) throw new Error("merge: summary() before both CSVs were read");
    try {
      for (;;) {
        this.acc.endPass();
        this.pass++;
        const replications = this.acc.needsReplicationPass;
        const incidents = this.acc.needsIncidentPass;
        if (!replications && !incidents) return this.acc.result(this.set);
        if (replications) await this.replay("replications.csv");
        if (incidents) await this.replay("incidents.csv");
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

async function drain(chunks: AsyncIterable<string>): Promise<void> {
  for await (const _ of chunks);
}
