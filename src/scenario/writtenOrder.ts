// Regions and strategies in the order they were written. zod builds a record's output as its values
// finish parsing, and a value that reads a CSV (an empirical distribution) finishes after the others:
// left alone, `regions: {home: {…empirical…}, away: {}}` would make `away` the primary, and a
// strategy with an empirical step would stop being the baseline of the paired differences. The
// written order is the input's key order; resolution must not change it, whatever is read from disk.
import type { ScenarioFromSchema } from "./schema.js";

/** `items` sorted by the position of their key in `written` (the keys as written, in order). */
function inOrderOf<T>(items: readonly T[], keyOf: (item: T) => string, written: readonly string[]): T[] {
  const position = new Map(written.map((key, i) => [key, i]));
  return [...items].sort((a, b) => (position.get(keyOf(a)) ?? 0) - (position.get(keyOf(b)) ?? 0));
}

function keysOf(plain: unknown, field: string): string[] {
  const value = typeof plain === "object" && plain !== null ? (plain as Record<string, unknown>)[field] : undefined;
  return typeof value === "object" && value !== null ? Object.keys(value) : [];
}

/** The parsed scenario with its regions and strategies in the order of `plain`, the input it was parsed from. */
export function inWrittenOrder(parsed: ScenarioFromSchema, plain: unknown): ScenarioFromSchema {
  return {
    ...parsed,
    regions: inOrderOf(parsed.regions, (r) => r.name, keysOf(plain, "regions")),
    strategies: inOrderOf(parsed.strategies, (s) => s.id, keysOf(plain, "strategies")),
  };
}
