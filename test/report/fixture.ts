// A synthetic run directory with plausible numbers for the four strategies, in the exact formats
// of issue 4 (summary.json, scenario.json, replications.csv, incidents.csv, summary.md), so the
// charts and the report can be tested before (and independently of) the real model.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PIPELINE_STEPS, REPLICATION_METRICS, type PipelineStep, type TraceRecord } from "../../src/outcomes/results.js";
import { streamFor } from "../../src/random/streams.js";

class Rng {
  private readonly u: () => number;
  constructor(seed: number) {
    this.u = streamFor(seed, 0, "report-fixture");
  }
  uniform(a = 0, b = 1): number {
    return a + (b - a) * this.u();
  }
  normal(): number {
    const u1 = Math.max(this.u(), 1e-12);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * this.u());
  }
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
  poisson(mean: number): number {
    let k = 0;
    let p = Math.exp(-mean);
    let s = p;
    const u = this.u();
    while (u > s) {
      k++;
      p *= mean / k;
      s += p;
    }
    return k;
  }
}

const H = 3600;
const M = 60;
const YEAR = 365.25 * 24 * H;

interface SyntheticStrategy {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  readonly standingCostUSD: number;
  readonly mode: "backup" | "async" | "sync";
}

export const SYNTHETIC_STRATEGIES: readonly SyntheticStrategy[] = [
  { id: "backup-restore", label: "Backup & restore", type: "backup-restore", standingCostUSD: 38_000, mode: "backup" },
  { id: "pilot-light", label: "Pilot light", type: "pilot-light", standingCostUSD: 61_000, mode: "async" },
  { id: "warm-standby", label: "Warm standby 30 %", type: "warm-standby", standingCostUSD: 118_000, mode: "async" },
  { id: "active-active", label: "Active–active", type: "active-active", standingCostUSD: 254_000, mode: "sync" },
];

type Steps = Partial<Record<PipelineStep, number>>;

interface Incident {
  start: number;
  cause: string;
  regions: string;
  eventDuration: number;
  steps: Steps;
  rto: number;
  rpo: number;
  downtime: number;
  failedOver: boolean;
  aborted: boolean;
  attempts: number;
}

interface WorldEvent {
  start: number;
  duration: number;
  cause: "region-outage" | "catastrophic" | "common-cause" | "degradation" | "partition" | "corruption";
}

function world(rng: Rng): WorldEvent[] {
  const events: WorldEvent[] = [];
  const add = (n: number, make: () => Omit<WorldEvent, "start">): void => {
    for (let i = 0; i < n; i++) events.push({ start: rng.uniform(0, YEAR), ...make() });
  };
  add(rng.poisson(0.12), () =>
    rng.uniform() < 0.05
      ? { cause: "catastrophic", duration: rng.lognormal(5 * 24 * H, 0.5) }
      : { cause: "region-outage", duration: rng.lognormal(6 * H, 0.9) },
  );
  add(rng.poisson(0.012), () => ({ cause: "common-cause", duration: rng.lognormal(5 * H, 0.9) }));
  add(rng.poisson(1), () => ({ cause: "degradation", duration: rng.lognormal(H, 1) }));
  add(rng.poisson(2), () => ({ cause: "partition", duration: rng.lognormal(20 * M, 1) }));
  add(rng.poisson(0.2), () => ({ cause: "corruption", duration: rng.lognormal(2 * H, 1) }));
  return events.sort((a, b) => a.start - b.start);
}

function respond(rng: Rng, s: SyntheticStrategy, e: WorldEvent): Incident {
  const base = { start: e.start, cause: e.cause, eventDuration: e.duration, aborted: false, failedOver: false, attempts: 0 };
  const regions = e.cause === "common-cause" ? "us-east-1+us-west-2" : e.cause === "partition" ? "us-east-1+us-west-2" : "us-east-1";
  if (e.cause === "degradation") {
    const detect = rng.lognormal(60, 0.3);
    return { ...base, regions, steps: { detect }, rto: e.duration, rpo: 0, downtime: 0 };
  }
  if (e.cause === "partition") {
    const rpo = s.mode === "async" ? rng.lognormal(0.5, 0.8) * (rng.uniform() < 0.1 ? 1 : 0) : 0;
    return { ...base, regions, steps: {}, rto: 0, rpo, downtime: 0 };
  }
  if (e.cause === "corruption") {
    const restore = rng.lognormal(50 * M, 0.4);
    const rpo = rng.uniform(0, 24 * H);
    const rto = e.duration + restore;
    return { ...base, regions, steps: { detect: e.duration, restore }, rto, rpo, downtime: rto };
  }
  const forced = e.cause === "catastrophic";
  const allDown = e.cause === "common-cause";
  const detect = s.type === "active-active" ? rng.uniform(10, 40) : rng.uniform(30, 90) + rng.lognormal(4 * M, 0.5);
  if (s.type === "active-active") {
    if (allDown) return { ...base, regions, steps: { detect }, rto: e.duration, rpo: 0, downtime: e.duration };
    const scale = rng.lognormal(3 * M, 0.4);
    return { ...base, regions, steps: { detect, scale }, rto: detect + scale, rpo: 0, downtime: detect };
  }
  const wait = { "backup-restore": 1 * H, "pilot-light": 30 * M, "warm-standby": 15 * M }[s.type] ?? 30 * M;
  const decide = (forced ? 10 * M : wait) + rng.lognormal(10 * M, 0.6);
  const steps: Steps = { detect, decide };
  let t = detect + decide;
  if (!forced && e.duration < t) {
    return { ...base, regions, steps, rto: e.duration, rpo: 0, downtime: e.duration, aborted: true };
  }
  if (s.type === "backup-restore") {
    steps.provision = rng.uniform(10 * M, 21 * M);
    steps.restore = rng.lognormal(55 * M, 0.4);
  } else steps.promote = rng.lognormal(2 * M, 0.5);
  steps.switchTraffic = rng.uniform(60, 5 * M);
  steps.scale = s.type === "warm-standby" ? rng.lognormal(8 * M, 0.4) : rng.lognormal(15 * M, 0.4);
  let attempts = 1;
  if (rng.uniform() < (s.type === "backup-restore" ? 0.15 : 0.06)) {
    attempts = 2;
    t += rng.lognormal(45 * M, 0.5);
  }
  const pipeline = (steps.provision ?? 0) + (steps.restore ?? 0) + (steps.promote ?? 0) + steps.switchTraffic! + steps.scale!;
  t += pipeline;
  if (allDown || (!forced && e.duration < t)) {
    // The primary came back first (or there is nowhere to go): the failover did not finish.
    return { ...base, regions, steps, rto: e.duration, rpo: 0, downtime: e.duration, aborted: !allDown, attempts };
  }
  steps.failback = rng.lognormal(20 * M, 0.3);
  const rpo = s.mode === "backup" ? rng.uniform(0, 24 * H) + rng.lognormal(40 * M, 0.3) : rng.lognormal(0.8, 1.0) + (rng.uniform() < 0.05 ? rng.lognormal(30, 1) : 0);
  const served = s.type === "warm-standby" ? t - steps.scale! * 0.7 : t;
  return { ...base, regions, steps, rto: t, rpo, downtime: served + steps.failback!, failedOver: true, attempts };
}

function stat(values: number[]): Record<string, number | [number, number]> {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const mean = n === 0 ? 0 : values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const q = (p: number): number => (n === 0 ? 0 : sorted[Math.min(n - 1, Math.floor(p * n))]!);
  const half = n === 0 ? 0 : (1.96 * sd) / Math.sqrt(n);
  return { mean, sd, ci95: [mean - half, mean + half], p50: q(0.5), p90: q(0.9), p95: q(0.95), p99: q(0.99), p999: q(0.999), max: q(1) };
}

const fmt = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(8))) : "");

export interface SyntheticRunOptions {
  readonly runs?: number;
  readonly seed?: number;
  readonly strategies?: readonly SyntheticStrategy[];
}

/** Write a synthetic run directory; returns its path. */
export function writeSyntheticRun(dir: string, options: SyntheticRunOptions = {}): string {
  const runs = options.runs ?? 2000;
  const seed = options.seed ?? 7;
  const strategies = options.strategies ?? SYNTHETIC_STRATEGIES;
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(seed);
  const repHeader = ["replication", "strategy", ...REPLICATION_METRICS].join(",");
  const incHeader = [
    "replication", "strategy", "incident", "start", "cause", "regions", "eventDuration",
    ...PIPELINE_STEPS, "rto", "rpo", "downtimeSeconds", "failedRequests", "lostWrites", "failedOver", "aborted", "attempts",
  ].join(",");
  const repLines = [repHeader];
  const incLines = [incHeader];
  const per = strategies.map(() => ({ downtime: [] as number[], loss: [] as number[], lost: [] as number[], cost: [] as number[], standing: [] as number[], count: [] as number[], unavail: [] as number[], rto: [] as number[], rpo: [] as number[] }));
  const rps = 2000;
  const offered = rps * YEAR;
  for (let r = 0; r < runs; r++) {
    const events = world(rng);
    strategies.forEach((s, si) => {
      const incidents = events.map((e) => respond(rng, s, e));
      let downtime = 0;
      let loss = 0;
      let failovers = 0;
      let corruptionLoss = 0;
      let worstRto = 0;
      let worstRpo = 0;
      incidents.forEach((inc, k) => {
        downtime += inc.downtime;
        loss += inc.rpo;
        if (inc.cause === "corruption") corruptionLoss += inc.rpo;
        else [worstRto, worstRpo] = [Math.max(worstRto, inc.rto), Math.max(worstRpo, inc.rpo)];
        if (inc.failedOver) failovers++;
        per[si]!.rto.push(inc.rto / 60);
        per[si]!.rpo.push(inc.rpo);
        incLines.push([
          r, s.id, k, fmt(inc.start), inc.cause, inc.regions, fmt(inc.eventDuration),
          ...PIPELINE_STEPS.map((p) => fmt(inc.steps[p] ?? Number.NaN)),
          fmt(inc.rto), fmt(inc.rpo), fmt(inc.downtime), fmt(inc.downtime * rps), fmt(inc.rpo * rps * 0.1),
          inc.failedOver, inc.aborted, inc.attempts,
        ].join(","));
      });
      const failed = downtime * rps;
      const lostWrites = loss * rps * 0.1;
      const incidentCost = failovers * 900;
      const penalty = (downtime / 60) * 100;
      const cost = s.standingCostUSD + incidentCost + penalty;
      const m: Record<string, number> = {
        downtimeSeconds: downtime, failedRequests: failed, offeredRequests: offered, unavailability: failed / offered,
        dataLossSeconds: loss, lostWrites, lostBytes: lostWrites * 2048, conflictWrites: 0, incidents: incidents.length,
        failovers, standingCostUSD: s.standingCostUSD, incidentCostUSD: incidentCost, penaltyCostUSD: penalty, costUSD: cost,
        // The headline split (issue 13), plausibly: every failed request here is a full outage.
        partialSeconds: 0, partialUnavailability: 0, allRegionsDownUnavailability: 0, brownoutUnavailability: 0,
        corruptionUnavailability: 0, floorUnavailability: 0, regionFailureDataLossSeconds: loss - corruptionLoss,
        corruptionDataLossSeconds: corruptionLoss, worstRtoSeconds: worstRto, worstRpoSeconds: worstRpo, floorPenaltyUSD: 0,
      };
      repLines.push([r, s.id, ...REPLICATION_METRICS.map((k) => fmt(m[k]!))].join(","));
      const p = per[si]!;
      p.downtime.push(downtime / 60);
      p.loss.push(loss);
      p.lost.push(lostWrites);
      p.cost.push(cost);
      p.standing.push(s.standingCostUSD);
      p.count.push(incidents.length);
      p.unavail.push(failed / offered);
    });
  }
  const summary = {
    drsim: "0.1.0",
    scenario: "synthetic",
    seed,
    runs,
    horizonHours: YEAR / H,
    strategies: Object.fromEntries(
      strategies.map((s, i) => {
        const p = per[i]!;
        return [s.id, {
          availability: stat(p.unavail.map((u) => 1 - u)),
          downtimeMinutes: stat(p.downtime),
          unavailability: stat(p.unavail),
          dataLossSeconds: stat(p.loss),
          lostWrites: stat(p.lost),
          costUSD: stat(p.cost),
          standingCostUSD: stat(p.standing),
          incidents: { count: stat(p.count), rtoMinutes: stat(p.rto), rpoSeconds: stat(p.rpo) },
        }];
      }),
    ),
  };
  writeFileSync(join(dir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(dir, "scenario.json"), `${JSON.stringify({
    name: "synthetic",
    description: "Synthetic fixture for the chart tests: plausible numbers, not a model run.",
    run: { runs, seed, horizon: YEAR },
    strategies: strategies.map((s) => ({ id: s.id, label: s.label, type: s.type })),
  }, null, 2)}\n`);
  writeFileSync(join(dir, "replications.csv"), `${repLines.join("\n")}\n`);
  writeFileSync(join(dir, "incidents.csv"), `${incLines.join("\n")}\n`);
  writeFileSync(join(dir, "summary.md"), [
    "| strategy | downtime p50 (min/yr) | downtime p99 (min/yr) | mean cost (USD/yr) |",
    "|---|---:|---:|---:|",
    ...strategies.map((s, i) => {
      const d = summary.strategies[s.id]!.downtimeMinutes;
      return `| ${s.label} | ${Number(d.p50).toFixed(1)} | ${Number(d.p99).toFixed(1)} | ${Math.round(stat(per[i]!.cost).mean as number)} |`;
    }),
    "",
  ].join("\n"));
  return dir;
}

/** The trace of one warm-standby replication with a regional outage and a failover. */
export function syntheticTrace(): TraceRecord[] {
  const t0 = 120 * 86400 + 14 * H;
  const rec = (time: number, event: string, region = "", detail = "", value = Number.NaN): TraceRecord => ({ time, event, region, detail, value });
  const out: TraceRecord[] = [
    rec(0, "capacity", "", "", 1),
    rec(40 * 86400, "partition-begin", "us-east-1+us-west-2"),
    rec(40 * 86400 + 25 * M, "partition-end", "us-east-1+us-west-2"),
    rec(90 * 86400, "degradation-begin", "us-east-1", "", 0.7),
    rec(90 * 86400, "capacity", "", "", 0.7),
    rec(90 * 86400 + 50 * M, "degradation-end", "us-east-1"),
    rec(90 * 86400 + 50 * M, "capacity", "", "", 1),
    rec(t0, "outage-begin", "us-east-1"),
    rec(t0, "incident-begin", "us-east-1", "region-outage"),
    rec(t0, "capacity", "", "", 0),
    rec(t0, "control-plane-begin", "us-east-1"),
    rec(t0, "step-begin", "", "detect"),
    rec(t0 + 75, "step-end", "", "detect"),
    rec(t0 + 75, "step-begin", "", "decide"),
    rec(t0 + 75 + 22 * M, "step-end", "", "decide"),
    rec(t0 + 75 + 22 * M, "step-begin", "us-west-2", "promote"),
    rec(t0 + 75 + 24 * M, "attempt-failed", "us-west-2", "promote"),
    rec(t0 + 75 + 24 * M, "step-end", "us-west-2", "promote"),
    rec(t0 + 75 + 60 * M, "step-begin", "us-west-2", "promote"),
    rec(t0 + 75 + 62 * M, "step-end", "us-west-2", "promote"),
    rec(t0 + 75 + 62 * M, "step-begin", "us-west-2", "switchTraffic"),
    rec(t0 + 75 + 65 * M, "step-end", "us-west-2", "switchTraffic"),
    rec(t0 + 75 + 65 * M, "failover", "us-west-2"),
    rec(t0 + 75 + 65 * M, "capacity", "", "", 0.3),
    rec(t0 + 75 + 65 * M, "step-begin", "us-west-2", "scale"),
    rec(t0 + 75 + 70 * M, "capacity", "", "", 0.6),
    rec(t0 + 75 + 75 * M, "capacity", "", "", 0.85),
    rec(t0 + 75 + 79 * M, "step-end", "us-west-2", "scale"),
    rec(t0 + 75 + 79 * M, "capacity", "", "", 1),
    rec(t0 + 75 + 79 * M, "incident-end", "us-east-1"),
    rec(t0 + 3 * H, "control-plane-end", "us-east-1"),
    rec(t0 + 7.4 * H, "outage-end", "us-east-1"),
    rec(t0 + 8.5 * H, "step-begin", "us-east-1", "failback"),
    rec(t0 + 8.5 * H, "capacity", "", "", 0),
    rec(t0 + 8.5 * H + 18 * M, "step-end", "us-east-1", "failback"),
    rec(t0 + 8.5 * H + 18 * M, "failback", "us-east-1"),
    rec(t0 + 8.5 * H + 18 * M, "capacity", "", "", 1),
    rec(300 * 86400, "corruption", "us-east-1"),
    rec(300 * 86400 + 2 * H, "corruption-detected", "us-east-1"),
  ];
  return out.sort((a, b) => a.time - b.time);
}
