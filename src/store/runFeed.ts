// A run's rows, fed batch by batch in replication order into its summary and its files: the one
// streaming path of a run (batches from the workers, while later ones simulate) and of a merge
// (batches read from the shards) — a run is a merge of one shard. The first pass feeds the
// summary's statistics and the sinks and keeps the numbers the summary reads (in memory up to a
// budget, then in a scratch file); the passes exact quantiles need after it replay them. Memory is
// bounded by the number of statistics and the budget, not by the number of replications.
import type { ReplicationMetric } from "../outcomes/metrics.js";
import type { Scenario } from "../scenario/types.js";
import type { Summary } from "../montecarlo/summary.js";
import { SUMMARY_COLUMNS, SummaryAccumulator } from "../montecarlo/summaryAccumulator.js";
import type { IncidentField, RowBatch } from "./rows.js";
import { Spill } from "./spill.js";
import { DEFAULT_COLLECT_LIMIT } from "../stats/orderStatistics.js";

/** The incident columns the summary reads. */
export const SUMMARY_INCIDENT_FIELDS = ["cause", "rto", "rpo", "failedOver", "aborted"] as const satisfies readonly IncidentField[];

/** The rows a summary keeps for the passes after the first. */
export type SpillKind = "replications" | "incidents";

/**
 * Bytes of first-pass numbers held in memory before they go to a scratch file (each kind): a run
 * of up to ~80,000 incidents keeps its incidents in memory; replications are kept only when one
 * pass cannot settle their quantiles (more than the statistics hold), and then go to disk.
 */
export const SPILL_MEMORY_BYTES = 16 * 2 ** 20;

/**
 * Values each of the summary's ~160 statistics holds in its first pass (256 KiB): past it, the
 * statistic takes passes over the numbers spilled above. Holding ExactOrderStatistics' default
 * (2¹⁸ values, 2 MiB) a run's memory peaked where its replications just fit: `drsim run -n 262144`
 * at 549 MiB against 389 MiB at 10⁶. Measured with this limit (drsim run, 2 workers): 348 MiB at
 * 262,144, 356 at 10⁶, 291 at 10⁵, in the same time within noise (a replay of the spill is a
 * second or less).
 * Only the first pass: a bin of a later pass is still collected up to the default, since lowering
 * that too turned bins of 2¹⁵–2¹⁷ values into 1 MiB histograms (a 10⁷ run: 395 → 474 MiB).
 */
export const STREAMED_HOLD_LIMIT = 1 << 15;

/** Where a run's rows go besides the summary: its run directory's sinks. */
export interface BatchWriter {
  write(batch: RowBatch): Promise<void>;
  /** The formats it writes (a source in one of them may hand over its rows' text). */
  readonly formats: readonly string[];
}

export interface FeedOptions {
  /** Values each statistic holds and sorts in one pass (see StatAccumulator); default bounded, and at most STREAMED_HOLD_LIMIT in the first pass. */
  readonly collectLimit?: number;
  /**
   * Replications the run has, when known: if the statistics hold them all, one pass settles every
   * replication quantile and their numbers are not kept.
   */
  readonly replications?: number;
  /** The passes after the first: which one, what it replays ("replications" or "incidents"), rows done of total. */
  readonly onProgress?: (pass: number, what: SpillKind, rows: number, total: number) => void;
}

/**
 * What the spills hold, batch after batch: replications as [n, then each strategy's SUMMARY_COLUMNS
 * columns of n values]; incidents as [count, then its cause, rto, rpo, failedOver, aborted columns]
 * per strategy. Replays feed them back column by column, as the first pass did.
 */
const INCIDENT_COLUMNS = 5;

export class RunFeed {
  private readonly acc: SummaryAccumulator;
  private readonly spills: Record<SpillKind, Spill>;
  private readonly strategyCount: number;
  /** Whether the replications' numbers are kept: not when one pass settles their quantiles. */
  private readonly keepReplications: boolean;
  private pass = 1;
  private finished = false;
  /** Rows fed: replication rows (replications × strategies) and incident rows. */
  replicationRows = 0;
  incidentRows = 0;

  constructor(
    scenario: Scenario,
    scratchDir: string,
    private readonly writer: BatchWriter | undefined,
    private readonly options: FeedOptions = {},
  ) {
    const holdLimit = Math.min(options.collectLimit ?? DEFAULT_COLLECT_LIMIT, STREAMED_HOLD_LIMIT);
    this.acc = new SummaryAccumulator(scenario, options.collectLimit, options.replications, holdLimit);
    this.strategyCount = scenario.strategies.length;
    this.keepReplications = !(options.replications !== undefined && options.replications <= holdLimit);
    this.spills = {
      replications: new Spill(scratchDir, "summary-replications.f64", SPILL_MEMORY_BYTES),
      incidents: new Spill(scratchDir, "summary-incidents.f64", SPILL_MEMORY_BYTES),
    };
  }

  /** The next batch of the first pass (replication order): into the summary, the spill and the writer. */
  async add(batch: RowBatch<ReplicationMetric, IncidentField>): Promise<void> {
    if (this.finished) throw new Error("RunFeed: add() after summary()");
    const { acc, spills } = this;
    const n = batch.range.end - batch.range.start;
    const columns = batch.strategies.map((s) => SUMMARY_COLUMNS.map((m) => s.metrics[m]));
    acc.addColumns(columns, 0, n);
    if (this.keepReplications) {
      spills.replications.append([n]);
      for (const own of columns) for (const column of own) spills.replications.append(column, 0, n);
    }
    this.replicationRows += n * this.strategyCount;
    // Incidents in replication order within each strategy (each strategy has its own statistics).
    batch.strategies.forEach(({ incidents: inc }, s) => {
      for (let k = 0; k < inc.count; k++) acc.addIncident(s, inc.cause[k]!, inc.rto[k]!, inc.rpo[k]!, inc.failedOver[k] === 1, inc.aborted[k] === 1);
      spills.incidents.append([inc.count]);
      for (const column of [inc.cause, inc.rto, inc.rpo, inc.failedOver, inc.aborted]) spills.incidents.append(column, 0, inc.count);
      this.incidentRows += inc.count;
    });
    await this.writer?.write(batch);
  }

  /** A further pass: the first pass's numbers, replayed. */
  private async replay(kind: SpillKind): Promise<void> {
    if (kind === "replications" && !this.keepReplications) throw new Error("RunFeed: a replication pass the run's size ruled out");
    const reader = this.spills[kind].read();
    const total = kind === "replications" ? this.replicationRows : this.incidentRows;
    const width = SUMMARY_COLUMNS.length;
    const strategies = this.strategyCount;
    let rows = 0;
    let blocks = 0;
    for (let head = reader.take(1); head !== undefined; head = reader.take(1)) {
      const n = head[0]!;
      if (kind === "replications") {
        const block = reader.take(strategies * width * n)!;
        const columns = Array.from({ length: strategies }, (_, s) => Array.from({ length: width }, (_, m) => block.subarray((s * width + m) * n, (s * width + m + 1) * n)));
        this.acc.addColumns(columns, 0, n);
        rows += n * strategies;
      } else {
        // One strategy's incidents; the blocks come strategy after strategy, batch after batch.
        const s = blocks++ % strategies;
        const block = reader.take(INCIDENT_COLUMNS * n)!;
        for (let k = 0; k < n; k++) this.acc.addIncident(s, block[k]!, block[n + k]!, block[2 * n + k]!, block[3 * n + k] === 1, block[4 * n + k] === 1);
        rows += n;
      }
      this.options.onProgress?.(this.pass, kind, rows, total);
      // A replay of 10⁸ replications runs for minutes: let Ctrl-C (a signal, handled on the event
      // loop) in between blocks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Ends the first pass and takes the passes exact quantiles need: the summary of every row fed. */
  async summary(meta: { drsim: string; scenarioHash: string }): Promise<Summary> {
    if (this.finished) throw new Error("RunFeed: summary() twice");
    this.finished = true;
    try {
      for (;;) {
        this.acc.endPass();
        this.pass++;
        const replications = this.acc.needsReplicationPass;
        const incidents = this.acc.needsIncidentPass;
        if (!replications && !incidents) return this.acc.result(meta);
        if (replications) await this.replay("replications");
        if (incidents) await this.replay("incidents");
      }
    } finally {
      this.dispose();
    }
  }

  /** Frees the kept numbers and deletes their scratch files (summary() does; call it when a run is abandoned). */
  dispose(): void {
    for (const spill of Object.values(this.spills)) spill.discard();
  }
}
