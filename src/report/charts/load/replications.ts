// A run's replication rows → what the distribution charts draw of them, per strategy: the ECDFs of
// the catalogue's curve metrics (downtime, data loss) and the loss-exceedance curve. Never the
// samples themselves: the rows are read once per pass the accumulators need (typically three), so
// memory does not grow with the number of replications, and the curves are the very doubles the
// in-memory functions give.
import { LossCurveAccumulator, lossOf, type LossCurve } from "../../../analysis/lossExceedance.js";
import { dirname } from "node:path";
import type { RowSource } from "../../../store/rows.js";
import { openRunRows } from "./rows.js";
import { EcdfAccumulator, type Ecdf } from "../../../stats/curve.js";
import { SCALES, STAT_DEFS, type CurveStat, type ReplicationMetric } from "../../../outcomes/metrics.js";

/** Fed one row's values per pass until it needs no more passes. */
export interface RowAccumulator {
  /** `row` holds the values of the requested columns, in their order. */
  add(row: Float64Array): void;
  /** The same rows a batch at a time, column by column (`columns[i]`: the requested column i, rows [0, n)), if it can take them so. */
  addColumns?(columns: readonly Float64Array[], n: number): void;
  endPass(): void;
  readonly needsPass: boolean;
}

/**
 * Reads a run's replication rows as many times as the accumulators need: one accumulator per
 * strategy (`create`, in the rows' order), fed `columns` of each of its replications, in order, as
 * long as it needs more passes.
 */
export async function accumulateReplications<A extends RowAccumulator>(
  rows: RowSource,
  strategies: readonly string[],
  columns: readonly ReplicationMetric[],
  create: (id: string) => A,
): Promise<Map<string, A>> {
  const accs = strategies.map(create);
  const row = new Float64Array(columns.length);
  for (let pass = 1; pass === 1 || accs.some((a) => a.needsPass); pass++) {
    const fed = accs.map((a) => pass === 1 || a.needsPass);
    for await (const batch of rows.read({ metrics: columns, incidents: [] })) {
      batch.strategies.forEach(({ metrics }, s) => {
        if (!fed[s]) return;
        const acc = accs[s]!;
        const own = columns.map((c) => metrics[c]);
        const n = batch.range.end - batch.range.start;
        if (acc.addColumns !== undefined) return acc.addColumns(own, n);
        for (let r = 0; r < n; r++) {
          for (let i = 0; i < row.length; i++) row[i] = own[i]![r]!;
          acc.add(row);
        }
      });
    }
    // The accumulators this pass fed, and only those, end it (needsPass changes only in endPass).
    accs.forEach((acc, s) => fed[s] && acc.endPass());
  }
  return new Map(strategies.map((id, s) => [id, accs[s]!]));
}

/**
 * accumulateReplications over the run directory holding `path` (its replications.csv), for the
 * strategies `resolve` keeps (it maps an id to itself, or to undefined to leave it out).
 */
export async function streamReplications<A extends RowAccumulator>(
  path: string,
  resolve: (strategy: string) => string | undefined,
  columns: readonly ReplicationMetric[],
  create: (id: string) => A,
): Promise<Map<string, A>> {
  const { rows, strategies } = await openRunRows(dirname(path));
  const all = await accumulateReplications(rows, strategies.map((s) => s.id), columns, (id) => (resolve(id) === undefined ? SKIP : create(id)));
  return new Map([...all].filter((entry): entry is [string, A] => entry[1] !== SKIP));
}

/** The accumulator of a strategy left out: it needs no pass. */
const SKIP: RowAccumulator = { add: () => undefined, endPass: () => undefined, needsPass: false };

/** The metrics whose distributions the charts draw (the catalogue's curves), and their columns. */
const CURVES = STAT_DEFS.flatMap((d) => (d.curve === true && d.column !== undefined ? [{ path: d.path as CurveStat, column: d.column.id, scale: SCALES[d.column.scale].values }] : []));
/** The loss curve's inputs: lossOf(costUSD, standingCostUSD). */
const LOSS_COLUMNS = ["costUSD", "standingCostUSD"] as const satisfies readonly ReplicationMetric[];

/** The distribution curves of one strategy's replications: each curve metric's ECDF, and the loss curve. */
export type ReplicationDigest = {
  /** Replications of the strategy. */
  readonly n: number;
  /** P(annual loss > $x) (costUSD − standingCostUSD). */
  readonly loss: LossCurve;
} & { readonly [K in CurveStat]: Ecdf };

export interface ReplicationOptions {
  /** Points per ECDF (the downtime ECDF and exceedance charts). Default 300. */
  readonly curvePoints?: number;
  /** Points per loss curve. Default 400 (lossCurve's). */
  readonly lossPoints?: number;
  /** Values held per collected bin of the order statistics (see ExactOrderStatistics). */
  readonly collectLimit?: number;
  /** Replications in the run, when known (each curve then counts from its first value). */
  readonly replications?: number;
}

const COLUMNS: readonly ReplicationMetric[] = [...CURVES.map((c) => c.column), ...LOSS_COLUMNS];

/**
 * Memory each curve's order statistic may take in a pass. Every curve of every strategy (20 for
 * four strategies) takes its passes at once, so ExactOrderStatistics' default of 16 MiB each let
 * the charts of a 10⁷ run reach ~590 MiB; at 4 MiB they peak at ~433 MiB, for a pass or two more
 * over replications.parquet (~20 s more at 10⁷, nothing measurable at 10⁶: `drsim chart` alone).
 */
const CURVE_PASS_BUDGET_BYTES = 4 * 2 ** 20;

class DigestAccumulator implements RowAccumulator {
  private readonly curves: EcdfAccumulator[];
  private readonly loss: LossCurveAccumulator;

  constructor(info: { id: string; label: string; type: string }, options: ReplicationOptions) {
    const { curvePoints = 300, lossPoints = 400, collectLimit, replications: expected } = options;
    this.curves = CURVES.map(() => new EcdfAccumulator({ maxPoints: curvePoints, collectLimit, expected, passBudgetBytes: CURVE_PASS_BUDGET_BYTES }));
    this.loss = new LossCurveAccumulator(info, lossPoints, collectLimit, expected, CURVE_PASS_BUDGET_BYTES);
  }

  get needsPass(): boolean {
    return this.curves.some((c) => c.needsPass) || this.loss.needsPass;
  }

  add(row: Float64Array): void {
    // The same doubles the charts drew from arrays: the catalogue's scale, and lossOf.
    for (let k = 0; k < CURVES.length; k++) if (this.curves[k]!.needsPass) this.curves[k]!.add(CURVES[k]!.scale(row[k]!));
    if (this.loss.needsPass) this.loss.add(lossOf(row[CURVES.length]!, row[CURVES.length + 1]!));
  }

  private scratch = new Float64Array(0);

  addColumns(columns: readonly Float64Array[], n: number): void {
    if (this.scratch.length < n) this.scratch = new Float64Array(n);
    const values = this.scratch;
    for (let k = 0; k < CURVES.length; k++) {
      if (!this.curves[k]!.needsPass) continue;
      const { scale } = CURVES[k]!;
      const column = columns[k]!;
      for (let i = 0; i < n; i++) values[i] = scale(column[i]!);
      this.curves[k]!.addAll(values, 0, n);
    }
    if (this.loss.needsPass) {
      const cost = columns[CURVES.length]!;
      const standing = columns[CURVES.length + 1]!;
      for (let i = 0; i < n; i++) this.loss.add(lossOf(cost[i]!, standing[i]!));
    }
  }

  endPass(): void {
    for (const acc of [...this.curves, this.loss]) if (acc.needsPass) acc.endPass();
  }

  result(): ReplicationDigest {
    const curves = CURVES.map((c, k) => [c.path, this.curves[k]!.result()] as const);
    return { n: curves[0]?.[1].n ?? 0, loss: this.loss.result(), ...Object.fromEntries(curves) } as ReplicationDigest;
  }
}

/** The curves of each strategy of a run (`strategies` in the rows' order; the loss curve carries their label and type). */
export async function loadReplications(
  rows: RowSource,
  strategies: readonly { id: string; label: string; type: string }[],
  options: ReplicationOptions = {},
): Promise<Map<string, ReplicationDigest>> {
  const info = new Map(strategies.map((s) => [s.id, s]));
  const accs = await accumulateReplications(rows, strategies.map((s) => s.id), COLUMNS, (id) => new DigestAccumulator(info.get(id)!, options));
  return new Map([...accs].map(([id, acc]) => [id, acc.result()]));
}
