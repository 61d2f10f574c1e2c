// The uncertain inputs of a sensitivity analysis and their low/high values, as scenario overrides.
// Defaults come from the resolved scenario: a distribution-valued input is held fixed at its p10
// (low) and p90 (high); a rate or any other number is halved (low) and doubled (high), fractions
// capped at 1. Every low/high value is written as a `--set` value in the scenario's own units, so a
// row of the table can be reproduced with `drsim run --set …`. The values for people are data here
// (a quantity and its SI value, or the text as typed); src/report/sensitivity.ts words them.
import { UserError } from "../errors.js";
import { makeDistribution } from "../random/distributions.js";
import type { DistributionSpec } from "../random/types.js";
import type { ScenarioOverride } from "../scenario/load.js";
import { closest } from "../scenario/suggest.js";
import type { Scenario, StrategySteps } from "../scenario/types.js";
import { splitValues } from "./listValues.js";

const YEAR = 365.25 * 86_400;

export type RangeRule = "given" | "p10/p90" | "×0.5/×2";

/** What a default input's value measures, in SI: seconds, per second, bytes per second, or a plain number. */
export type Quantity = "duration" | "rate" | "throughput" | "fraction" | "number";

/** One scenario value an input moves (a region's outage rate, a strategy's step), low and high in SI. */
export interface RangeValue {
  /** The region or strategy the value belongs to; "" for a scenario-wide value. */
  readonly owner: string;
  readonly quantity: Quantity;
  readonly low: number;
  readonly high: number;
}

/** An input's low and high values: as typed (`--range`), or each value it moves as a quantity. */
export type InputRange =
  | { readonly kind: "given"; readonly low: string; readonly high: string }
  | { readonly kind: "values"; readonly values: readonly RangeValue[] };

export interface SensitivityInput {
  /** "outage.rate", or the PATH of a `--range PATH=low,high`. */
  readonly id: string;
  readonly label: string;
  readonly rule: RangeRule;
  readonly low: readonly ScenarioOverride[];
  readonly high: readonly ScenarioOverride[];
  readonly range: InputRange;
  /**
   * Set per strategy (steps, policy, failover): each value's owner is a strategy, and a strategy
   * sees only its own. A strategy owning none does not have the input (its metric cannot move).
   */
  readonly perStrategy: boolean;
}

/** The range of `input` as it applies to strategy `id`: its own values when the input is per strategy. */
export function rangeFor(input: SensitivityInput, id: string): InputRange {
  if (!input.perStrategy || input.range.kind === "given") return input.range;
  const own = input.range.values.filter((v) => v.owner === id);
  return own.length === 0 ? input.range : { kind: "values", values: own };
}

interface Target {
  readonly path: string;
  /** Region or strategy the path belongs to, for the text when values differ. */
  readonly owner: string;
  readonly kind: Quantity;
  readonly value: number | DistributionSpec;
}

interface Catalogue {
  readonly id: string;
  readonly label: string;
  readonly targets: (s: Scenario) => Target[];
  /** Targets are owned by strategies (their owner is the strategy id). */
  readonly perStrategy?: boolean;
  /** Whether the input can matter at all (a detection time of a process that never happens cannot). */
  readonly applies?: (s: Scenario) => boolean;
}

const STEPS: readonly { step: Exclude<keyof StrategySteps, "restoreFromBackup">; label: string }[] = [
  { step: "detect", label: "Detection time" },
  { step: "decide", label: "Decision delay" },
  { step: "provision", label: "Cluster provisioning time" },
  { step: "promote", label: "Replica promotion time" },
  { step: "scale", label: "Scale-out time" },
  { step: "switchTraffic", label: "Traffic switch time" },
];

const region = (key: "rate" | "duration" | "catastrophic" | "controlPlane"): Catalogue["targets"] => (s) =>
  s.regions.map((r) => {
    const o = r.outage;
    const path = `regions.${r.name}.outage.`;
    if (key === "rate") return { path: `${path}rate`, owner: r.name, kind: "rate", value: o.rate };
    if (key === "duration") return { path: `${path}duration`, owner: r.name, kind: "duration", value: o.duration };
    if (key === "catastrophic") return { path: `${path}catastrophic.probability`, owner: r.name, kind: "fraction", value: o.catastrophic.probability };
    return { path: `${path}controlPlane.probability`, owner: r.name, kind: "fraction", value: o.controlPlane.probability };
  });

const one = (path: string, kind: Quantity, get: (s: Scenario) => number | DistributionSpec): Catalogue["targets"] => (s) => [
  { path, owner: "", kind, value: get(s) },
];

/** Default inputs, in the order they are listed when no ranking applies. */
const CATALOGUE: readonly Catalogue[] = [
  { id: "outage.rate", label: "Region outage rate", targets: region("rate") },
  { id: "outage.duration", label: "Region outage duration", targets: region("duration") },
  { id: "outage.catastrophicProbability", label: "Share of catastrophic outages", targets: region("catastrophic") },
  { id: "outage.controlPlaneProbability", label: "Control-plane impairment probability", targets: region("controlPlane") },
  { id: "commonCause.beta", label: "Common-cause share (β)", targets: one("commonCause.beta", "fraction", (s) => s.commonCause.beta) },
  { id: "partition.rate", label: "Inter-region partition rate", targets: one("partition.rate", "rate", (s) => s.partition.rate) },
  { id: "corruption.rate", label: "Data corruption rate", targets: one("corruption.rate", "rate", (s) => s.corruption.rate) },
  {
    id: "corruption.detection",
    label: "Corruption detection time",
    targets: one("corruption.detection", "duration", (s) => s.corruption.detection),
    applies: (s) => s.corruption.rate > 0,
  },
  { id: "replication.lag", label: "Replication lag (baseline)", targets: one("replication.baselineLag", "duration", (s) => s.replication.baselineLag) },
  { id: "backup.interval", label: "Backup interval", targets: one("backup.interval", "duration", (s) => s.backup.interval) },
  { id: "backup.restoreThroughput", label: "Restore throughput", targets: one("backup.restoreThroughput", "throughput", (s) => s.backup.restoreThroughput) },
  ...STEPS.map(({ step, label }) => ({
    id: `steps.${step}`,
    label,
    perStrategy: true,
    targets: (s: Scenario): Target[] =>
      s.strategies.flatMap((st) => {
        const spec = st.steps[step];
        return spec === null ? [] : [{ path: `strategies.${st.id}.steps.${step}`, owner: st.id, kind: "duration" as const, value: spec }];
      }),
  })),
  {
    id: "policy.waitForPrimary",
    label: "Wait for the primary before failing over",
    perStrategy: true,
    targets: (s) => s.strategies.map((st) => ({ path: `strategies.${st.id}.policy.waitForPrimary`, owner: st.id, kind: "duration", value: st.policy.waitForPrimary })),
  },
  {
    id: "failover.failureProbability",
    label: "Failover attempt failure probability",
    perStrategy: true,
    // The probability in effect: drilled at least yearly, or untested (docs/model.md).
    targets: (s) =>
      s.strategies.map((st) => {
        const drilled = st.drills.perYear >= 1;
        const field = drilled ? "failureProbabilityDrilled" : "failureProbabilityUntested";
        return { path: `strategies.${st.id}.failover.${field}`, owner: st.id, kind: "fraction", value: st.failover[field] };
      }),
  },
];

function sig(x: number): number {
  return Number(x.toPrecision(6));
}

/** An SI value as a `--set` value in the scenario's units. */
function overrideText(kind: Quantity, x: number): string {
  switch (kind) {
    case "duration":
      return `${sig(x)}s`;
    case "rate":
      return `${sig(x * YEAR)}/year`;
    case "throughput":
      return `${sig(x / 1e6)}MB/s`;
    case "fraction":
    case "number":
      return String(sig(x));
  }
}

/** Low and high SI values of one target, and the rule that gave them. */
function lowHigh(t: Target): { low: number; high: number; rule: RangeRule } {
  if (typeof t.value !== "number" && t.value.dist !== "fixed") {
    const d = makeDistribution(t.value);
    return { low: d.quantile(0.1), high: d.quantile(0.9), rule: "p10/p90" };
  }
  const base = typeof t.value === "number" ? t.value : t.value.value;
  const cap = t.kind === "fraction" ? 1 : Infinity;
  return { low: base * 0.5, high: Math.min(cap, base * 2), rule: "×0.5/×2" };
}

/** The default inputs that exist in this scenario and have a range of nonzero width. */
export function defaultInputs(scenario: Scenario): SensitivityInput[] {
  const out: SensitivityInput[] = [];
  for (const c of CATALOGUE) {
    if (c.applies?.(scenario) === false) continue;
    const targets = c.targets(scenario).map((t) => ({ t, ...lowHigh(t) })).filter((x) => overrideText(x.t.kind, x.low) !== overrideText(x.t.kind, x.high));
    if (targets.length === 0) continue;
    const rules = new Set(targets.map((x) => x.rule));
    out.push({
      id: c.id,
      label: c.label,
      rule: rules.size === 1 ? targets[0]!.rule : "p10/p90",
      low: targets.map((x) => ({ path: x.t.path, value: overrideText(x.t.kind, x.low) })),
      high: targets.map((x) => ({ path: x.t.path, value: overrideText(x.t.kind, x.high) })),
      range: { kind: "values", values: targets.map((x) => ({ owner: x.t.owner, quantity: x.t.kind, low: x.low, high: x.high })) },
      perStrategy: c.perStrategy === true,
    });
  }
  return out;
}

/** `--range PATH=low,high` → an input with the given values. */
export function givenInput(path: string, text: string): SensitivityInput {
  const values = splitValues(text);
  if (values.length !== 2) throw new UserError(`--range ${path}: expected two values low,high, got ${values.length}`);
  const [low, high] = values as [string, string];
  return { id: path, label: path, rule: "given", low: [{ path, value: low }], high: [{ path, value: high }], range: { kind: "given", low, high }, perStrategy: false };
}

/**
 * The inputs to vary: every default input of the scenario plus every `--range` (a range replaces a
 * default of the same id), or, with `select`, only the named ones (default ids or --range paths).
 */
export function chooseInputs(scenario: Scenario, ranges: readonly { path: string; value: string }[], select?: readonly string[]): SensitivityInput[] {
  const given = ranges.map((r) => givenInput(r.path, r.value));
  const byId = new Map<string, SensitivityInput>();
  for (const input of defaultInputs(scenario)) byId.set(input.id, input);
  for (const input of given) byId.set(input.id, input);
  if (select === undefined) return [...byId.values()];
  return select.map((id) => {
    const input = byId.get(id);
    if (input === undefined) {
      const known = [...byId.keys()];
      const guess = closest(id, known);
      throw new UserError(`--inputs: unknown input "${id}"${guess === undefined ? "" : ` (did you mean "${guess}"?)`}; known: ${known.join(", ")}`);
    }
    return input;
  });
}
