// How large a scenario may be, decided from the model and checked while it loads — whether a value
// comes from a file, a `--set` or a run option (-n, --horizon) — so a run that could not finish, or
// could only finish with a wrong answer, is refused at the field that asks for it before any work.
import { originAt, type PathKey, type RawNode } from "./rawTree.js";
import { failAt } from "./scenarioError.js";
import type { Scenario } from "./types.js";

/**
 * Most replications of a study. A shard's range is [⌊(i−1)·N/n⌋, ⌊i·N/n⌋), computed in doubles, so
 * it is exact while i·N < 2⁵³ ≈ 9·10¹⁵: with at most 10⁵ shards that holds for N ≤ 10¹⁰. Time
 * agrees: 10¹⁰ replications are ~10⁵ core-hours to simulate and ~40 h for the one-process merge.
 */
export const MAX_RUNS = 1e10;

const YEAR = 365.25 * 86_400;

/**
 * Longest horizon, in seconds: 10⁵ years. Event times are seconds in doubles; at 10⁵ years
 * (3.2·10¹² s) neighbouring doubles are 0.5 ms apart, so a failover step or an RPO of a few
 * milliseconds is still resolved. Much beyond, two events a second apart would merge.
 */
export const MAX_HORIZON_SECONDS = 1e5 * YEAR;

/**
 * Most regions: world events carry the regions they hit as the bits of a 32-bit integer, and the
 * set of every region, (1 << n) − 1, needs n ≤ 31. A 33rd region would alias the first.
 */
export const MAX_REGIONS = 31;

/**
 * Largest amount of money: 10¹⁵ USD, about ten times the world's yearly output. Bounded, a run's
 * cost (an amount × minutes of a horizon ≤ 10⁵ years, × regions, × gigabytes) stays a finite double;
 * `1e308` dollars per minute would overflow to infinity and print as `null`.
 */
export const MAX_USD = 1e15;

/** Largest size: 10²⁴ bytes (a yottabyte, more than all data ever stored). Keeps storage costs finite too. */
export const MAX_BYTES = 1e24;

/**
 * Most failure events a replication may be expected to draw: Σ rate × horizon over every event
 * rate of the scenario. A world holds every event of its replication, and a strategy walks them:
 * measured, an event costs 2–40 µs and ~200 bytes, so 10⁵ events are at most a few seconds and a few
 * tens of MB per replication and worker — 6,000 years of the default scenario (16 events a year).
 * `1e9/year` partitions would need hours and gigabytes for one replication.
 */
export const MAX_EVENTS_PER_REPLICATION = 1e5;

/** An event rate of the scenario (per second) and where it sits, as written (regions and strategies by name). */
export interface EventRate {
  readonly path: readonly PathKey[];
  readonly perSecond: number;
}

/**
 * Every event rate of a resolved scenario. A failure process names its Poisson intensity `rate`
 * (docs/model.md); a distribution's `rate` (`{dist: exponential, rate: …}`) is a parameter of a
 * duration, not a count of events, and is skipped — so a process added later is counted without
 * being listed here.
 */
export function eventRates(scenario: Scenario): EventRate[] {
  const rates: EventRate[] = [];
  const visit = (value: unknown, path: PathKey[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, keyOfItem(item, i)]));
      return;
    }
    if (typeof value !== "object" || value === null || "dist" in value) return;
    for (const [key, field] of Object.entries(value)) {
      if (key === "rate" && typeof field === "number") rates.push({ path: [...path, key], perSecond: field });
      else visit(field, [...path, key]);
    }
  };
  visit({ ...scenario, run: undefined }, []);
  return rates;
}

/** Regions and strategies are lists once resolved, maps as written: a region by its name, a strategy by its id. */
function keyOfItem(item: unknown, index: number): PathKey {
  if (typeof item === "object" && item !== null) {
    if ("name" in item && typeof item.name === "string") return item.name;
    if ("id" in item && typeof item.id === "string") return item.id;
  }
  return index;
}

/** Σ rate × horizon: the failure events a replication of `scenario` draws on average. */
export function expectedEventsPerReplication(scenario: Scenario): number {
  return eventRates(scenario).reduce((sum, r) => sum + r.perSecond * scenario.run.horizon, 0);
}

function short(x: number): string {
  return x >= 1e6 ? x.toExponential(1).replace("e+", "e") : String(Math.round(x));
}

/**
 * Refuses a scenario whose replications would draw more than MAX_EVENTS_PER_REPLICATION events,
 * located at the rate that contributes most (`raw` is the tree it was parsed from).
 */
export function checkEventLoad(scenario: Scenario, raw: RawNode): void {
  const rates = eventRates(scenario);
  const total = rates.reduce((sum, r) => sum + r.perSecond * scenario.run.horizon, 0);
  if (total <= MAX_EVENTS_PER_REPLICATION) return;
  const largest = rates.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const years = scenario.run.horizon / YEAR;
  const set = originAt(raw, ["run", "horizon"]);
  const by = set.exists && set.origin.kind === "override" ? ` (${set.origin.option ?? "--set run.horizon"})` : "";
  const horizon = `${years >= 1 ? `${short(years)} year${years === 1 ? "" : "s"}` : `${short(scenario.run.horizon)} s`}${by}`;
  failAt(
    originAt(raw, largest.path).origin,
    largest.path,
    `this rate over a horizon of ${horizon} means about ${short(largest.perSecond * scenario.run.horizon)} events per replication` +
      `${rates.length > 1 ? ` (${short(total)} with the other rates)` : ""}; at most ${short(MAX_EVENTS_PER_REPLICATION)} can be ` +
      "simulated in bounded time and memory: lower the rate or the horizon",
  );
}
