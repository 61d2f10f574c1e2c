// The charts' first pass over a run's rows, taken while the run is simulated and written: the
// curves' and the incident digests' first passes fed from the stream of batches, so that drawing
// the charts afterwards reads each file one pass fewer. The same accumulators in the same order
// of rows: the charts come out byte for byte as when every pass reads the files.
import type { RowBatch } from "../../../store/rows.js";
import { IncidentFirstPass } from "./incidents.js";
import { ReplicationFirstPass } from "./replications.js";

export interface ChartedStrategy {
  readonly id: string;
  readonly label: string;
  readonly type: string;
}

export class ChartFirstPass {
  readonly replications: ReplicationFirstPass;
  readonly incidents: IncidentFirstPass;

  /** `strategies` in the run's order; `runs`: its replications (each curve then counts from its first value). */
  constructor(
    readonly strategies: readonly ChartedStrategy[],
    readonly runs: number,
  ) {
    this.replications = new ReplicationFirstPass(strategies, { replications: runs });
    this.incidents = new IncidentFirstPass(strategies.map((s) => s.id));
  }

  /** The run's next batch (replication order). It is only lent: what is kept is copied. */
  add(batch: RowBatch): void {
    this.replications.add(batch);
    this.incidents.add(batch);
  }

  /** Whether it was fed the run of `strategies` and `runs` (what readRun reads from the files). */
  matches(strategies: readonly ChartedStrategy[], runs: number): boolean {
    const same = (a: ChartedStrategy, b: ChartedStrategy | undefined): boolean => b !== undefined && a.id === b.id && a.label === b.label && a.type === b.type;
    return runs === this.runs && strategies.length === this.strategies.length && strategies.every((s, k) => same(s, this.strategies[k]));
  }
}
