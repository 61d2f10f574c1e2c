// The resolved scenario as JSON (scenario.json) and its hash. JSON has no Infinity/NaN (a control
// plane "blocked" is slowdown: Infinity), so non-finite numbers are written as the strings
// "Infinity", "-Infinity", "NaN" and revived on reading: the round trip is exact.
import { createHash } from "node:crypto";
import type { Scenario } from "./types.js";

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  if (value === "NaN") return NaN;
  return value;
}

/** scenario.json's text: two-space indented, trailing newline, key order as the loader built it. */
export function scenarioToJson(scenario: Scenario): string {
  return `${JSON.stringify(scenario, replacer, 2)}\n`;
}

export function scenarioFromJson(text: string): Scenario {
  return JSON.parse(text, reviver) as Scenario;
}

/** sha256 of scenario.json's text: identical for every shard of one run, different if anything differs. */
export function scenarioHash(scenario: Scenario): string {
  return createHash("sha256").update(scenarioToJson(scenario)).digest("hex");
}
