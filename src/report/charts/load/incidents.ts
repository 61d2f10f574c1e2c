// incidents.csv → what the incident charts need, in two streaming passes and flat memory: per
// strategy the step-duration sums (pass 1) and an evenly spaced sample of incidents plus the most
// extreme ones (pass 2).
import { PIPELINE_STEPS, type PipelineStep } from "../../../results/results.js";
import { bool, num, readCsv, type ColumnIndex } from "../csv.js";

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
  /** Impactful incidents: an even sample in file order, plus the ones with the largest RTO and RPO. */
  readonly sample: readonly IncidentPoint[];
}

interface Columns {
  readonly strategy: number;
  readonly replication: number;
  readonly incident: number;
  readonly cause: number;
  readonly regions: number;
  readonly rto: number;
  readonly rpo: number;
  readonly downtime: number;
  readonly failedOver: number;
  readonly aborted: number;
  readonly attempts: number;
  readonly steps: readonly number[];
}

function columns(column: ColumnIndex): Columns {
  return {
    strategy: column("strategy"),
    replication: column("replication"),
    incident: column("incident"),
    cause: column("cause"),
    regions: column("regions"),
    rto: column("rto"),
    rpo: column("rpo"),
    downtime: column("downtimeSeconds"),
    failedOver: column("failedOver"),
    aborted: column("aborted"),
    attempts: column("attempts"),
    steps: PIPELINE_STEPS.map((s) => column(s)),
  };
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
  maxRto: number;
  maxRtoAt: number;
  maxRpo: number;
  maxRpoAt: number;
}

const positive = (x: number): boolean => Number.isFinite(x) && x > 0;

export async function loadIncidents(
  path: string,
  resolve: (strategy: string) => string | undefined,
  samplePerStrategy = 400,
): Promise<Map<string, IncidentDigest>> {
  const pass1 = new Map<string, Pass1>();
  await readCsv(path, (column) => {
    const c = columns(column);
    return (f) => {
      const id = resolve(f[c.strategy] ?? "");
      if (id === undefined) return;
      let p = pass1.get(id);
      if (p === undefined) {
        p = {
          count: 0, impactful: 0, responded: 0, stepSeconds: zeros(), stepRuns: zeros(),
          maxRto: -1, maxRtoAt: -1, maxRpo: -1, maxRpoAt: -1,
        };
        pass1.set(id, p);
      }
      p.count++;
      const durations = c.steps.map((col) => num(f[col]));
      // Where the recovery time goes is a question about the DR response to region failures:
      // corruption restores take the same path for every strategy and would drown it out.
      const regionFailure = f[c.cause] !== "corruption";
      if (regionFailure && durations.some((v, i) => Number.isFinite(v) && PIPELINE_STEPS[i] !== "detect")) {
        p.responded++;
        durations.forEach((v, i) => {
          if (!Number.isFinite(v)) return;
          const step = PIPELINE_STEPS[i]!;
          p.stepSeconds[step] += v;
          p.stepRuns[step]++;
        });
      }
      const rto = num(f[c.rto]);
      const rpo = num(f[c.rpo]);
      if (positive(rto) || positive(rpo)) {
        const k = p.impactful++;
        if (rto > p.maxRto) [p.maxRto, p.maxRtoAt] = [rto, k];
        if (rpo > p.maxRpo) [p.maxRpo, p.maxRpoAt] = [rpo, k];
      }
    };
  });

  const seen = new Map<string, number>();
  const samples = new Map<string, IncidentPoint[]>();
  await readCsv(path, (column) => {
    const c = columns(column);
    return (f) => {
      const id = resolve(f[c.strategy] ?? "");
      if (id === undefined) return;
      const rto = num(f[c.rto]);
      const rpo = num(f[c.rpo]);
      if (!positive(rto) && !positive(rpo)) return;
      const p = pass1.get(id)!;
      const k = seen.get(id) ?? 0;
      seen.set(id, k + 1);
      const m = Math.min(samplePerStrategy, p.impactful);
      const even = Math.floor(((k + 1) * m) / p.impactful) !== Math.floor((k * m) / p.impactful);
      if (!even && k !== p.maxRtoAt && k !== p.maxRpoAt) return;
      let list = samples.get(id);
      if (list === undefined) samples.set(id, (list = []));
      list.push({
        replication: num(f[c.replication]),
        incident: num(f[c.incident]),
        cause: f[c.cause] ?? "",
        regions: f[c.regions] ?? "",
        rto,
        rpo,
        downtimeSeconds: num(f[c.downtime]),
        failedOver: bool(f[c.failedOver]),
        aborted: bool(f[c.aborted]),
        attempts: num(f[c.attempts]),
      });
    };
  });

  const out = new Map<string, IncidentDigest>();
  for (const [id, p] of pass1) {
    out.set(id, {
      count: p.count,
      impactful: p.impactful,
      responded: p.responded,
      stepSeconds: p.stepSeconds,
      stepRuns: p.stepRuns,
      sample: samples.get(id) ?? [],
    });
  }
  return out;
}
