// The CSV row source: a run's or shard's replications.csv and incidents.csv read back as numbers,
// in batches of replications, the two files side by side when both are wanted. Every row is checked
// against the layout — replication-major order, the strategies in order, incident indices, counts —
// and a row out of place, malformed or missing is an error naming the file and line. Numbers were
// written in shortest round-trip form, so each double comes back exactly.
import { join } from "node:path";
import { UserError } from "../errors.js";
import { IncidentColumnsBuilder, stepRecord } from "../montecarlo/columns.js";
import type { IncidentColumns } from "../montecarlo/types.js";
import type { ReplicationMetric } from "../outcomes/metrics.js";
import { INCIDENT_CAUSES, PIPELINE_STEPS } from "../outcomes/results.js";
import { INCIDENT_COLUMNS } from "./csv.js";
import { CsvFile, FieldCutter, parseCsvNumber } from "./csvReader.js";
import { INCIDENT_FIELDS, type IncidentField, type ReadOptions, type RowBatch, type RowLayout, type RowSource } from "./rows.js";

/**
 * Replications per batch: small enough that a batch's columns (and text) stay near a MiB, large
 * enough that what each batch costs vanishes (larger batches measured no faster, only bigger).
 */
const BATCH = 1024;

const CAUSE_INDEX = new Map<string, number>(INCIDENT_CAUSES.map((c, i) => [c, i]));

function fail(file: CsvFile, message: string): never {
  throw new UserError(`${file.path}:${file.line}: ${message}`);
}

function number(file: CsvFile, field: string): number {
  try {
    return parseCsvNumber(field);
  } catch (error) {
    return fail(file, (error as Error).message);
  }
}

/**
 * The number fields of one file, by column slot: a column's last value is reused when its text
 * repeats — constant and zero columns are common, and a string comparison is cheaper than a parse.
 */
class Numbers {
  private readonly lastText: string[];
  private readonly lastValue: Float64Array;

  constructor(
    private readonly file: CsvFile,
    slots: number,
  ) {
    // "" is NaN: the cache starts consistent.
    this.lastText = Array.from({ length: slots }, () => "");
    this.lastValue = new Float64Array(slots).fill(NaN);
  }

  at(slot: number, field: string): number {
    if (field === this.lastText[slot]) return this.lastValue[slot]!;
    const x = number(this.file, field);
    this.lastText[slot] = field;
    this.lastValue[slot] = x;
    return x;
  }
}

/** replications.csv: the chosen metric columns, one row per replication × strategy. */
class ReplicationReader<C extends ReplicationMetric> {
  private next: number;
  private rows = 0;
  private readonly numbers: Numbers;

  private constructor(
    private readonly file: CsvFile,
    private readonly cutter: FieldCutter,
    private readonly layout: RowLayout,
    private readonly metrics: readonly C[],
  ) {
    this.next = layout.range.start;
    this.numbers = new Numbers(file, layout.strategies.length * metrics.length);
  }

  static async open<C extends ReplicationMetric>(path: string, layout: RowLayout, metrics: readonly C[]): Promise<ReplicationReader<C>> {
    const file = new CsvFile(path);
    const cutter = new FieldCutter(path, await file.header(), ["replication", "strategy", ...metrics]);
    return new ReplicationReader(file, cutter, layout, metrics);
  }

  private get expectedRows(): number {
    return (this.layout.range.end - this.layout.range.start) * this.layout.strategies.length;
  }

  /** Rows of replications [next, end), per strategy; their lines are pushed onto `text` if given. */
  async read(end: number, text?: string[]): Promise<Record<C, Float64Array>[]> {
    const { file, cutter, metrics, numbers } = this;
    const ids = this.layout.strategies;
    const n = end - this.next;
    const out = ids.map(() => Object.fromEntries(metrics.map((m) => [m, new Float64Array(n)])) as Record<C, Float64Array>);
    const columns = out.map((record) => metrics.map((m) => record[m]));
    const fields = cutter.fields;
    for (let row = 0; row < n; row++) {
      const replication = this.next + row;
      // Written as String(replication): comparing text is cheaper than parsing it, row after row.
      const replicationText = String(replication);
      for (let s = 0; s < ids.length; s++) {
        const line = file.take() ?? (await file.next());
        if (line === undefined) throw new UserError(`${file.path}: ${this.rows} rows, expected ${this.expectedRows} (truncated?)`);
        if (cutter.cut(line) !== cutter.width || fields[0] !== replicationText || fields[1] !== ids[s]) {
          fail(file, `expected replication ${replication}, strategy ${ids[s]}`);
        }
        const own = columns[s]!;
        const slot = s * own.length;
        for (let m = 0; m < own.length; m++) own[m]![row] = numbers.at(slot + m, fields[m + 2]!);
        text?.push(line);
        this.rows++;
      }
    }
    this.next = end;
    return out;
  }

  /** Checks nothing follows the last replication, and closes the file. */
  async finish(): Promise<void> {
    const extra = await this.file.next();
    await this.file.close();
    if (extra !== undefined) fail(this.file, `${this.rows + 1} rows, expected ${this.expectedRows}`);
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}

/** The incident row a reader has read but not yet placed in a batch (it belongs to a later one). */
interface Pending {
  readonly line: string;
  readonly replication: number;
}

type IncidentColumn = (typeof INCIDENT_COLUMNS)[number];

/**
 * The columns every incident row is checked on besides its replication (the first column, read
 * before the row is placed): its strategy and index, cause and flags, and the last (its width).
 */
const CHECKED: readonly IncidentColumn[] = ["strategy", "incident", "cause", "failedOver", "aborted", "attempts"];

/** The columns of incidents.csv that hold a field. */
const FIELD_COLUMNS: Readonly<Record<IncidentField, readonly IncidentColumn[]>> = {
  ...(Object.fromEntries(INCIDENT_FIELDS.map((f) => [f, [f]])) as Record<IncidentField, IncidentColumn[]>),
  region: ["regions"],
  steps: PIPELINE_STEPS,
};

/** incidents.csv: the chosen fields, one row per incident × strategy, in replication order. */
class IncidentReader {
  private pending: Pending | undefined;
  private lastReplication: number;
  private lastStrategy = -1;
  private nextIndex = 0;
  private readonly steps = stepRecord(() => NaN);
  private readonly strategyIndex: ReadonlyMap<string, number>;
  /** Each column's slot in the cutter's fields (columns not cut: -1). */
  private readonly at: Readonly<Record<IncidentColumn, number>>;
  private readonly stepAt: readonly number[];
  private readonly want: Readonly<Record<IncidentField, boolean>>;

  private constructor(
    private readonly file: CsvFile,
    private readonly cutter: FieldCutter,
    private readonly layout: RowLayout,
    private readonly fields: readonly IncidentField[],
    columns: readonly IncidentColumn[],
  ) {
    this.want = Object.fromEntries(INCIDENT_FIELDS.map((f) => [f, fields.includes(f)])) as Record<IncidentField, boolean>;
    this.lastReplication = layout.range.start;
    this.strategyIndex = new Map(layout.strategies.map((id, i) => [id, i]));
    this.at = Object.fromEntries(INCIDENT_COLUMNS.map((c) => [c, columns.indexOf(c)])) as Record<IncidentColumn, number>;
    this.stepAt = PIPELINE_STEPS.map((step) => this.at[step]);
  }

  static async open(path: string, layout: RowLayout, fields: readonly IncidentField[]): Promise<IncidentReader> {
    const file = new CsvFile(path);
    // Only the columns checked and those of the chosen fields are cut out of a row.
    const columns = INCIDENT_COLUMNS.filter((c) => CHECKED.includes(c) || fields.some((f) => FIELD_COLUMNS[f].includes(c)));
    const header = await file.header();
    // Rows are sorted into batches by their first field, before they are cut.
    if (header.get("replication") !== 0) throw new UserError(`${path}:1: the first column must be replication`);
    return new IncidentReader(file, new FieldCutter(path, header, columns), layout, fields, columns);
  }

  /** The incidents of replications before `end`, per strategy; their lines are pushed onto `text` if given. */
  async read(end: number, text?: string[]): Promise<IncidentColumns[]> {
    const builders = this.layout.strategies.map(() => new IncidentColumnsBuilder(this.fields));
    for (;;) {
      if (this.pending === undefined) {
        const line = this.file.take() ?? (await this.file.next());
        if (line === undefined) break;
        this.pending = { line, replication: Number(line.slice(0, line.indexOf(","))) };
      }
      // A row of a later batch waits; an unparsable replication number fails in place().
      if (this.pending.replication >= end && this.pending.replication < this.layout.range.end) break;
      this.place(this.pending.line, this.pending.replication, builders);
      text?.push(this.pending.line);
      this.pending = undefined;
    }
    return builders.map((b) => b.finish());
  }

  /**
   * A number field of the row just cut, if its field was asked for (NaN otherwise: not parsed).
   * Incidents' numbers rarely repeat: no cache of the last value as for replications.
   */
  private num(field: IncidentField, slot: number): number {
    return this.want[field] ? number(this.file, this.cutter.fields[slot]!) : NaN;
  }

  private place(line: string, replication: number, builders: readonly IncidentColumnsBuilder[]): void {
    const { file, at, want } = this;
    const f = this.cutter.fields;
    // The row's shape and order are checked whichever fields were asked for.
    const width = this.cutter.cut(line);
    const s = this.strategyIndex.get(f[at.strategy]!);
    const cause = CAUSE_INDEX.get(f[at.cause]!);
    const failedOver = f[at.failedOver];
    const aborted = f[at.aborted];
    if (replication !== this.lastReplication) {
      this.lastStrategy = -1;
      this.nextIndex = 0;
    }
    if (s !== this.lastStrategy) this.nextIndex = 0;
    const inOrder = replication > this.lastReplication || (replication === this.lastReplication && s !== undefined && s >= this.lastStrategy);
    if (
      width !== this.cutter.width || s === undefined || cause === undefined || !inOrder || !(replication < this.layout.range.end) ||
      Number(f[at.incident]) !== this.nextIndex || (failedOver !== "true" && failedOver !== "false") || (aborted !== "true" && aborted !== "false")
    ) {
      fail(file, "malformed incident row");
    }
    this.lastReplication = replication;
    this.lastStrategy = s;
    this.nextIndex++;
    const steps = this.steps;
    if (want.steps) for (let k = 0; k < PIPELINE_STEPS.length; k++) steps[PIPELINE_STEPS[k]!] = number(file, f[this.stepAt[k]!]!);
    const b = builders[s]!;
    b.add(
      replication,
      this.num("start", at.start),
      cause,
      b.internRegion(want.region ? f[at.regions]! : ""),
      this.num("eventDuration", at.eventDuration),
      steps,
      this.num("rto", at.rto),
      this.num("rpo", at.rpo),
      this.num("downtimeSeconds", at.downtimeSeconds),
      this.num("failedRequests", at.failedRequests),
      this.num("lostWrites", at.lostWrites),
      failedOver === "true",
      aborted === "true",
      this.num("attempts", at.attempts),
    );
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}

const joinLines = (lines: readonly string[]): string => (lines.length === 0 ? "" : `${lines.join("\n")}\n`);

/** No incidents: the batch's incidents when they were not asked for. */
function noIncidents(): IncidentColumns {
  return new IncidentColumnsBuilder().finish();
}

export class CsvSource implements RowSource {
  constructor(
    private readonly dir: string,
    private readonly layout: RowLayout,
    private readonly batchSize = BATCH,
  ) {}

  async *read<C extends ReplicationMetric, I extends IncidentField>(options: ReadOptions<C, I>): AsyncGenerator<RowBatch<C, I>> {
    const { strategies, range } = this.layout;
    const replications = options.metrics.length > 0 ? await ReplicationReader.open(join(this.dir, "replications.csv"), this.layout, options.metrics) : undefined;
    let incidents: IncidentReader | undefined;
    try {
      incidents = options.incidents.length > 0 ? await IncidentReader.open(join(this.dir, "incidents.csv"), this.layout, options.incidents) : undefined;
      for (let start = range.start; start < range.end; start += this.batchSize) {
        const end = Math.min(range.end, start + this.batchSize);
        // Text only of whole rows of both files: a sink writing it then writes the batch whole.
        const lines = options.keepText === true && replications !== undefined && incidents !== undefined ? { replications: [] as string[], incidents: [] as string[] } : undefined;
        const metrics = replications === undefined ? strategies.map(() => ({}) as Record<C, Float64Array>) : await replications.read(end, lines?.replications);
        const incidentColumns = incidents === undefined ? strategies.map(noIncidents) : await incidents.read(end, lines?.incidents);
        yield {
          range: { start, end },
          strategies: strategies.map((_, s) => ({ metrics: metrics[s]!, incidents: incidentColumns[s]! })),
          ...(lines === undefined ? {} : { text: { format: "csv", files: { "replications.csv": joinLines(lines.replications), "incidents.csv": joinLines(lines.incidents) } } }),
        };
      }
      // The rest of incidents.csv (all of it if the range is empty) must hold no row: any is out of place.
      await incidents?.read(range.end);
      await replications?.finish();
    } finally {
      await replications?.close();
      await incidents?.close();
    }
  }
}
