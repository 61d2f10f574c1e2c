// replications.csv → what the distribution charts draw of it, per strategy: the downtime and
// data-loss ECDFs and the loss-exceedance curve. Never the samples themselves: the file is streamed
// once per pass the accumulators need (typically three), so memory does not grow with the number of
// replications, and the curves are the very doubles the in-memory functions give.
import { LossCurveAccumulator, lossOf, type LossCurve } from "../../../analysis/lossExceedance.js";
import { num, readCsvColumns } from "../csv.js";
import { EcdfAccumulator, type Ecdf } from "../../../stats/curve.js";
import { SCALES, STAT_DEFS, type CurveStat, type ReplicationMetric } from "../../../results/metrics.js";

/** Fed one row's values per pass until it needs no more passes. */
export interface RowAccumulator {
  /** `row` holds the values of the requested columns, in their order. */
  add(row: Float64Array): void;
  endPass(): void;
  readonly needsPass: boolean;
}

/**
 * Streams replications.csv as many times as the accumulators need: one accumulator per strategy
 * (`create`, at its first row; `resolve` maps the CSV's strategy value to an id, or undefined to skip
 * the row). An accumulator that needs no more passes is no longer fed.
 */
export async function streamReplications<A extends RowAccumulator>(
  path: string,
  resolve: (strategy: string) => string | undefined,
  columns: readonly string[],
  create: (id: string) => A,
): Promise<Map<string, A>> {
  const out = new Map<string, A>();
  const row = new Float64Array(columns.length);
  for (let pass = 1; pass === 1 || [...out.values()].some((a) => a.needsPass); pass++) {
    await readCsvColumns(path, ["strategy", ...columns], (f) => {
      const id = resolve(f[0]!);
      if (id === undefined) return;
      let acc = out.get(id);
      if (acc === undefined) {
        if (pass > 1) throw new Error(`${path}: strategy '${id}' appeared after the first pass (did the file change?)`);
        out.set(id, (acc = create(id)));
      }
      if (pass > 1 && !acc.needsPass) return;
      for (let i = 0; i < row.length; i++) row[i] = num(f[i + 1]);
      acc.add(row);
    });
    // The accumulators this pass fed, and only those, end it (needsPass changes only in endPass).
    for (const acc of out.values()) if (pass === 1 || acc.needsPass) acc.endPass();
  }
  return out;
}

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
}

const COLUMNS: readonly ReplicationMetric[] = [...CURVES.map((c) => c.column), ...LOSS_COLUMNS];

class DigestAccumulator implements RowAccumulator {
  private readonly curves: EcdfAccumulator[];
  private readonly loss: LossCurveAccumulator;

  constructor(info: { id: string; label: string; type: string }, options: ReplicationOptions) {
    const { curvePoints = 300, lossPoints = 400, collectLimit } = options;
    this.curves = CURVES.map(() => new EcdfAccumulator({ maxPoints: curvePoints, collectLimit }));
    this.loss = new LossCurveAccumulator(info, lossPoints, collectLimit);
  }

  get needsPass(): boolean {
    return this.curves.some((c) => c.needsPass) || this.loss.needsPass;
  }

  add(row: Float64Array): void {
    // The same doubles the charts drew from arrays: the catalogue's scale, and lossOf.
    for (let k = 0; k < CURVES.length; k++) if (this.curves[k]!.needsPass) this.curves[k]!.add(CURVES[k]!.scale(row[k]!));
    if (this.loss.needsPass) this.loss.add(lossOf(row[CURVES.length]!, row[CURVES.length + 1]!));
  }

  endPass(): void {
    for (const acc of [...this.curves, this.loss]) if (acc.needsPass) acc.endPass();
  }

  result(): ReplicationDigest {
    const curves = CURVES.map((c, k) => [c.path, this.curves[k]!.result()] as const);
    return { n: curves[0]?.[1].n ?? 0, loss: this.loss.result(), ...Object.fromEntries(curves) } as ReplicationDigest;
  }
}

/**
 * The curves of each strategy in replications.csv. `info` gives a strategy's id, label and type
 * (the loss curve carries them).
 */
export async function loadReplications(
  path: string,
  resolve: (strategy: string) => string | undefined,
  info: (id: string) => { id: string; label: string; type: string },
  options: ReplicationOptions = {},
): Promise<Map<string, ReplicationDigest>> {
  const accs = await streamReplications(path, resolve, COLUMNS, (id) => new DigestAccumulator(info(id), options));
  return new Map([...accs].map(([id, acc]) => [id, acc.result()]));
}
