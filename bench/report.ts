// What every bench prints with: the median of repeated runs, and one result line (human, or a JSON
// line with --json) — so the figures of all benches read, and parse, alike.
import type { BenchContext } from "./index.js";

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Prints one result line the way the dispatcher does (human or a JSON line). */
export function report(ctx: BenchContext, name: string, value: number, unit: string, samples: readonly number[] = []): void {
  if (ctx.json) console.log(JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit }));
  else {
    const shown = value >= 1000 ? Math.round(value).toLocaleString("en-US") : value.toPrecision(4);
    const runs = samples.length > 0 ? `   (runs: ${samples.map((s) => Math.round(s).toLocaleString("en-US")).join(", ")})` : "";
    console.log(`${name.padEnd(38)} ${`${shown} ${unit}`.padStart(26)}${runs}`);
  }
}
