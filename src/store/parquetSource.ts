// The Parquet row source: a run's or shard's replications.parquet and incidents.parquet read back
// as numbers — only the chosen columns, each row group's column a typed-array copy — in batches of
// replications. Every row is checked against the layout (replication-major order, the strategies in
// order, incident indices, counts), and a row out of place is an error naming the file and row.
import { join } from "node:path";
import { UserError } from "../errors.js";
import { stepRecord } from "../montecarlo/columns.js";
import { Interner } from "../montecarlo/interner.js";
import type { IncidentColumns } from "../montecarlo/types.js";
import type { ReplicationMetric } from "../outcomes/metrics.js";
import { INCIDENT_CAUSES, PIPELINE_STEPS } from "../outcomes/results.js";
import type { DictionaryValues } from "./parquet/format.js";
import { ParquetReader } from "./parquet/reader.js";
import { INCIDENT_FIELDS, type IncidentField, type ReadOptions, type RowBatch, type RowLayout, type RowSource } from "./rows.js";

/** Replications per batch at most: 64 Ki rows of four strategies, a few MiB of columns. */
const BATCH = 1 << 14;
/**
 * Incident rows per batch at most (a row group's worth, ~15 MiB of columns): a long horizon has
 * dozens of incidents per replication, and 2¹⁴ replications of those would be hundreds of MiB.
 */
const BATCH_INCIDENTS = 1 << 17;

type Values = Float64Array | Int32Array | Uint8Array | Uint32Array;

/**
 * One column of a file read row group by row group: `take(n)` hands out its next n values. A
 * string column's indices are mapped, per row group, onto the reader's own numbering (`remap`).
 */
class ColumnCursor<V extends Values> {
  private group = -1;
  private values: V | undefined;
  private at = 0;

  constructor(
    private readonly file: ParquetReader,
    readonly name: string,
    private readonly remap?: (dictionary: readonly string[]) => Uint32Array,
  ) {}

  /** Values left in the current row group, loading the next one when it is used up (0 at the end). */
  private available(): number {
    while (this.values === undefined || this.at === this.values.length) {
      if (this.group + 1 >= this.file.rowGroups.length) return 0;
      this.group++;
      const got = this.file.read(this.group, this.name);
      if (this.remap !== undefined) {
        const { indices, dictionary } = got as DictionaryValues;
        const map = this.remap(dictionary);
        for (let i = 0; i < indices.length; i++) indices[i] = map[indices[i]!]!;
        this.values = indices as V;
      } else this.values = got as V;
      this.at = 0;
    }
    return this.values.length - this.at;
  }

  /** The next `n` values (fewer at the end of the file). */
  take(n: number): V {
    if (this.available() >= n) return this.values!.subarray(this.at, (this.at += n)) as V;
    const parts: V[] = [];
    let got = 0;
    for (let left = this.available(); got < n && left > 0; left = this.available()) {
      const k = Math.min(left, n - got);
      parts.push(this.values!.subarray(this.at, (this.at += k)) as V);
      got += k;
    }
    const out = new (this.values!.constructor as new (length: number) => V)(got);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  /** The value `k` places after the next one to be taken (undefined past the end), without moving. */
  peek(k: number): number | undefined {
    if (this.available() === 0) return undefined;
    if (this.at + k < this.values!.length) return this.values![this.at + k];
    // Past this row group: into the next ones (read twice, once here).
    let left = k - (this.values!.length - this.at);
    for (let g = this.group + 1; g < this.file.rowGroups.length; g++) {
      const values = this.file.read(g, this.name) as V;
      if (left < values.length) return values[left];
      left -= values.length;
    }
    return undefined;
  }

  /** How many of the next values are below `limit` (the column ascends: the replication numbers). */
  countBelow(limit: number): number {
    if (this.available() === 0) return 0;
    const values = this.values!;
    let k = this.at;
    while (k < values.length && values[k]! < limit) k++;
    // The rest of this row group is below the limit: count on into the next ones (read twice, once here).
    return k - this.at + (k === values.length ? this.countAhead(this.group + 1, limit) : 0);
  }

  private countAhead(from: number, limit: number): number {
    let count = 0;
    for (let g = from; g < this.file.rowGroups.length; g++) {
      const values = this.file.read(g, this.name) as V;
      let k = 0;
      while (k < values.length && values[k]! < limit) k++;
      count += k;
      if (k < values.length) return count;
    }
    return count;
  }
}

function open(path: string, expectedRows: number | undefined, what: string): ParquetReader {
  const file = ParquetReader.open(path);
  if (expectedRows !== undefined && file.rows !== expectedRows) {
    file.close();
    throw new UserError(`${path}: ${file.rows} rows, expected ${expectedRows} (${what})`);
  }
  return file;
}

/** Maps a row group's dictionary of names onto `known` (their index there), failing on a stranger. */
function onto(path: string, what: string, known: readonly string[]): (dictionary: readonly string[]) => Uint32Array {
  const index = new Map(known.map((name, i) => [name, i]));
  return (dictionary) =>
    Uint32Array.from(dictionary, (name) => {
      const k = index.get(name);
      if (k === undefined) throw new UserError(`${path}: unknown ${what} '${name}'`);
      return k;
    });
}

/** replications.parquet: the chosen metric columns, one row per replication × strategy. */
class ReplicationReader<C extends ReplicationMetric> {
  private readonly replication: ColumnCursor<Float64Array>;
  private readonly strategy: ColumnCursor<Uint32Array>;
  private readonly metrics: ColumnCursor<Float64Array>[];
  private row = 0;

  constructor(
    private readonly file: ParquetReader,
    private readonly layout: RowLayout,
    private readonly chosen: readonly C[],
  ) {
    this.replication = new ColumnCursor(file, "replication");
    this.strategy = new ColumnCursor(file, "strategy", onto(file.path, "strategy", layout.strategies));
    this.metrics = chosen.map((m) => new ColumnCursor(file, m));
  }

  read(start: number, end: number): Record<C, Float64Array>[] {
    const count = this.layout.strategies.length;
    const rows = (end - start) * count;
    const replication = this.replication.take(rows);
    const strategy = this.strategy.take(rows);
    for (let i = 0; i < rows; i++) {
      if (replication[i] !== start + Math.floor(i / count) || strategy[i] !== i % count) {
        throw new UserError(`${this.file.path}: row ${this.row + i + 1}: expected replication ${start + Math.floor(i / count)}, strategy ${this.layout.strategies[i % count]}`);
      }
    }
    this.row += rows;
    const out = this.layout.strategies.map(() => ({}) as Record<C, Float64Array>);
    this.chosen.forEach((m, c) => {
      const values = this.metrics[c]!.take(rows);
      for (let s = 0; s < count; s++) {
        const own = new Float64Array(end - start);
        for (let r = 0, i = s; r < own.length; r++, i += count) own[r] = values[i]!;
        out[s]![m] = own;
      }
    });
    return out;
  }
}

/** The incident columns that hold each field (the steps: one per pipeline step). */
const FIELD_COLUMNS: Readonly<Record<IncidentField, readonly string[]>> = {
  ...(Object.fromEntries(INCIDENT_FIELDS.map((f) => [f, [f]])) as Record<IncidentField, string[]>),
  region: ["regions"],
  steps: PIPELINE_STEPS,
};

/** incidents.parquet: the chosen fields, one row per incident × strategy, in replication order. */
class IncidentReader {
  private readonly replication: ColumnCursor<Float64Array>;
  private readonly strategy: ColumnCursor<Uint32Array>;
  private readonly incident: ColumnCursor<Int32Array>;
  private readonly cursors = new Map<string, ColumnCursor<Values>>();
  /** Region lists in the order first met: what `region` indexes. */
  private readonly regionNames = new Interner();
  private row = 0;
  private lastReplication: number;
  private lastStrategy = -1;
  private nextIndex = 0;

  constructor(
    private readonly file: ParquetReader,
    private readonly layout: RowLayout,
    private readonly fields: readonly IncidentField[],
  ) {
    this.lastReplication = layout.range.start;
    this.replication = new ColumnCursor(file, "replication");
    this.strategy = new ColumnCursor(file, "strategy", onto(file.path, "strategy", layout.strategies));
    this.incident = new ColumnCursor(file, "incident");
    for (const field of fields) {
      for (const name of FIELD_COLUMNS[field]) {
        const remap = field === "cause" ? onto(file.path, "cause", INCIDENT_CAUSES) : field === "region" ? (d: readonly string[]) => Uint32Array.from(d, (n) => this.regionNames.intern(n)) : undefined;
        this.cursors.set(name, new ColumnCursor(file, name, remap));
      }
    }
  }

  /**
   * Where a batch from replication `start` ends, at `end` or before, so that it holds at most
   * `rows` incidents (yet always one replication, however many incidents it has).
   */
  batchEnd(start: number, end: number, rows: number): number {
    const after = this.replication.peek(rows);
    // The row `rows` places on belongs to replication `after`: the replications before it have fewer rows.
    return after === undefined || !(after < end) ? end : Math.max(start + 1, Math.floor(after));
  }

  /** The incidents of replications before `end`, per strategy. */
  read(end: number): IncidentColumns[] {
    const rows = this.replication.countBelow(end);
    const replication = this.replication.take(rows);
    const strategy = this.strategy.take(rows);
    const incident = this.incident.take(rows);
    this.check(replication, strategy, incident, end);
    const taken = new Map<string, Values>();
    for (const [name, cursor] of this.cursors) taken.set(name, cursor.take(rows));
    const counts = this.layout.strategies.map(() => 0);
    for (let i = 0; i < rows; i++) counts[strategy[i]!]!++;
    // Each strategy's rows, in order: a column split by the strategy of its rows.
    const split = <A extends Values>(values: Values | undefined, make: (n: number) => A): A[] => {
      const out = counts.map((n) => make(values === undefined ? 0 : n));
      if (values === undefined) return out;
      const at = counts.map(() => 0);
      for (let i = 0; i < rows; i++) {
        const s = strategy[i]!;
        out[s]![at[s]!++] = values[i]!;
      }
      return out;
    };
    const f64 = (name: string): Float64Array[] => split(taken.get(name), (n) => new Float64Array(n));
    const u8 = (name: string): Uint8Array[] => split(taken.get(name), (n) => new Uint8Array(n));
    const replications = split(replication, (n) => new Float64Array(n));
    const steps = PIPELINE_STEPS.map((step) => f64(step));
    const columns: Record<string, Float64Array[]> = Object.fromEntries(["start", "eventDuration", "rto", "rpo", "downtimeSeconds", "failedRequests", "lostWrites", "attempts"].map((n) => [n, f64(n)]));
    const cause = u8("cause");
    const failedOver = u8("failedOver");
    const aborted = u8("aborted");
    const region = split(taken.get("regions"), (n) => new Uint32Array(n));
    const regionNames = this.regionNames.names.slice();
    return counts.map((count, s) => ({
      count,
      replication: replications[s]!,
      start: columns.start![s]!,
      cause: cause[s]!,
      region: region[s]!,
      regionNames,
      eventDuration: columns.eventDuration![s]!,
      steps: stepRecord((step) => steps[PIPELINE_STEPS.indexOf(step)]![s]!),
      rto: columns.rto![s]!,
      rpo: columns.rpo![s]!,
      downtimeSeconds: columns.downtimeSeconds![s]!,
      failedRequests: columns.failedRequests![s]!,
      lostWrites: columns.lostWrites![s]!,
      failedOver: failedOver[s]!,
      aborted: aborted[s]!,
      attempts: columns.attempts![s]!,
    }));
  }

  /** Rows in order: replications ascending within the range, strategies in order, incident indices counting up. */
  private check(replication: Float64Array, strategy: Uint32Array, incident: Int32Array, end: number): void {
    for (let i = 0; i < replication.length; i++) {
      const r = replication[i]!;
      const s = strategy[i]!;
      if (r !== this.lastReplication) {
        this.lastStrategy = -1;
        this.nextIndex = 0;
      }
      if (s !== this.lastStrategy) this.nextIndex = 0;
      const inOrder = r > this.lastReplication || (r === this.lastReplication && s >= this.lastStrategy);
      if (!(r >= this.layout.range.start && r < end) || !inOrder || incident[i] !== this.nextIndex) {
        throw new UserError(`${this.file.path}: row ${this.row + i + 1}: incident out of place (replication ${r}, strategy ${this.layout.strategies[s]}, incident ${incident[i]})`);
      }
      this.lastReplication = r;
      this.lastStrategy = s;
      this.nextIndex++;
    }
    this.row += replication.length;
  }

  /** The rows left after the last replication: none may be. */
  finish(): void {
    if (this.row !== this.file.rows) throw new UserError(`${this.file.path}: row ${this.row + 1}: incident of replication ${this.replication.take(1)[0]} outside the range [${this.layout.range.start}, ${this.layout.range.end})`);
  }
}

/** No incidents of any field: a batch's incidents when they were not asked for. */
function noIncidents(): IncidentColumns {
  const none = new Float64Array(0);
  return {
    count: 0, replication: none, start: none, cause: new Uint8Array(0), region: new Uint32Array(0), regionNames: [], eventDuration: none,
    steps: stepRecord(() => none), rto: none, rpo: none, downtimeSeconds: none, failedRequests: none, lostWrites: none,
    failedOver: new Uint8Array(0), aborted: new Uint8Array(0), attempts: none,
  };
}

export class ParquetSource implements RowSource {
  constructor(
    private readonly dir: string,
    private readonly layout: RowLayout,
    private readonly batchSize = BATCH,
    private readonly batchIncidents = BATCH_INCIDENTS,
  ) {}

  async *read<C extends ReplicationMetric, I extends IncidentField>(options: ReadOptions<C, I>): AsyncGenerator<RowBatch<C, I>> {
    const { strategies, range } = this.layout;
    const files: ParquetReader[] = [];
    try {
      let replications: ReplicationReader<C> | undefined;
      if (options.metrics.length > 0) {
        const file = open(join(this.dir, "replications.parquet"), (range.end - range.start) * strategies.length, `${range.end - range.start} replications of ${strategies.length} strategies`);
        files.push(file);
        replications = new ReplicationReader(file, this.layout, options.metrics);
      }
      let incidents: IncidentReader | undefined;
      if (options.incidents.length > 0) {
        const file = open(join(this.dir, "incidents.parquet"), undefined, "");
        files.push(file);
        incidents = new IncidentReader(file, this.layout, options.incidents);
      }
      for (let start = range.start, end = start; start < range.end; start = end) {
        end = Math.min(range.end, start + this.batchSize);
        if (incidents !== undefined) end = incidents.batchEnd(start, end, this.batchIncidents);
        const metrics = replications === undefined ? strategies.map(() => ({}) as Record<C, Float64Array>) : replications.read(start, end);
        const incidentColumns = incidents === undefined ? strategies.map(noIncidents) : incidents.read(end);
        yield { range: { start, end }, strategies: strategies.map((_, s) => ({ metrics: metrics[s]!, incidents: incidentColumns[s]! })) };
      }
      incidents?.finish();
    } finally {
      for (const file of files) file.close();
    }
  }
}
