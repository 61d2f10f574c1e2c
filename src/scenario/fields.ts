// Field schemas shared by the core scenario schema and the parts the registries contribute: a
// timing (a duration or a distribution of durations) and a pipeline step (a timing or `none`).
// Built once each, so every field using one is one named definition in the JSON Schema.
import { z } from "zod";
import type { DistributionSpec } from "../random/types.js";
import { DURATION_KIND, valueOrDistribution } from "./distribution.js";
import { DURATION_EXPECTED } from "./units.js";
import { duration } from "./values.js";

const STEP_EXPECTED = 'expected a duration like "15m", a distribution {dist: ...} or none';

/** A duration ("15m") or a distribution of durations. */
export function timing(): z.ZodType<DistributionSpec, unknown> {
  return valueOrDistribution(DURATION_KIND);
}

let step: z.ZodType<DistributionSpec | null, unknown> | undefined;

/** A step's duration, or `none` (null) when the strategy has no such step. */
export function stepTiming(): z.ZodType<DistributionSpec | null, unknown> {
  step ??= z.union([z.literal("none").transform(() => null), valueOrDistribution(DURATION_KIND, STEP_EXPECTED)], {
    error: STEP_EXPECTED,
  });
  return step;
}

/** A duration > 0 (a new schema each call, as the original schema built them). */
export function positiveDuration() {
  return duration().refine((v) => v > 0, { error: `${DURATION_EXPECTED} (> 0)` });
}
