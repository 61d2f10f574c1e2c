// The planner's targets, a part of the scenario (`targets:`): the promises a recommendation judges
// every strategy against. They sit in the scenario, beside the business figures (costs), so a run
// of a scenario with targets decides — terminal, report.html — and scenario.json records what was
// judged; `--rto`, `--rpo`, `--availability`, `--confidence`, `--budget` override them.
//
// A target is a promise about every year (every horizon), not an average over incidents
// (docs/decision.md, "What a target means"). Durations must carry their unit: `rto: 15` would be 15
// seconds, which no planner means (0 needs none).
import { z } from "zod";
import { described } from "./objects.js";
import { DURATION_PATTERN, parseDuration } from "./units.js";
import { money } from "./values.js";

/** The targets as the model reads them: seconds, fractions, USD. */
export interface Targets {
  /** Every region-failure incident of a year recovers to full service within this, seconds. */
  readonly rto?: number;
  /** Every region-failure incident of a year loses at most this many seconds of writes. */
  readonly rpo?: number;
  /** The year's request-weighted availability is at least this fraction (0.9995 for 99.95 %). */
  readonly availability?: number;
  /** How sure the planner must be that a year keeps each promise: the probability to demonstrate, in (0, 1). */
  readonly confidence: number;
  /** The most the mean total cost of risk per year may be, USD. */
  readonly budget?: number;
  /** Hold corruption restores, alike for every strategy, to the RTO and RPO targets too. */
  readonly includeCorruption: boolean;
}

export const DEFAULT_CONFIDENCE = 0.95;

const DURATION_WITH_UNIT = 'expected a duration with its unit, like "15m" or "1h" (a bare number would be seconds; 0 needs no unit)';
const AVAILABILITY_EXPECTED = 'expected a percentage like "99.95%" or a fraction like 0.9995';
const CONFIDENCE_EXPECTED = "expected a probability between 0 and 1 (exclusive), like 0.95";
const PERCENT = /^(?:\d+(?:\.\d*)?|\.\d+)\s*%$/;

/** A target duration: a unit string, or 0. */
function targetDuration() {
  return z
    .union([z.literal(0), z.string().regex(DURATION_PATTERN, { error: DURATION_WITH_UNIT }).refine((v) => /[a-z]/.test(v), { error: DURATION_WITH_UNIT })], {
      error: DURATION_WITH_UNIT,
    })
    .transform((v) => parseDuration(v));
}

/** "99.95%" or 0.9995 → 0.9995; a percentage above 100 or a fraction outside (0, 1] is an error. */
function availabilityTarget() {
  return z
    .union([z.number({ error: AVAILABILITY_EXPECTED }).gt(0, { error: AVAILABILITY_EXPECTED }).max(1, { error: AVAILABILITY_EXPECTED }), z.string().regex(PERCENT, { error: AVAILABILITY_EXPECTED })], {
      error: AVAILABILITY_EXPECTED,
    })
    .transform((v, ctx) => {
      if (typeof v === "number") return v;
      const percent = Number(v.replace("%", "").trim());
      if (!(percent > 0 && percent <= 100)) {
        ctx.addIssue({ code: "custom", message: AVAILABILITY_EXPECTED });
        return z.NEVER;
      }
      return percent / 100;
    });
}

/** The `targets:` part of a scenario; absent, the scenario states no targets and a run does not decide. */
export function targetsSchema() {
  return described(
    z.strictObject({
      rto: targetDuration().optional(),
      rpo: targetDuration().optional(),
      availability: availabilityTarget().optional(),
      confidence: z
        .number({ error: CONFIDENCE_EXPECTED })
        .gt(0, { error: CONFIDENCE_EXPECTED })
        .lt(1, { error: CONFIDENCE_EXPECTED })
        .default(DEFAULT_CONFIDENCE),
      budget: money().optional(),
      includeCorruption: z
        .boolean()
        .default(false),
    }),
    {
      rto: "RTO target, with its unit (15m, 1h): every region-failure incident of a year back at full service within it. A bare number is an error.",
      rpo: "RPO target, with its unit (0, 30s, 1m): every region-failure incident of a year loses at most this much time of writes.",
      availability: 'Availability target: the year\'s request-weighted availability at least this ("99.95%" or 0.9995); every cause counts.',
      confidence: "The share of years that must demonstrably keep each promise: the lower bound of the Wilson 95 % interval reaches it (default 0.95).",
      budget: "The most the mean total cost of risk per year may be, USD.",
      includeCorruption: "Hold corruption restores (alike for every strategy) to the RTO and RPO targets too; default false.",
    },
  )
    // Keys in withTargets' order, absent targets left out: scenario.json is written from this object.
    .transform((t): Targets => withTargets(undefined, t))
    .describe("The planner's targets: the promises a run judges every strategy against (docs/decision.md). Flags such as --rto override them.");
}

/** `base` with the targets `override` sets (undefined: not set) on top, in the key order scenario.json writes. */
export function withTargets(base: Targets | undefined, override: Partial<Targets>): Targets {
  const set = Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined));
  const merged: Partial<Targets> = { ...base, ...set };
  const pick = <K extends keyof Targets>(k: K): Partial<Targets> => (merged[k] === undefined ? {} : { [k]: merged[k] });
  return {
    ...pick("rto"),
    ...pick("rpo"),
    ...pick("availability"),
    confidence: merged.confidence ?? DEFAULT_CONFIDENCE,
    ...pick("budget"),
    includeCorruption: merged.includeCorruption ?? false,
  };
}
