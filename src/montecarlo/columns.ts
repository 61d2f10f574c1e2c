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

/** A Float64Array that grows by doubling; `finish` trims it to its length. */
class GrowableF64 {
  private data = new Float64Array(16);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    // `+ 0` turns −0 into +0: CSV text ("0") round-trips it exactly, so shards merge losslessly.
    this.data[this.length++] = x + 0;
  }
  finish(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

class GrowableU32 {
  private data = new Uint32Array(16);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  finish(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

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
class Skipped<T> {
  constructor(private readonly empty: () => T) {}
  push(): void {}
  finish(): T {
    return this.empty();
  }
}
type Column<T> = { push(x: number): void; finish(): T };

/**
 * Appends incident records of one strategy; interns region strings so they travel as integers.
 * `fields` (a reader's choice; default every column): the columns kept — the others come out empty.
 */
export class IncidentColumnsBuilder {
  private readonly replication = new GrowableF64();
  private readonly start: Column<Float64Array>;
  private readonly cause: Column<Uint32Array>;
  private readonly region: Column<Uint32Array>;
  private readonly regions = new Interner();
  private readonly eventDuration: Column<Float64Array>;
  private readonly steps: Record<PipelineStep, Column<Float64Array>>;
  private readonly rto: Column<Float64Array>;
  private readonly rpo: Column<Float64Array>;
  private readonly downtimeSeconds: Column<Float64Array>;
  private readonly failedRequests: Column<Float64Array>;
  private readonly lostWrites: Column<Float64Array>;
  private readonly failedOver: Column<Uint32Array>;
  private readonly aborted: Column<Uint32Array>;
  private readonly attempts: Column<Float64Array>;

  constructor(fields?: readonly IncidentField[]) {
    const keep = (field: IncidentField): boolean => fields === undefined || fields.includes(field);
    const f64 = (field: IncidentField): Column<Float64Array> => (keep(field) ? new GrowableF64() : new Skipped(() => new Float64Array(0)));
    const u32 = (field: IncidentField): Column<Uint32Array> => (keep(field) ? new GrowableU32() : new Skipped(() => new Uint32Array(0)));
    this.start = f64("start");
    this.cause = u32("cause");
    this.region = u32("region");
    this.eventDuration = f64("eventDuration");
    this.steps = stepRecord(() => f64("steps"));
    this.rto = f64("rto");
    this.rpo = f64("rpo");
    this.downtimeSeconds = f64("downtimeSeconds");
    this.failedRequests = f64("failedRequests");
    this.lostWrites = f64("lostWrites");
    this.failedOver = u32("failedOver");
    this.aborted = u32("aborted");
    this.attempts = f64("attempts");
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

  finish(): IncidentColumns {
    return {
      count: this.replication.length,
      replication: this.replication.finish(),
      start: this.start.finish(),
      cause: Uint8Array.from(this.cause.finish()),
      region: this.region.finish(),
      regionNames: this.regions.names.slice(),
      eventDuration: this.eventDuration.finish(),
      steps: stepRecord((step) => this.steps[step].finish()),
      rto: this.rto.finish(),
      rpo: this.rpo.finish(),
      downtimeSeconds: this.downtimeSeconds.finish(),
      failedRequests: this.failedRequests.finish(),
      lostWrites: this.lostWrites.finish(),
      failedOver: Uint8Array.from(this.failedOver.finish()),
      aborted: Uint8Array.from(this.aborted.finish()),
      attempts: this.attempts.finish(),
    };
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

/** Collects ReplicationResults of consecutive replications [start, end) into columns. */
export class BatchBuilder {
  private readonly metrics: Record<ReplicationMetric, Float64Array>[];
  private readonly incidents: IncidentColumnsBuilder[];
  private next: number;

  constructor(
    private readonly range: ReplicationRange,
    private readonly strategyCount: number,
  ) {
    const n = range.end - range.start;
    this.metrics = Array.from({ length: strategyCount }, () => metricRecord(() => new Float64Array(n)));
    this.incidents = Array.from({ length: strategyCount }, () => new IncidentColumnsBuilder());
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

  finish(): ColumnarResult {
    if (this.next !== this.range.end) throw new Error(`batch ended at ${this.next}, expected ${this.range.end}`);
    return {
      range: this.range,
      strategies: this.metrics.map((metrics, s) => ({ metrics, incidents: this.incidents[s]!.finish() })),
    };
  }
}

/** The ArrayBuffers of a result, to pass as postMessage's transfer list. */
export function transferables(result: ColumnarResult): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: { buffer: ArrayBufferLike }): void => {
    if (a.buffer instanceof ArrayBuffer) out.push(a.buffer);
  };
  for (const s of result.strategies) {
    for (const metric of REPLICATION_METRICS) add(s.metrics[metric]);
    const inc = s.incidents;
    for (const col of [inc.replication, inc.start, inc.cause, inc.region, inc.eventDuration, inc.rto, inc.rpo,
      inc.downtimeSeconds, inc.failedRequests, inc.lostWrites, inc.failedOver, inc.aborted, inc.attempts]) add(col);
    for (const step of PIPELINE_STEPS) add(inc.steps[step]);
  }
  return out;
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
