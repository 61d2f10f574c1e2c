// The seams of the run store. A run's rows — one per replication × strategy, and one per incident —
// travel as columnar batches (typed arrays per column, as the runner produces them) in replication
// order. A RowSink writes them in one file format; a RowSource reads chosen columns of them back
// from a saved run or shard; a RowFormat pairs the two and names its files. A new format is one
// more RowFormat in store/formats.ts (docs/store-and-catalogue.md has the recipe).
import type { IncidentColumns, IncidentField, ReplicationRange } from "../montecarlo/types.js";
export { INCIDENT_FIELDS, type IncidentField } from "../montecarlo/types.js";
import type { ReplicationMetric } from "../outcomes/metrics.js";
import type { StagedFiles } from "./atomicWrite.js";

/** The chosen columns of some incidents. */
export type IncidentBatch<I extends IncidentField = IncidentField> = Pick<IncidentColumns, "count" | "replication" | "regionNames" | I>;

/**
 * The rows of replications [range.start, range.end): per strategy (in the run's order), the chosen
 * metric columns (one value per replication) and the chosen columns of those replications'
 * incidents. A ColumnarResult is a batch of every column.
 */
export interface RowBatch<C extends ReplicationMetric = ReplicationMetric, I extends IncidentField = IncidentField> {
  readonly range: ReplicationRange;
  readonly strategies: readonly { readonly metrics: Readonly<Record<C, Float64Array>>; readonly incidents: IncidentBatch<I> }[];
  /**
   * The batch's rows as its source's files hold them, when the source was asked to keep them
   * (ReadOptions.keepText): a sink of that format writes them as they are instead of formatting
   * the numbers again — the merge of CSV shards into CSV copies at disk speed. The text is the
   * file's, verbatim (a shard hand-edited into another spelling of the same numbers is copied so).
   */
  readonly text?: { readonly format: string; readonly files: Readonly<Record<string, string>> };
}

/** Receives a run's (or shard's) rows and writes them in its format. */
export interface RowSink {
  /** The next rows, in replication order: the batches tile the run's range. */
  write(batch: RowBatch): Promise<void>;
  /** No more rows: finish the files. They appear when the run directory is committed. */
  close(): Promise<void>;
}

/**
 * Which columns to read: metric columns of replications, incident columns, or both (read side by
 * side). No column of a kind: its file is not read. The columns not chosen are not parsed (they
 * stay NaN, 0 or empty in the batch, and its type leaves them out).
 */
export interface ReadOptions<C extends ReplicationMetric, I extends IncidentField> {
  readonly metrics: readonly C[];
  readonly incidents: readonly I[];
  /** Keep each batch's rows as text too (RowBatch.text), for a sink of the same format: with every file read. */
  readonly keepText?: boolean;
}

/** A saved run's or shard's rows, read back as numbers. */
export interface RowSource {
  /** Batches of the chosen columns in replication order, tiling `layout.range`; may be read again. */
  read<C extends ReplicationMetric, I extends IncidentField>(options: ReadOptions<C, I>): AsyncIterable<RowBatch<C, I>>;
}

/** What a source needs to know of the rows it reads: from a shard's manifest or a run's summary. */
export interface RowLayout {
  /** Strategy ids, in the run's order. */
  readonly strategies: readonly string[];
  /** The replications the files hold. */
  readonly range: ReplicationRange;
}

/** A file format for rows: the files it writes into a run directory, its sink and its source. */
export interface RowFormat {
  /** Its name (`--format` values will be these). */
  readonly name: string;
  /** The files its sink writes and its source reads, in the run directory. */
  readonly files: readonly string[];
  /** A sink staging its files in `files` (renamed into place when the directory is committed). */
  sink(files: StagedFiles, strategies: readonly string[]): Promise<RowSink>;
  /** A source over its files in `dir`. */
  source(dir: string, layout: RowLayout): RowSource;
  /** Its source hands over the rows' text when asked (ReadOptions.keepText), and its sink writes it as is. */
  readonly copiesText?: true;
}
