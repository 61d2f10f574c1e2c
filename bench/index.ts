// Bench dispatcher: `node dist-bench/bench/index.js [name ...] [--json]` (no name: run them all).
// Each bench is a lazily imported module, so adding one is one line in `benches` and running one
// bench never loads (or JIT-pollutes) another. Human output: one line per case; with --json, one
// JSON object per line: {"name", "value", "unit"}.

import { performance } from "node:perf_hooks";

export interface BenchContext {
  readonly json: boolean;
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
};

const REPEATS = 3;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function human(value: number, unit: string): string {
  if (unit === "events/s") return `${(value / 1e6).toFixed(2)} M ${unit}`;
  return `${value.toPrecision(4)} ${unit}`;
}

function makeContext(json: boolean): BenchContext {
  return {
    json,
    measure(name, unit, trial) {
      const samples: number[] = [];
      for (let r = 0; r < REPEATS; r++) samples.push(trial());
      const value = median(samples);
      if (json) console.log(JSON.stringify({ name, value: Math.round(value), unit }));
      else {
        const all = samples.map((s) => (s / 1e6).toFixed(2)).join(", ");
        console.log(`${name.padEnd(34)} ${human(value, unit).padStart(20)}   (runs: ${all})`);
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
  const ctx = makeContext(json);
  for (const name of selected) {
    const started = performance.now();
    ctx.note(`# ${name} (Node ${process.version}, median of ${REPEATS})`);
    await (await benches[name]!()).run(ctx);
    ctx.note(`# ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

await main(process.argv.slice(2));
