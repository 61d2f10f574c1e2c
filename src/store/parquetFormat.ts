// Parquet, the run store's default format: replications.parquet and incidents.parquet, the tables of
// store/tables.ts, written by parquet/writer.ts and read back by parquetSource.ts. Rows are cut into
// row groups of a fixed count, whatever the batches they came in: a run, any worker count and a
// merge of any shard split write the same bytes.
import { Interner } from "../montecarlo/interner.js";
import { INCIDENT_CAUSES, PIPELINE_STEPS, REPLICATION_METRICS } from "../outcomes/results.js";
import { drsimVersion } from "../version.js";
import type { StagedFiles } from "./atomicWrite.js";
import type { ColumnValues } from "./parquet/format.js";
import { ParquetWriter, type ByteSink } from "./parquet/writer.js";
import { ParquetSource } from "./parquetSource.js";
import type { RowBatch, RowFormat, RowSink } from "./rows.js";
import { INCIDENT_TABLE, REPLICATION_TABLE } from "./tables.js";

/** Rows per row group: 1 MiB per column of doubles, a unit DuckDB, Arrow and Spark read in parallel. */
export const ROW_GROUP_ROWS = 1 << 17;

/** "drsim version 0.1.0": Parquet's created_by, fixed for a given drsim (no time, no host). */
const createdBy = (): string => `drsim version ${drsimVersion()}`;

/** replications.parquet: one row per replication × strategy, replication-major. */
class ReplicationTableWriter {
  private readonly replication: Float64Array;
  private readonly strategy: Uint32Array;
  private readonly metrics: Float64Array[];
  private fill = 0;
  private readonly file: ParquetWriter;

  constructor(
    sink: ByteSink,
    private readonly strategies: readonly string[],
    private readonly groupRows: number,
  ) {
    this.file = new ParquetWriter(sink, REPLICATION_TABLE, createdBy());
    this.replication = new Float64Array(groupRows);
    this.strategy = new Uint32Array(groupRows);
    this.metrics = REPLICATION_METRICS.map(() => new Float64Array(groupRows));
  }

  async write(batch: RowBatch): Promise<void> {
    const count = this.strategies.length;
    const columns = batch.strategies.map((s) => REPLICATION_METRICS.map((m) => s.metrics[m]));
    const n = batch.range.end - batch.range.start;
    // Row-major over (replication, strategy), in stretches that fill the row group; each column
    // copied strategy by strategy, with a stride (row = replication × count + strategy).
    for (let row = 0; row < n * count; ) {
      const take = Math.min(this.groupRows - this.fill, n * count - row);
      const base = this.fill - row;
      for (let s = 0; s < count; s++) {
        // This strategy's replications whose rows fall in [row, row + take).
        const first = Math.ceil((row - s) / count);
        const last = Math.floor((row + take - 1 - s) / count);
        for (let r = first; r <= last; r++) {
          this.replication[base + r * count + s] = batch.range.start + r;
          this.strategy[base + r * count + s] = s;
        }
        const own = columns[s]!;
        for (let m = 0; m < this.metrics.length; m++) {
          const out = this.metrics[m]!;
          const from = own[m]!;
          for (let r = first, at = base + first * count + s; r <= last; r++, at += count) out[at] = from[r]!;
        }
      }
      this.fill += take;
      row += take;
      if (this.fill === this.groupRows) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    const values: ColumnValues[] = [this.replication, { indices: this.strategy, dictionary: this.strategies }, ...this.metrics];
    await this.file.writeRowGroup(this.fill, values);
    this.fill = 0;
  }

  async close(): Promise<void> {
    if (this.fill > 0) await this.flush();
    await this.file.close();
  }
}

/** incidents.parquet: one row per incident × strategy, by replication, then strategy, then occurrence. */
class IncidentTableWriter {
  private readonly doubles: Float64Array[];
  private readonly replication: Float64Array;
  private readonly strategy: Uint32Array;
  private readonly incident: Int32Array;
  private readonly cause: Uint32Array;
  private readonly region: Uint32Array;
  private readonly failedOver: Uint8Array;
  private readonly aborted: Uint8Array;
  /** Region lists in order of first appearance in the file: the dictionary of every row group. */
  private readonly regionNames = new Interner();
  private fill = 0;
  private readonly file: ParquetWriter;
  /** write's scratch, as long as the largest batch's incidents yet: reused batch after batch. */
  private order = { strategyOf: new Uint32Array(0), rowOf: new Uint32Array(0), indexOf: new Int32Array(0), placeOf: new Uint32Array(0) };

  constructor(
    sink: ByteSink,
    private readonly strategies: readonly string[],
    private readonly groupRows: number,
  ) {
    this.file = new ParquetWriter(sink, INCIDENT_TABLE, createdBy());
    this.doubles = INCIDENT_TABLE.filter((c) => c.kind === "double").map(() => new Float64Array(groupRows));
    this.replication = new Float64Array(groupRows);
    this.strategy = new Uint32Array(groupRows);
    this.incident = new Int32Array(groupRows);
    this.cause = new Uint32Array(groupRows);
    this.region = new Uint32Array(groupRows);
    this.failedOver = new Uint8Array(groupRows);
    this.aborted = new Uint8Array(groupRows);
  }

  async write(batch: RowBatch): Promise<void> {
    // Each strategy's region lists as the file's dictionary indices, interned in the file's row order
    // (below), so the dictionary does not depend on how rows were cut into batches.
    const regions = batch.strategies.map((s) => new Int32Array(s.incidents.regionNames.length).fill(-1));
    // The double columns in INCIDENT_TABLE's order: start, eventDuration, the steps, rto … lostWrites, attempts.
    const doubles = batch.strategies.map(({ incidents: inc }) => [inc.start, inc.eventDuration, ...PIPELINE_STEPS.map((step) => inc.steps[step]), inc.rto, inc.rpo, inc.downtimeSeconds, inc.failedRequests, inc.lostWrites, inc.attempts]);
    // The file's order (by replication, then strategy, then occurrence) as (strategy, row) pairs,
    // and each strategy's rows' places in it; then every column copied in that order.
    const total = batch.strategies.reduce((n, s) => n + s.incidents.count, 0);
    if (this.order.strategyOf.length < total) {
      this.order = { strategyOf: new Uint32Array(total), rowOf: new Uint32Array(total), indexOf: new Int32Array(total), placeOf: new Uint32Array(total) };
    }
    const { strategyOf, rowOf } = this.order;
    const indexOf = this.order.indexOf.subarray(0, total);
    // Each strategy's stretch of placeOf: where its rows go in the file's order.
    let from = 0;
    const placeOf = batch.strategies.map((s) => this.order.placeOf.subarray(from, (from += s.incidents.count)));
    const cursor = batch.strategies.map(() => 0);
    let j = 0;
    for (let r = batch.range.start; r < batch.range.end && j < total; r++) {
      for (let s = 0; s < batch.strategies.length; s++) {
        const inc = batch.strategies[s]!.incidents;
        const place = placeOf[s]!;
        let k = cursor[s]!;
        for (let index = 0; k < inc.count && inc.replication[k] === r; k++, index++, j++) {
          strategyOf[j] = s;
          rowOf[j] = k;
          indexOf[j] = index;
          place[k] = j;
        }
        cursor[s] = k;
      }
    }
    for (let i = 0; i < total; i++) {
      const s = strategyOf[i]!;
      const inc = batch.strategies[s]!.incidents;
      const k = inc.region[rowOf[i]!]!;
      if (regions[s]![k]! < 0) regions[s]![k] = this.regionNames.intern(inc.regionNames[k]!);
    }
    if (total <= this.groupRows - this.fill) {
      // The batch fits the row group (the usual case): each column scattered strategy by strategy.
      const at = this.fill;
      batch.strategies.forEach(({ incidents: inc }, s) => {
        const place = placeOf[s]!;
        const region = regions[s]!;
        for (let k = 0; k < inc.count; k++) {
          const p = at + place[k]!;
          this.replication[p] = inc.replication[k]!;
          this.strategy[p] = s;
          this.cause[p] = inc.cause[k]!;
          this.region[p] = region[inc.region[k]!]!;
          this.failedOver[p] = inc.failedOver[k]!;
          this.aborted[p] = inc.aborted[k]!;
        }
        const own = doubles[s]!;
        for (let c = 0; c < own.length; c++) {
          const out = this.doubles[c]!;
          const from = own[c]!;
          for (let k = 0; k < inc.count; k++) out[at + place[k]!] = from[k]!;
        }
      });
      this.incident.set(indexOf, at);
      this.fill += total;
      if (this.fill === this.groupRows) await this.flush();
      return;
    }
    for (let done = 0; done < total; ) {
      const take = Math.min(this.groupRows - this.fill, total - done);
      const at = this.fill - done;
      for (let i = done; i < done + take; i++) {
        const s = strategyOf[i]!;
        const k = rowOf[i]!;
        const inc = batch.strategies[s]!.incidents;
        this.replication[at + i] = inc.replication[k]!;
        this.strategy[at + i] = s;
        this.incident[at + i] = indexOf[i]!;
        this.cause[at + i] = inc.cause[k]!;
        this.region[at + i] = regions[s]![inc.region[k]!]!;
        this.failedOver[at + i] = inc.failedOver[k]!;
        this.aborted[at + i] = inc.aborted[k]!;
      }
      for (let c = 0; c < this.doubles.length; c++) {
        const out = this.doubles[c]!;
        for (let i = done; i < done + take; i++) out[at + i] = doubles[strategyOf[i]!]![c]![rowOf[i]!]!;
      }
      this.fill += take;
      done += take;
      if (this.fill === this.groupRows) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    const doubles = [...this.doubles];
    const values = INCIDENT_TABLE.map((column): ColumnValues => {
      switch (column.name) {
        case "replication":
          return this.replication;
        case "strategy":
          return { indices: this.strategy, dictionary: this.strategies };
        case "incident":
          return this.incident;
        case "cause":
          return { indices: this.cause, dictionary: INCIDENT_CAUSES };
        case "regions":
          return { indices: this.region, dictionary: this.regionNames.names };
        case "failedOver":
          return this.failedOver;
        case "aborted":
          return this.aborted;
        default:
          return doubles.shift()!;
      }
    });
    await this.file.writeRowGroup(this.fill, values);
    this.fill = 0;
  }

  async close(): Promise<void> {
    if (this.fill > 0) await this.flush();
    await this.file.close();
  }
}

class ParquetSink implements RowSink {
  constructor(
    private readonly replications: ReplicationTableWriter,
    private readonly incidents: IncidentTableWriter,
  ) {}

  async write(batch: RowBatch): Promise<void> {
    await this.replications.write(batch);
    await this.incidents.write(batch);
  }

  async close(): Promise<void> {
    await this.replications.close();
    await this.incidents.close();
  }
}

/** The Parquet format with row groups of `groupRows` rows (tests use small ones to cross many). */
export function parquetFormatWith(groupRows: number): RowFormat {
  return {
    name: "parquet",
    files: ["replications.parquet", "incidents.parquet"],
    async sink(files: StagedFiles, strategies: readonly string[]): Promise<RowSink> {
      const replications = await files.open("replications.parquet");
      const incidents = await files.open("incidents.parquet");
      return new ParquetSink(new ReplicationTableWriter(replications, strategies, groupRows), new IncidentTableWriter(incidents, strategies, groupRows));
    },
    source: (dir, layout) => new ParquetSource(dir, layout),
  };
}

export const parquetFormat: RowFormat = parquetFormatWith(ROW_GROUP_ROWS);
