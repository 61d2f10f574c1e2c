// Bench dispatcher: `node dist-bench/bench/index.js [name ...] [--json] [--wall]` (no name: all).
// Each bench is a lazily imported module, so adding one is one line in `benches` and running one
// bench never loads (or JIT-pollutes) another. Human output: one line per case; with --json, one
// JSON object per line: {"name", "value", "unit"}.
//
// Clock: by default the process's CPU time (user + system). This machine is shared by several
// engineers' builds and tests; under that load CPU-time runs agree within a few % where wall-clock
// medians swung 2× (bench/README.md), and on an idle machine the two agree. --wall: wall-clock.

import { performance } from "node:perf_hooks";
import { median } from "./report.js";

export interface BenchContext {
  readonly json: boolean;
  /**
   * Seconds on the chosen clock (CPU time by default, see above). CPU time sums all threads, so a
   * multi-threaded bench should time itself with performance.now() instead.
   */
  clock(): number;
  /** Runs `trial` (which returns its own measured value) `repeats` times and reports the median. */
  measure(name: string, unit: string, trial: () => number): number;
  /** A human-only remark (ratios, context); suppressed with --json. */
  note(text: string): void;
}

export interface BenchModule {
  run(ctx: BenchContext): void | Promise<void>;
}

const benches: Record<string, () => Promise<BenchModule>> = {
  engine: () => import("./engine.js"),
  e2e: () => import("./e2e.js"),
  command: () => import("./command.js"),
  merge: () => import("./merge.js"),
  "parquet-writers": () => import("./parquetWriters.js"),
  model: () => import("./model.js"),
  streams: () => import("./streams.js"),
};

const REPEATS = 3;

function human(value: number, unit: string): string {
  if (unit === "events/s") return `${(value / 1e6).toFixed(2)} M ${unit}`;
  return `${value.toPrecision(4)} ${unit}`;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function wallSeconds(): number {
  return performance.now() / 1e3;
}

function makeContext(json: boolean, wall: boolean): BenchContext {
  return {
    json,
    clock: wall ? wallSeconds : cpuSeconds,
    measure(name, unit, trial) {
      const samples: number[] = [];
      for (let r = 0; r < REPEATS; r++) samples.push(trial());
      const value = median(samples);
      if (json) console.log(JSON.stringify({ name, value: Math.round(value), unit }));
      else {
        const all = samples.map((s) => (unit === "events/s" ? (s / 1e6).toFixed(2) : s.toPrecision(4))).join(", ");
        console.log(`${name.padEnd(40)} ${human(value, unit).padStart(20)}   (runs: ${all})`);
      }
      return value;
    },
    note(text) {
      if (!json) console.log(text);
    },
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const json = argv.includes("--json");
  const wall = argv.includes("--wall");
  const names = argv.filter((a) => !a.startsWith("--"));
  const selected = names.length > 0 ? names : Object.keys(benches);
  for (const name of selected) {
    const load = benches[name];
    if (load === undefined) {
      console.error(`unknown bench "${name}"; available: ${Object.keys(benches).join(", ")}`);
      process.exitCode = 2;
      return;
    }
  }
  const ctx = makeContext(json, wall);
  for (const name of selected) {
    const started = performance.now();
    ctx.note(`# ${name} (Node ${process.version}, median of ${REPEATS}, ${wall ? "wall-clock" : "CPU"} time)`);
    await (await benches[name]!()).run(ctx);
    ctx.note(`# ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

await main(process.argv.slice(2));
