// What a plan study keeps of each replication: per configuration of each service (and of each flow
// that is not simply its first service), the numbers plans are compared on — one value per
// replication, in replication order, so any two plans' differences are paired (common random
// numbers: every plan reads the same simulated years) — and the per-year facts of its tier.
import { UserError } from "../errors.js";
import type { PortfolioModel } from "../replication/portfolioModel.js";
import type { PortfolioReplication } from "../replication/portfolioReplication.js";
import { yearFacts, type YearFacts } from "./planCriteria.js";

/** One configuration of one service, over the replications added so far. */
export interface ServiceColumns {
  readonly costUSD: Float64Array;
  readonly downtimeSeconds: Float64Array;
  readonly unavailability: Float64Array;
  readonly dataLossSeconds: Float64Array;
  /** Years that kept each promise of the tier. */
  rtoYears: number;
  rpoYears: number;
  availabilityYears: number;
  /** Incidents that broke RTO, RPO. */
  rtoMisses: number;
  rpoMisses: number;
  /** Seconds at level 0 by cause (PortfolioModel.causes), summed. */
  readonly downtimeByCause: Float64Array;
}

/** One configuration of one flow. */
export interface FlowColumns {
  readonly downtimeSeconds: Float64Array;
  readonly unavailability: Float64Array;
  readonly penaltyCostUSD: Float64Array;
  readonly downtimeByCause: Float64Array;
}

/** The mean of the first `n` values (default all). */
export function columnMean(values: Float64Array, n = values.length): number {
  let sum = 0;
  for (let r = 0; r < n; r++) sum += values[r]!;
  return n > 0 ? sum / n : NaN;
}

/** The columns a study may hold in memory: beyond, fewer years or fewer strategies per service. */
export const MAX_COLUMN_BYTES = 2 ** 31;

/** Bytes the columns of `model` take for `years` replications (8 per value kept). */
export function columnBytes(model: PortfolioModel, years: number): number {
  const services = model.services.reduce((n, s) => n + 4 * s.configs.count, 0);
  const flows = model.flows.reduce((n, f) => n + (f.sameAs >= 0 ? 0 : 3 * f.configs.count), 0);
  return 8 * years * (services + flows);
}

export class PlanColumns {
  /** Replications added so far. */
  count = 0;
  readonly services: readonly (readonly ServiceColumns[])[];
  /** Null for a flow that is its first service as its users see it (FlowModel.sameAs): read that service's. */
  readonly flows: readonly ((readonly FlowColumns[]) | null)[];
  private readonly facts: YearFacts = { rto: true, rpo: true, availability: true, rtoMisses: 0, rpoMisses: 0 };

  constructor(
    private readonly model: PortfolioModel,
    readonly capacity: number,
  ) {
    const bytes = columnBytes(model, capacity);
    if (bytes > MAX_COLUMN_BYTES) {
      throw new UserError(
        `${capacity} years of ${model.portfolio.name}'s plans need ${Math.ceil(bytes / 2 ** 20)} MiB of columns, more than the ${MAX_COLUMN_BYTES / 2 ** 20} MiB allowed: ` +
          "plan with fewer years (-n), or narrow the strategies some services may use",
      );
    }
    const causes = model.causes.length;
    this.services = model.services.map((s) =>
      Array.from({ length: s.configs.count }, (): ServiceColumns => ({
        costUSD: new Float64Array(capacity),
        downtimeSeconds: new Float64Array(capacity),
        unavailability: new Float64Array(capacity),
        dataLossSeconds: new Float64Array(capacity),
        rtoYears: 0,
        rpoYears: 0,
        availabilityYears: 0,
        rtoMisses: 0,
        rpoMisses: 0,
        downtimeByCause: new Float64Array(causes),
      })),
    );
    this.flows = model.flows.map((f) =>
      f.sameAs >= 0
        ? null
        : Array.from({ length: f.configs.count }, (): FlowColumns => ({
            downtimeSeconds: new Float64Array(capacity),
            unavailability: new Float64Array(capacity),
            penaltyCostUSD: new Float64Array(capacity),
            downtimeByCause: new Float64Array(causes),
          })),
    );
  }

  /** The next replication (they come in order). */
  add(rep: PortfolioReplication): void {
    const r = this.count++;
    if (r >= this.capacity) throw new Error(`plan columns: more than ${this.capacity} replications`);
    this.model.services.forEach((sm, s) => {
      const tier = sm.service.tier;
      const columns = this.services[s]!;
      rep.services[s]!.forEach((outcome, c) => {
        const col = columns[c]!;
        const m = outcome.metrics;
        col.costUSD[r] = m.costUSD;
        col.downtimeSeconds[r] = m.downtimeSeconds;
        col.unavailability[r] = m.unavailability;
        col.dataLossSeconds[r] = m.dataLossSeconds;
        const year = yearFacts(outcome, tier, this.facts);
        if (year.rto) col.rtoYears++;
        if (year.rpo) col.rpoYears++;
        if (year.availability) col.availabilityYears++;
        col.rtoMisses += year.rtoMisses;
        col.rpoMisses += year.rpoMisses;
        if (outcome.downtimeByCause === null) col.downtimeByCause[s]! += m.downtimeSeconds;
        else for (let k = 0; k < col.downtimeByCause.length; k++) col.downtimeByCause[k]! += outcome.downtimeByCause[k]!;
      });
    });
    this.flows.forEach((columns, f) => {
      if (columns === null) return;
      rep.flows[f]!.forEach((outcome, c) => {
        const col = columns[c]!;
        col.downtimeSeconds[r] = outcome.downtimeSeconds;
        col.unavailability[r] = outcome.unavailability;
        col.penaltyCostUSD[r] = outcome.penaltyCostUSD;
        if (outcome.downtimeByCause !== null) for (let k = 0; k < col.downtimeByCause.length; k++) col.downtimeByCause[k]! += outcome.downtimeByCause[k]!;
      });
    });
  }

  /** Flow `f` under flow configuration `c`: its own columns, or those of the service it is. */
  flow(f: number, c: number): FlowColumns {
    const own = this.flows[f];
    if (own != null) return own[c]!;
    const fm = this.model.flows[f]!;
    const service = this.services[fm.sameAs]![fm.configOf[0]![c]!]!;
    const perMinute = fm.flow.downtimeUSDPerMinute;
    return {
      downtimeSeconds: service.downtimeSeconds,
      unavailability: service.unavailability,
      penaltyCostUSD: Float64Array.from(service.downtimeSeconds, (d) => (perMinute * d) / 60),
      downtimeByCause: service.downtimeByCause,
    };
  }

  /**
   * Plan cost per replication (first `count`): its services' costs at their configurations plus
   * its flows' own downtime penalties.
   */
  planCost(serviceConfigs: Int32Array, flowConfigs: Int32Array, out = new Float64Array(this.count)): Float64Array {
    const n = this.count;
    out.fill(0, 0, n);
    serviceConfigs.forEach((c, s) => {
      const cost = this.services[s]![c]!.costUSD;
      for (let r = 0; r < n; r++) out[r]! += cost[r]!;
    });
    flowConfigs.forEach((c, f) => {
      const fm = this.model.flows[f]!;
      if (fm.flow.downtimeUSDPerMinute === 0) return;
      const own = this.flows[f];
      if (own != null) {
        const penalty = own[c]!.penaltyCostUSD;
        for (let r = 0; r < n; r++) out[r]! += penalty[r]!;
      } else {
        const downtime = this.services[fm.sameAs]![fm.configOf[0]![c]!]!.downtimeSeconds;
        const perMinute = fm.flow.downtimeUSDPerMinute;
        for (let r = 0; r < n; r++) out[r]! += (perMinute * downtime[r]!) / 60;
      }
    });
    return out.length === n ? out : out.subarray(0, n);
  }
}
