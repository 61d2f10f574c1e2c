// replications.csv → the per-replication samples the distribution charts draw, per strategy.
import { readCsv, num } from "../csv.js";

export interface ReplicationSamples {
  /** Seconds of full downtime in each replication (horizon). */
  readonly downtimeSeconds: Float64Array;
  /** Seconds of writes lost in each replication. */
  readonly dataLossSeconds: Float64Array;
}

class Growable {
  private data = new Float64Array(1024);
  private n = 0;
  push(x: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = x;
  }
  done(): Float64Array {
    return this.data.slice(0, this.n);
  }
}

/** `resolve` maps the CSV's strategy value to a strategy id (or undefined to skip the row). */
export async function loadReplications(
  path: string,
  resolve: (strategy: string) => string | undefined,
): Promise<Map<string, ReplicationSamples>> {
  const acc = new Map<string, { downtime: Growable; loss: Growable }>();
  await readCsv(path, (column) => {
    const s = column("strategy");
    const d = column("downtimeSeconds");
    const l = column("dataLossSeconds");
    return (f) => {
      const id = resolve(f[s] ?? "");
      if (id === undefined) return;
      let a = acc.get(id);
      if (a === undefined) {
        a = { downtime: new Growable(), loss: new Growable() };
        acc.set(id, a);
      }
      a.downtime.push(num(f[d]));
      a.loss.push(num(f[l]));
    };
  });
  const out = new Map<string, ReplicationSamples>();
  for (const [id, a] of acc) out.set(id, { downtimeSeconds: a.downtime.done(), dataLossSeconds: a.loss.done() });
  return out;
}
