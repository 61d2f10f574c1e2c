// What a user waits for, against the kernel, in one bench run (the machine is shared and noisy, so
// only figures taken side by side compare): the kernel's rate (the simulation alone on a warm pool of
// 2 workers, batches handed to a consumer that keeps nothing) and the whole process — `drsim run`
// (bin/drsim, as npx and the image start it) with every default output, charts and report included — at 10⁵ and 10⁶
// replications with 1 and 2 workers: wall clock, peak RSS (/usr/bin/time), and the ratios the
// targets name. Then `drsim merge` of 10⁶ replications in 10 shards, drsim against /work/baseline
// (the code before the streaming store), the size of a 10⁶ run's rows as Parquet and as CSV (drsim
// export), and the engine's hold rate.
//
//   npm run bench -- command [--runs=100000,1000000] [--no-merge] [--baseline=/work/baseline] [--slow]
//
// --slow adds 10⁷ replications (2 workers) and a scenario with 30+ incidents per replication
// (the default scenario over a 25-year horizon) at 10⁶: their peak RSS against the 10⁶ run's.
// Each measurement is the median of 3.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { loadScenario } from "../src/replication/scenario.js";
import { defaultScenarioPath } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/types.js";
import { WorkerPool } from "../src/montecarlo/pool.js";
import { streamMonteCarlo } from "../src/montecarlo/runner.js";
import { simHold } from "./engine.js";
import type { BenchContext } from "./index.js";
import { median, report } from "./report.js";

const YEAR = 365.25 * 86_400;
const REPEATS = 3;
/** The built CLI (npm run build), which finds its assets beside dist/; not the bench's own copy. */
const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
/**
 * How a user starts it (npx drsim, the image's entrypoint): bin/drsim, which execs node on CLI with
 * glibc's MALLOC_MMAP_THRESHOLD_ set — the same process /usr/bin/time then measures.
 */
const DRSIM = [fileURLToPath(new URL("../../bin/drsim", import.meta.url))];
/** The malloc setting bin/drsim makes, given to the baseline too (it has no launcher): only the code differs. */
const BASELINE_ENV = { ...process.env, MALLOC_MMAP_THRESHOLD_: "131072" };
const SCENARIO = fileURLToPath(new URL("../../scenarios/default.yaml", import.meta.url));

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

interface Timed {
  readonly seconds: number;
  readonly rssMiB: number;
  /** CPU seconds of every thread (user + system). */
  readonly cpu: number;
}

/** Runs `command args` under /usr/bin/time: wall seconds and peak RSS of the whole process (every thread). */
function timed(command: readonly string[], args: readonly string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const t = performance.now();
  const child = spawnSync("/usr/bin/time", ["-f", "maxrss=%M cpu=%U+%S", ...command, ...args], { encoding: "utf8", maxBuffer: 1 << 26, env });
  const seconds = (performance.now() - t) / 1000;
  if (child.status !== 0) throw new Error(`drsim ${args.join(" ")} failed (${child.status}): ${child.stderr}`);
  const m = /maxrss=(\d+) cpu=([\d.]+)\+([\d.]+)/.exec(child.stderr);
  if (m === null) throw new Error("/usr/bin/time gave no peak RSS");
  return { seconds, rssMiB: Number(m[1]) / 1024, cpu: Number(m[2]) + Number(m[3]) };
}

/** The median trial of `REPEATS` (by time), with every time for the record. */
function repeat(trial: () => Timed): Timed & { runs: number[]; rssRuns: number[] } {
  const all: Timed[] = [];
  for (let r = 0; r < REPEATS; r++) all.push(trial());
  return {
    seconds: median(all.map((x) => x.seconds)),
    rssMiB: median(all.map((x) => x.rssMiB)),
    cpu: median(all.map((x) => x.cpu)),
    runs: all.map((x) => x.seconds),
    rssRuns: all.map((x) => x.rssMiB),
  };
}

/**
 * The kernel: replication-years per wall second of a warm 2-worker pool, batches consumed by a
 * no-op; and per CPU second of all threads (which load on a shared machine disturbs far less).
 */
async function kernel(ctx: BenchContext, scenario: Scenario, runs: number): Promise<{ rate: number; cpuRate: number }> {
  const years = (runs * scenario.run.horizon) / YEAR;
  const pool = new WorkerPool(2);
  try {
    const sized = (n: number): Scenario => ({ ...scenario, run: { ...scenario.run, runs: n } });
    await streamMonteCarlo({ scenario: sized(Math.min(runs, 20_000)), pool, onBatch: () => undefined });
    const rates: number[] = [];
    const cpuRates: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      await streamMonteCarlo({ scenario: sized(runs), pool, onBatch: () => undefined });
      const used = process.cpuUsage(cpu);
      rates.push(years / ((performance.now() - t) / 1000));
      cpuRates.push(years / ((used.user + used.system) / 1e6));
    }
    const rate = median(rates);
    const cpuRate = median(cpuRates);
    report(ctx, "command.kernel.workers-2", rate, "replication-years/s", rates);
    report(ctx, "command.kernel.per-cpu-second", cpuRate, "replication-years/cpu-s", cpuRates);
    return { rate, cpuRate };
  } finally {
    await pool.close();
  }
}

function dirBytes(dir: string, names: readonly string[]): number {
  return names.reduce((n, name) => n + (existsSync(join(dir, name)) ? statSync(join(dir, name)).size : 0), 0);
}

export async function run(ctx: BenchContext): Promise<void> {
  const sizes = (arg("runs") ?? "100000,1000000").split(",").map(Number);
  const baseline = arg("baseline") ?? "/work/baseline";
  const baselineCli = join(baseline, "dist", "cli.js");
  const slow = process.argv.includes("--slow");
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build first`);
  const root = mkdtempSync(join(tmpdir(), "drsim-bench-command-"));
  const loaded = await loadScenario(defaultScenarioPath());
  ctx.note(`load average at the start: ${loadavg().map((x) => x.toFixed(1)).join(", ")} (2 cores)`);
  try {
    const { rate: kernelRate, cpuRate: kernelCpuRate } = await kernel(ctx, loaded, 200_000);
    ctx.note(`engine hold, 1,000 pending (CPU time): see below; whole process: bin/drsim run (all default outputs), wall clock`);
    const whole = new Map<string, number>();
    let rss6 = NaN;
    for (const n of sizes) {
      for (const workers of [1, 2]) {
        const years = (n * loaded.run.horizon) / YEAR;
        const out = join(root, `run-${n}-${workers}`);
        const t = repeat(() => {
          rmSync(out, { recursive: true, force: true });
          return timed(DRSIM, ["run", SCENARIO, "-n", String(n), "--workers", String(workers), "--quiet", "--out", out]);
        });
        const rate = years / t.seconds;
        whole.set(`${n}/${workers}`, rate);
        report(ctx, `command.run-${n}.workers-${workers}`, rate, "replication-years/s", t.runs.map((s) => years / s));
        report(ctx, `command.run-${n}.workers-${workers}.peak-rss`, t.rssMiB, "MiB", t.rssRuns);
        report(ctx, `command.run-${n}.workers-${workers}.of-kernel`, (100 * rate) / kernelRate, "%");
        // CPU seconds the kernel spends on these replication-years, of those the whole process spends: what
        // share of the work is simulation (an idle machine's wall-clock ratio, when the cores stay busy).
        report(ctx, `command.run-${n}.workers-${workers}.kernel-share-of-cpu`, (100 * years) / kernelCpuRate / t.cpu, "%");
        if (n === 1_000_000 && workers === 2) rss6 = t.rssMiB;
        if (workers === 2) {
          report(ctx, `command.run-${n}.speedup-1-to-2-workers`, rate / whole.get(`${n}/1`)!, "x");
          if (n === Math.max(...sizes)) {
            const rows = dirBytes(out, ["replications.parquet", "incidents.parquet"]);
            report(ctx, `command.run-${n}.parquet-bytes`, rows / 2 ** 20, "MiB");
            const exported = timed(DRSIM, ["export", out, "--quiet"]);
            report(ctx, `command.run-${n}.csv-bytes`, dirBytes(out, ["replications.csv", "incidents.csv"]) / 2 ** 20, "MiB");
            report(ctx, `command.run-${n}.export-csv`, exported.seconds, "s");
          }
        }
        rmSync(out, { recursive: true, force: true });
      }
    }
    ctx.note("targets: run-1000000.workers-2 ≥ 60 % of the kernel; 2 workers ≥ 1.7× 1 worker; peak RSS ≤ 500 MiB at 10⁶");

    if (!process.argv.includes("--no-merge")) {
      const n = 1_000_000;
      const shards = 10;
      // Each build runs its own default scenario: the baseline cannot read fields added since
      // (targets:, the none strategy's defaults), and the two describe the same workload and world.
      const runs = [
        ["drsim", CLI, DRSIM, process.env, SCENARIO],
        ["baseline", baselineCli, [process.execPath, baselineCli], BASELINE_ENV, join(baseline, "scenarios", "default.yaml")],
      ] as const;
      for (const [label, built, command, env, scenario] of runs) {
        if (!existsSync(built)) {
          ctx.note(`${label}: ${built} missing, merge not measured`);
          continue;
        }
        const dirs = Array.from({ length: shards }, (_, i) => join(root, `${label}-shard-${i + 1}`));
        dirs.forEach((dir, i) => timed(command, ["run", scenario, "-n", String(n), "--shard", `${i + 1}/${shards}`, "--workers", "2", "--quiet", "--no-charts", "--out", dir], env));
        const out = join(root, `${label}-merged`);
        const t = repeat(() => {
          rmSync(out, { recursive: true, force: true });
          return timed(command, ["merge", ...dirs, "--out", out, "--quiet", "--no-charts", "--no-progress"], env);
        });
        report(ctx, `command.merge-${n}-in-${shards}.${label}`, n / t.seconds, "replications/s", t.runs.map((s) => n / s));
        report(ctx, `command.merge-${n}-in-${shards}.${label}.peak-rss`, t.rssMiB, "MiB", t.rssRuns);
        const shardBytes = dirs.reduce((b, d) => b + readdirSync(d).reduce((m, f) => m + statSync(join(d, f)).size, 0), 0);
        report(ctx, `command.merge-${n}-in-${shards}.${label}.shard-bytes`, shardBytes / 2 ** 20, "MiB");
        for (const dir of [...dirs, out]) rmSync(dir, { recursive: true, force: true });
      }
    }

    report(ctx, "command.engine-hold-1000", median(Array.from({ length: REPEATS }, () => simHold(1_000, ctx.clock))), "events/s");

    if (slow) {
      for (const [label, args] of [
        ["run-10000000.workers-2", ["-n", "10000000"]],
        ["run-1000000-25y.workers-2", ["-n", "1000000", "--horizon", "25y"]],
      ] as const) {
        const out = join(root, label);
        const t = timed(DRSIM, ["run", SCENARIO, ...args, "--workers", "2", "--quiet", "--out", out]);
        const incidents = Number(JSON.parse(spawnSync(process.execPath, ["-e", `const s=require(${JSON.stringify(join(out, "summary.json"))});let n=0;for(const k in s.strategies)n+=s.strategies[k].incidents.total;console.log(n/s.runs)`], { encoding: "utf8" }).stdout));
        report(ctx, `command.${label}.seconds`, t.seconds, "s");
        report(ctx, `command.${label}.peak-rss`, t.rssMiB, "MiB");
        report(ctx, `command.${label}.incidents-per-replication`, incidents, "");
        if (Number.isFinite(rss6)) report(ctx, `command.${label}.rss-over-1e6`, (100 * t.rssMiB) / rss6 - 100, "%");
        rmSync(out, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
    ctx.note(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(", ")}`);
  }
}
