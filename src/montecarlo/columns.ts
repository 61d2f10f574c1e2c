// Building columns from per-replication records (inside a worker) and concatenating them (in the
// main thread, strictly in replication order). Typed arrays only, so batches cross threads as
// transferables and a run's memory is one float per metric per replication plus incident rows.
import {
  INCIDENT_CAUSES,
  PIPELINE_STEPS,
  REPLICATION_METRICS,
  type IncidentCause,
  type IncidentRecord,
  type PipelineStep,
  type ReplicationMetric,
  type ReplicationResult,
} from "../outcomes/results.js";
import { Interner } from "./interner.js";
import type { ColumnarResult, IncidentColumns, IncidentField, ReplicationRange, StrategyColumns } from "./types.js";

const CAUSE_INDEX = new Map<IncidentCause, number>(INCIDENT_CAUSES.map((c, i) => [c, i]));

/** The typed arrays a batch's columns are made of. */
type ColumnArray = Float64Array | Uint32Array | Uint8Array;

/** A typed array that grows by doubling; `view` is its values so far, `clear` starts it over in the same memory. */
class Growable<A extends ColumnArray> {
  private data: A;
  length = 0;
  constructor(private readonly make: (length: number) => A) {
    this.data = make(16);
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    // `+ 0` turns −0 into +0: CSV text ("0") round-trips it exactly, so shards merge losslessly.
    this.data[this.length++] = x + 0;
  }
  view(): A {
    return this.data.subarray(0, this.length) as A;
  }
  clear(): void {
    this.length = 0;
  }
}

const f64 = (n: number): Float64Array => new Float64Array(n);
const u32 = (n: number): Uint32Array => new Uint32Array(n);
const u8 = (n: number): Uint8Array => new Uint8Array(n);

function stepRecord<T>(make: (step: PipelineStep) => T): Record<PipelineStep, T> {
  const out = {} as Record<PipelineStep, T>;
  for (const step of PIPELINE_STEPS) out[step] = make(step);
  return out;
}

function metricRecord<T>(make: (metric: ReplicationMetric) => T): Record<ReplicationMetric, T> {
  const out = {} as Record<ReplicationMetric, T>;
  for (const metric of REPLICATION_METRICS) out[metric] = make(metric);
  return out;
}

/** A column left out (IncidentColumnsBuilder's `fields`): takes values, keeps none. */
class Skipped<A extends ColumnArray> {
  constructor(private readonly empty: A) {}
  push(): void {}
  view(): A {
    return this.empty;
  }
  clear(): void {}
}
type Column<A extends ColumnArray> = Growable<A> | Skipped<A>;

/**
 * Appends incident records of one strategy; interns region strings so they travel as integers.
 * `fields` (a reader's choice; default every column): the columns kept — the others come out empty.
 */
export class IncidentColumnsBuilder {
  private readonly replication = new Growable(f64);
  private readonly start: Column<Float64Array>;
  private readonly cause: Column<Uint8Array>;
  private readonly region: Column<Uint32Array>;
  private regions = new Interner();
  private readonly eventDuration: Column<Float64Array>;
  private readonly steps: Record<PipelineStep, Column<Float64Array>>;
  private readonly rto: Column<Float64Array>;
  private readonly rpo: Column<Float64Array>;
  private readonly downtimeSeconds: Column<Float64Array>;
  private readonly failedRequests: Column<Float64Array>;
  private readonly lostWrites: Column<Float64Array>;
  private readonly failedOver: Column<Uint8Array>;
  private readonly aborted: Column<Uint8Array>;
  private readonly attempts: Column<Float64Array>;

  constructor(fields?: readonly IncidentField[]) {
    const column = <A extends ColumnArray>(field: IncidentField, make: (n: number) => A): Column<A> =>
      fields === undefined || fields.includes(field) ? new Growable(make) : new Skipped(make(0));
    this.start = column("start", f64);
    this.cause = column("cause", u8);
    this.region = column("region", u32);
    this.eventDuration = column("eventDuration", f64);
    this.steps = stepRecord(() => column("steps", f64));
    this.rto = column("rto", f64);
    this.rpo = column("rpo", f64);
    this.downtimeSeconds = column("downtimeSeconds", f64);
    this.failedRequests = column("failedRequests", f64);
    this.lostWrites = column("lostWrites", f64);
    this.failedOver = column("failedOver", u8);
    this.aborted = column("aborted", u8);
    this.attempts = column("attempts", f64);
  }

  get count(): number {
    return this.replication.length;
  }

  /** Interns a "+"-joined region list, returning its index in regionNames. */
  internRegion(regions: string): number {
    return this.regions.intern(regions);
  }

  addRecord(replication: number, r: IncidentRecord): void {
    const cause = CAUSE_INDEX.get(r.cause);
    if (cause === undefined) throw new Error(`unknown incident cause "${String(r.cause)}"`);
    this.add(replication, r.start, cause, this.internRegion(r.regions), r.eventDuration, r.steps, r.rto, r.rpo,
      r.downtimeSeconds, r.failedRequests, r.lostWrites, r.failedOver, r.aborted, r.attempts);
  }

  add(
    replication: number,
    start: number,
    cause: number,
    region: number,
    eventDuration: number,
    steps: Readonly<Record<PipelineStep, number>>,
    rto: number,
    rpo: number,
    downtimeSeconds: number,
    failedRequests: number,
    lostWrites: number,
    failedOver: boolean,
    aborted: boolean,
    attempts: number,
  ): void {
    this.replication.push(replication);
    this.start.push(start);
    this.cause.push(cause);
    this.region.push(region);
    this.eventDuration.push(eventDuration);
    for (const step of PIPELINE_STEPS) this.steps[step].push(steps[step]);
    this.rto.push(rto);
    this.rpo.push(rpo);
    this.downtimeSeconds.push(downtimeSeconds);
    this.failedRequests.push(failedRequests);
    this.lostWrites.push(lostWrites);
    this.failedOver.push(failedOver ? 1 : 0);
    this.aborted.push(aborted ? 1 : 0);
    this.attempts.push(attempts);
  }

  /** The rows so far, as views of the builder's own arrays: valid until the next add or clear. */
  view(): IncidentColumns {
    return {
      count: this.replication.length,
      replication: this.replication.view(),
      start: this.start.view(),
      cause: this.cause.view(),
      region: this.region.view(),
      regionNames: this.regions.names.slice(),
      eventDuration: this.eventDuration.view(),
      steps: stepRecord((step) => this.steps[step].view()),
      rto: this.rto.view(),
      rpo: this.rpo.view(),
      downtimeSeconds: this.downtimeSeconds.view(),
      failedRequests: this.failedRequests.view(),
      lostWrites: this.lostWrites.view(),
      failedOver: this.failedOver.view(),
      aborted: this.aborted.view(),
      attempts: this.attempts.view(),
    };
  }

  /** The rows so far, in arrays of their own. */
  finish(): IncidentColumns {
    return copyIncidents(this.view());
  }

  /** Starts over, keeping the arrays' memory. */
  clear(): void {
    for (const column of [this.replication, this.start, this.cause, this.region, this.eventDuration, ...Object.values(this.steps), this.rto,
      this.rpo, this.downtimeSeconds, this.failedRequests, this.lostWrites, this.failedOver, this.aborted, this.attempts]) column.clear();
    this.regions = new Interner();
  }
}

type CopyMetrics = (src: Readonly<Record<ReplicationMetric, number>>, dst: Record<ReplicationMetric, Float64Array>, row: number) => void;

/**
 * One replication's metrics into row `row` of the columns, `+ 0` turning −0 into +0 (see
 * GrowableF64). Generated from the catalogue as straight-line code with named property accesses:
 * a loop over REPLICATION_METRICS makes every load a megamorphic keyed lookup, ~7 % of a worker's
 * time, and a hand-written copy would be a second list of the metrics to keep in step.
 */
const copyMetrics = ((): CopyMetrics => {
  const bad = REPLICATION_METRICS.find((m) => !/^[A-Za-z_$][\w$]*$/.test(m));
  if (bad !== undefined) throw new Error(`metric catalogue: "${bad}" is not an identifier`);
  return new Function("src", "dst", "row", REPLICATION_METRICS.map((m) => `dst.${m}[row] = src.${m} + 0;`).join("\n")) as CopyMetrics;
})();

/**
 * Collects ReplicationResults of consecutive replications [start, end) into columns. A worker keeps
 * one and `reset`s it for each batch, so building a batch allocates nothing once its arrays have
 * grown to the largest batch; `finish` packs the batch into one buffer.
 */
export class BatchBuilder {
  /** Each strategy's metric columns, as long as the largest batch yet (a batch uses the first n rows). */
  private metrics: Record<ReplicationMetric, Float64Array>[];
  private readonly incidents: IncidentColumnsBuilder[];
  private range: ReplicationRange;
  private next: number;

  constructor(
    range: ReplicationRange,
    private readonly strategyCount: number,
  ) {
    this.range = range;
    this.next = range.start;
    this.metrics = this.metricColumns(range.end - range.start);
    this.incidents = Array.from({ length: strategyCount }, () => new IncidentColumnsBuilder());
  }

  private metricColumns(rows: number): Record<ReplicationMetric, Float64Array>[] {
    return Array.from({ length: this.strategyCount }, () => metricRecord(() => new Float64Array(rows)));
  }

  /** Starts over on `range`, in the same memory. */
  reset(range: ReplicationRange): void {
    const rows = range.end - range.start;
    if (rows > this.metrics[0]![REPLICATION_METRICS[0]].length) this.metrics = this.metricColumns(rows);
    for (const incidents of this.incidents) incidents.clear();
    this.range = range;
    this.next = range.start;
  }

  add(result: ReplicationResult): void {
    if (result.replication !== this.next) {
      throw new Error(`replication ${result.replication} arrived where ${this.next} was expected`);
    }
    if (result.strategies.length !== this.strategyCount) {
      throw new Error(`replication ${result.replication}: ${result.strategies.length} strategy results, expected ${this.strategyCount}`);
    }
    const row = this.next - this.range.start;
    for (let s = 0; s < this.strategyCount; s++) {
      const strategy = result.strategies[s]!;
      copyMetrics(strategy.metrics, this.metrics[s]!, row);
      const incidents = this.incidents[s]!;
      for (const incident of strategy.incidents) incidents.addRecord(this.next, incident);
    }
    this.next++;
  }

  /**
   * The batch's columns, copied into one ArrayBuffer from `take(bytes)` (default: a new one): a
   * single transfer to the main thread, and one buffer it can hand back to be filled again.
   */
  finish(take: (bytes: number) => ArrayBuffer = (bytes) => new ArrayBuffer(bytes)): ColumnarResult {
    if (this.next !== this.range.end) throw new Error(`batch ended at ${this.next}, expected ${this.range.end}`);
    const rows = this.range.end - this.range.start;
    const built: ColumnarResult = {
      range: this.range,
      strategies: this.metrics.map((metrics, s) => ({
        metrics: metricRecord((metric) => metrics[metric].subarray(0, rows)),
        incidents: this.incidents[s]!.view(),
      })),
    };
    return packResult(built, take);
  }
}

/** A result with each of its typed arrays replaced by `f`'s (of the same type): the one walk over a result's arrays. */
function mapArrays(result: ColumnarResult, f: <A extends ColumnArray>(a: A) => A): ColumnarResult {
  return {
    range: result.range,
    strategies: result.strategies.map((s) => ({ metrics: metricRecord((metric) => f(s.metrics[metric])), incidents: mapIncidentArrays(s.incidents, f) })),
  };
}

function mapIncidentArrays(inc: IncidentColumns, f: <A extends ColumnArray>(a: A) => A): IncidentColumns {
  return {
    count: inc.count,
    replication: f(inc.replication),
    start: f(inc.start),
    cause: f(inc.cause),
    region: f(inc.region),
    regionNames: inc.regionNames,
    eventDuration: f(inc.eventDuration),
    steps: stepRecord((step) => f(inc.steps[step])),
    rto: f(inc.rto),
    rpo: f(inc.rpo),
    downtimeSeconds: f(inc.downtimeSeconds),
    failedRequests: f(inc.failedRequests),
    lostWrites: f(inc.lostWrites),
    failedOver: f(inc.failedOver),
    aborted: f(inc.aborted),
    attempts: f(inc.attempts),
  };
}

/** Incident columns in arrays of their own (of exactly their length): to keep rows past the memory they came in. */
export function copyIncidents(inc: IncidentColumns): IncidentColumns {
  return { ...mapIncidentArrays(inc, <A extends ColumnArray>(a: A): A => a.slice() as A), regionNames: inc.regionNames.slice() };
}

/** A view of `a`'s type on `buffer` at `offset`, `a.length` long. */
function viewLike<A extends ColumnArray>(a: A, buffer: ArrayBuffer, offset: number): A {
  if (a instanceof Float64Array) return new Float64Array(buffer, offset, a.length) as A;
  if (a instanceof Uint32Array) return new Uint32Array(buffer, offset, a.length) as A;
  return new Uint8Array(buffer, offset, a.length) as A;
}

/** Every array of `result` copied into one buffer from `take`, each at an offset aligned for doubles. */
function packResult(result: ColumnarResult, take: (bytes: number) => ArrayBuffer): ColumnarResult {
  const aligned = (at: number): number => Math.ceil(at / 8) * 8;
  let bytes = 0;
  mapArrays(result, (a) => {
    bytes = aligned(bytes) + a.byteLength;
    return a;
  });
  const buffer = take(bytes);
  let at = 0;
  return mapArrays(result, (a) => {
    at = aligned(at);
    const copy = viewLike(a, buffer, at);
    copy.set(a);
    at += a.byteLength;
    return copy;
  });
}

/** The ArrayBuffers of a result, each once: postMessage's transfer list, and what a consumer hands back. */
export function transferables(result: ColumnarResult): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  mapArrays(result, (a) => {
    if (a.buffer instanceof ArrayBuffer) out.add(a.buffer);
    return a;
  });
  return [...out];
}

function concatF64(parts: readonly Float64Array[], total: number): Float64Array {
  const out = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function concatU8(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Concatenates incident columns in the given order, re-interning region names. */
export function concatIncidents(parts: readonly IncidentColumns[]): IncidentColumns {
  const total = parts.reduce((n, p) => n + p.count, 0);
  const regions = new Interner();
  const region = new Uint32Array(total);
  let at = 0;
  for (const p of parts) {
    const remap = p.regionNames.map((name) => regions.intern(name));
    for (let k = 0; k < p.count; k++) region[at + k] = remap[p.region[k]!]!;
    at += p.count;
  }
  const f = (pick: (p: IncidentColumns) => Float64Array): Float64Array => concatF64(parts.map(pick), total);
  return {
    count: total,
    replication: f((p) => p.replication),
    start: f((p) => p.start),
    cause: concatU8(parts.map((p) => p.cause), total),
    region,
    regionNames: regions.names,
    eventDuration: f((p) => p.eventDuration),
    steps: stepRecord((step) => f((p) => p.steps[step])),
    rto: f((p) => p.rto),
    rpo: f((p) => p.rpo),
    downtimeSeconds: f((p) => p.downtimeSeconds),
    failedRequests: f((p) => p.failedRequests),
    lostWrites: f((p) => p.lostWrites),
    failedOver: concatU8(parts.map((p) => p.failedOver), total),
    aborted: concatU8(parts.map((p) => p.aborted), total),
    attempts: f((p) => p.attempts),
  };
}

/**
 * Joins results of adjacent ranges into one. `parts` must tile a range exactly in replication order
 * (checked), which is what makes every output independent of batch sizes, workers and shards.
 */
export function concatResults(parts: readonly ColumnarResult[], strategyCount: number): ColumnarResult {
  if (parts.length === 0) throw new Error("concatResults: nothing to join");
  for (let k = 1; k < parts.length; k++) {
    if (parts[k]!.range.start !== parts[k - 1]!.range.end) {
      throw new Error(`ranges do not tile: ${parts[k - 1]!.range.end} then ${parts[k]!.range.start}`);
    }
  }
  const range = { start: parts[0]!.range.start, end: parts[parts.length - 1]!.range.end };
  const total = range.end - range.start;
  const strategies: StrategyColumns[] = [];
  for (let s = 0; s < strategyCount; s++) {
    const own = parts.map((p) => p.strategies[s]!);
    strategies.push({
      metrics: metricRecord((metric) => concatF64(own.map((p) => p.metrics[metric]), total)),
      incidents: concatIncidents(own.map((p) => p.incidents)),
    });
  }
  return { range, strategies };
}

export { metricRecord, stepRecord };
