// End-to-end benchmark: replication-years per second of the default scenario (all its strategies)
// at 1 and 2 workers (steady state), the 1→2 speed-up, peak memory (RSS sampled every 20 ms, worker
// threads included), the fixed cost of starting workers, the cost of summarizing and writing the
// outputs, the CSV writer against fast-csv, and the whole CLI's wall-clock rate.
//
//   npm run bench -- e2e [--json] [--runs=100000]
//
// Target (docs/design.md): ≥ 200,000 replication-years/s on 2 cores, ≥ 1.8× from 1 to 2 workers.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { format } from "fast-csv";
import { REPLICATION_METRICS } from "../src/outcomes/results.js";
import { loadScenario } from "../src/replication/scenario.js";
import { defaultScenarioPath } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/types.js";
import { WorkerPool } from "../src/montecarlo/pool.js";
import { runMonteCarlo } from "../src/montecarlo/runner.js";
import { summarize } from "../src/montecarlo/summary.js";
import type { RunResult } from "../src/montecarlo/types.js";
import { replicationsCsv } from "../src/store/csv.js";
import { writeRunOutputs } from "../src/app/runOutputs.js";
import type { BenchContext } from "./index.js";
import { median, report } from "./report.js";

const YEAR = 365.25 * 86_400;
const REPEATS = 3;

function runsFromArgv(): number {
  const arg = process.argv.find((a) => a.startsWith("--runs="));
  const n = arg === undefined ? 100_000 : Number(arg.slice("--runs=".length));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--runs must be a positive integer: ${arg}`);
  return n;
}

function cpuSeconds(): number {
  const u = process.cpuUsage(); // the whole process: worker threads included
  return (u.user + u.system) / 1e6;
}

/**
 * Runs `fn` while sampling the process's RSS; returns its result, wall seconds, CPU seconds (all
 * threads) and peak RSS in MB.
 */
async function sampled<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; cpu: number; peakMB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const started = performance.now();
  const cpuStarted = cpuSeconds();
  try {
    const value = await fn();
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds() - cpuStarted;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, seconds, cpu, peakMB: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Steady-state throughput: the JIT is warmed (in-process) or the pool's workers are (reused across
 * the repeats), so the figure is the simulation rate; the fixed cost of starting workers is measured
 * separately by `startup` and the whole CLI by `cliWall`.
 */
async function throughput(
  ctx: BenchContext,
  scenario: Scenario,
  workers: number,
): Promise<{ rate: number; cpuRate: number; run: RunResult }> {
  const years = (scenario.run.runs * scenario.run.horizon) / YEAR;
  const pool = workers > 1 ? new WorkerPool(workers) : undefined;
  try {
    const warmup: Scenario = { ...scenario, run: { ...scenario.run, runs: Math.min(scenario.run.runs, 2_000 * workers) } };
    await runMonteCarlo({ scenario: warmup, workers, pool });
    const rates: number[] = [];
    const cpuRates: number[] = [];
    const peaks: number[] = [];
    let last: RunResult | undefined;
    for (let r = 0; r < REPEATS; r++) {
      last = undefined; // let the previous run's columns be collected before measuring memory again
      const { value, seconds, cpu, peakMB } = await sampled(() => runMonteCarlo({ scenario, workers, pool }));
      last = value;
      rates.push(years / seconds);
      cpuRates.push(years / cpu);
      peaks.push(peakMB);
    }
    const rate = median(rates);
    const cpuRate = median(cpuRates);
    report(ctx, `e2e.replication-years.workers-${workers}`, rate, "replication-years/s", rates);
    // Per CPU-second of all threads: unaffected by other processes' load; its drop from 1 to 2
    // workers is the runner's parallel overhead (thread start-up, messages, merging).
    report(ctx, `e2e.replication-years-per-cpu-second.workers-${workers}`, cpuRate, "replication-years/cpu-s", cpuRates);
    report(ctx, `e2e.peak-rss.workers-${workers}`, Math.max(...peaks), "MB");
    return { rate, cpuRate, run: last! };
  } finally {
    await pool?.close();
  }
}

/** Fixed cost of a threaded run: start 2 workers (module loading, compileModel) and get 2 tiny batches back. */
async function startup(ctx: BenchContext, scenario: Scenario): Promise<void> {
  const tiny: Scenario = { ...scenario, run: { ...scenario.run, runs: 2 } };
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t = performance.now();
    const pool = new WorkerPool(2);
    await runMonteCarlo({ scenario: tiny, pool, batchSize: 1 });
    await pool.close();
    times.push(performance.now() - t);
  }
  report(ctx, "e2e.worker-startup.workers-2", median(times), "ms", times);
}

/**
 * The whole CLI as a user runs it (process start, workers, simulation, summary, the five data files);
 * charts are left out (--no-charts): they cost about a second whatever N is.
 */
function cliWall(ctx: BenchContext, scenario: Scenario, workers: number): void {
  const cli = fileURLToPath(new URL("../src/cli.js", import.meta.url));
  const years = (scenario.run.runs * scenario.run.horizon) / YEAR;
  const rates: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const out = mkdtempSync(join(tmpdir(), "drsim-bench-cli-"));
    const t = performance.now();
    const child = spawnSync(process.execPath, [cli, "run", "-n", String(scenario.run.runs), "--workers", String(workers), "--quiet", "--no-charts", "--out", out], {
      encoding: "utf8",
    });
    const seconds = (performance.now() - t) / 1000;
    rmSync(out, { recursive: true, force: true });
    if (child.status !== 0) throw new Error(`drsim run failed: ${child.stderr}`);
    rates.push(years / seconds);
  }
  report(ctx, `e2e.cli-wall.workers-${workers}`, median(rates), "replication-years/s", rates);
}

async function outputsCost(ctx: BenchContext, run: RunResult): Promise<void> {
  const { seconds: summarizeSeconds } = await sampled(async () => summarize(run));
  report(ctx, "e2e.summarize", summarizeSeconds * 1000, "ms");
  const dir = mkdtempSync(join(tmpdir(), "drsim-bench-"));
  try {
    const { seconds } = await sampled(() => writeRunOutputs(dir, run));
    report(ctx, "e2e.write-outputs", seconds * 1000, "ms");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** replications.csv rows per second: the hand writer against fast-csv's formatter, both to a null sink. */
async function csvWriters(ctx: BenchContext, run: RunResult): Promise<void> {
  const ids = run.scenario.strategies.map((s) => s.id);
  const rows = (run.range.end - run.range.start) * ids.length;
  const hand: number[] = [];
  const fast: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    let t = performance.now();
    let bytes = 0;
    for (const chunk of replicationsCsv(run, ids)) bytes += chunk.length;
    hand.push(rows / ((performance.now() - t) / 1000));

    t = performance.now();
    await new Promise<void>((resolve, reject) => {
      const sink = new Writable({ write: (_chunk, _enc, done) => done() });
      const stream = format({ headers: ["replication", "strategy", ...REPLICATION_METRICS] });
      stream.pipe(sink).on("finish", resolve).on("error", reject);
      const n = run.range.end - run.range.start;
      for (let i = 0; i < n; i++) {
        for (let s = 0; s < ids.length; s++) {
          const m = run.strategies[s]!.metrics;
          stream.write([String(run.range.start + i), ids[s]!, ...REPLICATION_METRICS.map((k) => String(m[k][i]))]);
        }
      }
      stream.end();
    });
    fast.push(rows / ((performance.now() - t) / 1000));
    if (bytes === 0) throw new Error("empty CSV");
  }
  report(ctx, "e2e.csv.hand-writer", median(hand), "rows/s", hand);
  report(ctx, "e2e.csv.fast-csv", median(fast), "rows/s", fast);
}

export async function run(ctx: BenchContext): Promise<void> {
  const runs = runsFromArgv();
  const loaded = await loadScenario(defaultScenarioPath());
  const scenario: Scenario = { ...loaded, run: { ...loaded.run, runs } };
  ctx.note(
    `default scenario: ${scenario.strategies.length} strategies, ${runs.toLocaleString("en-US")} replications × ` +
      `${(scenario.run.horizon / YEAR).toPrecision(3)} y, seed ${scenario.run.seed}`,
  );
  const one = await throughput(ctx, scenario, 1);
  const two = await throughput(ctx, scenario, 2);
  report(ctx, "e2e.speedup-1-to-2-workers", two.rate / one.rate, "x");
  // What 2 workers would do with 2 idle cores, from CPU time (the main thread only waits meanwhile).
  report(ctx, "e2e.projected-2-cores", 2 * two.cpuRate, "replication-years/s");
  report(ctx, "e2e.projected-speedup-1-to-2-workers", (2 * two.cpuRate) / one.cpuRate, "x");
  ctx.note("target: ≥ 200,000 replication-years/s at 2 workers, ≥ 1.8× speed-up (wall clock, idle machine)");
  await startup(ctx, scenario);
  await outputsCost(ctx, two.run);
  await csvWriters(ctx, two.run);
  cliWall(ctx, scenario, 2);
}
