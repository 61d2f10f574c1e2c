// A run's incidents → what the incident charts need, in two streaming passes and flat memory: per
// strategy the step-duration sums (pass 1) and an evenly spaced sample of incidents plus the most
// extreme ones (pass 2).
import { INCIDENT_CAUSES, isRegionFailure, PIPELINE_STEPS, type PipelineStep } from "../../../outcomes/results.js";
import type { IncidentBatch, IncidentField, RowBatch, RowSource } from "../../../store/rows.js";

export interface IncidentPoint {
  readonly replication: number;
  readonly incident: number;
  readonly cause: string;
  readonly regions: string;
  /** Seconds. */
  readonly rto: number;
  /** Seconds of writes lost. */
  readonly rpo: number;
  readonly downtimeSeconds: number;
  readonly failedOver: boolean;
  readonly aborted: boolean;
  readonly attempts: number;
}

export interface IncidentDigest {
  /** All incidents of the strategy. */
  readonly count: number;
  /** Incidents with any downtime-to-recovery or data loss (rto > 0 or rpo > 0). */
  readonly impactful: number;
  /** Region-failure incidents (not corruption) in which a response beyond detection ran. */
  readonly responded: number;
  /** Over responded incidents: sum of each step's seconds (a step that did not run adds 0). */
  readonly stepSeconds: Readonly<Record<PipelineStep, number>>;
  /** Over responded incidents: in how many each step ran. */
  readonly stepRuns: Readonly<Record<PipelineStep, number>>;
  /** Over responded incidents: the sum of their RTOs, seconds (impact start → full service). */
  readonly respondedRtoSeconds: number;
  /** Impactful incidents: an even sample in file order, plus the ones with the largest RTO and RPO. */
  readonly sample: readonly IncidentPoint[];
}

function zeros(): Record<PipelineStep, number> {
  return Object.fromEntries(PIPELINE_STEPS.map((s) => [s, 0])) as Record<PipelineStep, number>;
}

interface Pass1 {
  count: number;
  impactful: number;
  responded: number;
  stepSeconds: Record<PipelineStep, number>;
  stepRuns: Record<PipelineStep, number>;
  respondedRtoSeconds: number;
  maxRto: number;
  maxRtoAt: number;
  maxRpo: number;
  maxRpoAt: number;
}

const positive = (x: number): boolean => Number.isFinite(x) && x > 0;
/** The steps of a response beyond detection: an incident in which one ran was responded to. */
const RESPONSE_STEPS = PIPELINE_STEPS.filter((step) => step !== "detect");
/** The fields each pass reads: the step sums and extremes, then the sampled incidents. */
const PASS1 = ["cause", "steps", "rto", "rpo"] as const satisfies readonly IncidentField[];
const PASS2 = ["cause", "region", "rto", "rpo", "downtimeSeconds", "failedOver", "aborted", "attempts"] as const satisfies readonly IncidentField[];

/**
 * Each strategy's incidents of a batch in order, with their index within their replication
 * (`last`: where each strategy's previous batch ended).
 */
function visitBatch<I extends IncidentField>(
  batch: RowBatch<never, I>,
  strategies: readonly string[],
  last: { replication: number; index: number }[],
  visit: (id: string, inc: IncidentBatch<I>, k: number, index: number) => void,
): void {
  batch.strategies.forEach(({ incidents: inc }, s) => {
    const at = last[s]!;
    for (let k = 0; k < inc.count; k++) {
      const replication = inc.replication[k]!;
      at.index = replication === at.replication ? at.index + 1 : 0;
      at.replication = replication;
      visit(strategies[s]!, inc, k, at.index);
    }
  });
}

/** Each strategy's incidents in order, with their index within their replication, read in batches. */
async function eachIncident<I extends IncidentField>(
  rows: RowSource,
  strategies: readonly string[],
  fields: readonly I[],
  visit: (id: string, inc: IncidentBatch<I>, k: number, index: number) => void,
): Promise<void> {
  const last = strategies.map(() => ({ replication: -1, index: 0 }));
  for await (const batch of rows.read({ metrics: [], incidents: fields })) visitBatch(batch, strategies, last, visit);
}

/** One incident into its strategy's step sums and extremes (the first pass). */
function tally(pass1: Map<string, Pass1>, id: string, inc: IncidentBatch<(typeof PASS1)[number]>, k: number): void {
  let p = pass1.get(id);
  if (p === undefined) {
    p = {
      count: 0, impactful: 0, responded: 0, stepSeconds: zeros(), stepRuns: zeros(), respondedRtoSeconds: 0,
      maxRto: -1, maxRtoAt: -1, maxRpo: -1, maxRpoAt: -1,
    };
    pass1.set(id, p);
  }
  p.count++;
  // Where the recovery time goes is a question about the DR response to region failures:
  // corruption restores take the same path for every strategy and would drown it out.
  // (A loop per incident, not arrays: a 10⁶ run has millions of incidents.)
  if (isRegionFailure(inc.cause[k]!) && RESPONSE_STEPS.some((step) => Number.isFinite(inc.steps[step][k]!))) {
    p.responded++;
    p.respondedRtoSeconds += inc.rto[k]!;
    for (const step of PIPELINE_STEPS) {
      const v = inc.steps[step][k]!;
      if (!Number.isFinite(v)) continue;
      p.stepSeconds[step] += v;
      p.stepRuns[step]++;
    }
  }
  const rto = inc.rto[k]!;
  const rpo = inc.rpo[k]!;
  if (positive(rto) || positive(rpo)) {
    const n = p.impactful++;
    if (rto > p.maxRto) [p.maxRto, p.maxRtoAt] = [rto, n];
    if (rpo > p.maxRpo) [p.maxRpo, p.maxRpoAt] = [rpo, n];
  }
}

/**
 * The incident charts' first pass (step sums, extremes), fed batch by batch as the run is written
 * (a batch is only lent: nothing of it is kept), so that drawing the charts reads incidents.parquet
 * once instead of twice. The same tallies in the same order of rows: the same charts, byte for byte.
 */
export class IncidentFirstPass {
  /** The incident fields `add` reads. */
  static readonly fields: readonly IncidentField[] = PASS1;
  readonly tallies = new Map<string, Pass1>();
  private readonly last: { replication: number; index: number }[];

  constructor(readonly strategies: readonly string[]) {
    this.last = strategies.map(() => ({ replication: -1, index: 0 }));
  }

  add(batch: RowBatch<never, (typeof PASS1)[number]>): void {
    visitBatch(batch, this.strategies, this.last, (id, inc, k) => tally(this.tallies, id, inc, k));
  }
}

/**
 * The incident digests of a run's strategies with any incident (`strategies` in the rows' order).
 * `fed`: the first pass, when it was taken as the rows were written.
 */
export async function loadIncidents(rows: RowSource, strategies: readonly string[], samplePerStrategy = 400, fed?: IncidentFirstPass): Promise<Map<string, IncidentDigest>> {
  let pass1 = fed?.tallies;
  if (pass1 === undefined) {
    const tallies = new Map<string, Pass1>();
    await eachIncident(rows, strategies, PASS1, (id, inc, k) => tally(tallies, id, inc, k));
    pass1 = tallies;
  }

  const seen = new Map<string, number>();
  const samples = new Map<string, IncidentPoint[]>();
  await eachIncident(rows, strategies, PASS2, (id, inc, k, index) => {
    const rto = inc.rto[k]!;
    const rpo = inc.rpo[k]!;
    if (!positive(rto) && !positive(rpo)) return;
    const p = pass1.get(id)!;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    const m = Math.min(samplePerStrategy, p.impactful);
    const even = Math.floor(((n + 1) * m) / p.impactful) !== Math.floor((n * m) / p.impactful);
    if (!even && n !== p.maxRtoAt && n !== p.maxRpoAt) return;
    let list = samples.get(id);
    if (list === undefined) samples.set(id, (list = []));
    list.push({
      replication: inc.replication[k]!,
      incident: index,
      cause: INCIDENT_CAUSES[inc.cause[k]!]!,
      regions: inc.regionNames[inc.region[k]!]!,
      rto,
      rpo,
      downtimeSeconds: inc.downtimeSeconds[k]!,
      failedOver: inc.failedOver[k] === 1,
      aborted: inc.aborted[k] === 1,
      attempts: inc.attempts[k]!,
    });
  });

  // In the rows' order of strategies, however the batches that met their first incidents were cut.
  const out = new Map<string, IncidentDigest>();
  for (const id of strategies) {
    const p = pass1.get(id);
    if (p === undefined) continue;
    out.set(id, {
      count: p.count,
      impactful: p.impactful,
      responded: p.responded,
      stepSeconds: p.stepSeconds,
      stepRuns: p.stepRuns,
      respondedRtoSeconds: p.respondedRtoSeconds,
      sample: samples.get(id) ?? [],
    });
  }
  return out;
}
