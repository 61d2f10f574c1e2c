// A swept parameter's values as a chart axis: numbers in one display unit when every value parses
// with the scenario's own unit parser as the same kind of quantity ("0.05/year, 0.1/year" → 0.05,
// 0.1 per year; "12h, 1d" → 12, 24 hours), else the values in the order given (ordinal), e.g.
// distributions or strategy modes.
import {
  DURATION_PATTERN,
  RATE_PATTERN,
  SIZE_PATTERN,
  THROUGHPUT_PATTERN,
  parseDuration,
  parseRate,
  parseSize,
  parseThroughput,
} from "../scenario/units.js";

export type SweepAxis =
  | {
      readonly kind: "quantitative";
      /** One number per value, in the display unit. */
      readonly x: readonly number[];
      /** "hours", "per year", "GB", "MB/s", or "" for plain numbers. */
      readonly unit: string;
      /** A CSV-column-safe suffix for the numeric column ("hours", "per_year"); "" for plain numbers. */
      readonly slug: string;
    }
  | { readonly kind: "ordinal" };

const YEAR = 365.25 * 86_400;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

type Kind = "number" | "rate" | "duration" | "size" | "throughput";

/** The quantity a value is written as, and its SI value (seconds, per second, bytes, bytes/s). */
function classify(text: string): { kind: Kind; si: number } | undefined {
  const v = text.trim();
  if (PLAIN_NUMBER.test(v)) return { kind: "number", si: Number(v) };
  if (RATE_PATTERN.test(v)) return { kind: "rate", si: parseRate(v) };
  if (DURATION_PATTERN.test(v)) return { kind: "duration", si: parseDuration(v) };
  const size = SIZE_PATTERN.exec(v);
  if (size?.[2] !== undefined) return { kind: "size", si: parseSize(v) };
  if (THROUGHPUT_PATTERN.test(v)) return { kind: "throughput", si: parseThroughput(v) };
  return undefined;
}

/** Display units by kind: the largest unit in which the smallest nonzero value is still ≥ 1. */
function displayUnit(kind: Kind, values: readonly number[]): { divisor: number; unit: string; slug: string } {
  const positive = values.filter((x) => x > 0);
  const smallest = positive.length > 0 ? Math.min(...positive) : 1;
  const largest = positive.length > 0 ? Math.max(...positive) : 1;
  const pick = (units: readonly [number, string, string][]): { divisor: number; unit: string; slug: string } => {
    let chosen = units[0]!;
    for (const u of units) if (smallest >= u[0]) chosen = u;
    return { divisor: chosen[0], unit: chosen[1], slug: chosen[2] };
  };
  switch (kind) {
    case "number":
      return { divisor: 1, unit: "", slug: "" };
    case "rate":
      return { divisor: 1 / YEAR, unit: "per year", slug: "per_year" };
    case "duration":
      return pick([
        [1, "seconds", "seconds"],
        [60, "minutes", "minutes"],
        [3600, "hours", "hours"],
        [86_400, "days", "days"],
      ]);
    case "size":
      return largest >= 1e9 ? { divisor: 1e9, unit: "GB", slug: "GB" } : { divisor: 1e6, unit: "MB", slug: "MB" };
    case "throughput":
      return { divisor: 1e6, unit: "MB/s", slug: "MBps" };
  }
}

export function sweepAxis(values: readonly string[]): SweepAxis {
  const parsed = values.map((v) => {
    try {
      return classify(v);
    } catch {
      return undefined;
    }
  });
  const first = parsed[0];
  if (first === undefined || parsed.some((p) => p === undefined || p.kind !== first.kind)) return { kind: "ordinal" };
  const si = parsed.map((p) => p!.si);
  const { divisor, unit, slug } = displayUnit(first.kind, si);
  // Twelve significant digits remove the float noise of unit conversion (0.1/year → 0.1, not 0.09999…).
  return { kind: "quantitative", x: si.map((s) => Number((s / divisor).toPrecision(12))), unit, slug };
}
