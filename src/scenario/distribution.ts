// Distribution schemas: `{dist: lognormal, median: 6h, sigma: 0.9}` and friends, with parameters
// written in the same kind of value as the field (durations, throughputs or fractions), checked
// here (positivity, min ≤ mode ≤ max…) so errors carry the parameter's position, and converted to
// the engine's DistributionSpec. `empirical` reads its CSV column while validating.
import { z } from "zod";
import { makeDistribution } from "../random/distributions.js";
import type { DistributionSpec } from "../random/types.js";
import { currentResources } from "./resources.js";
import { DURATION_EXPECTED, THROUGHPUT_EXPECTED, parseDuration, parseThroughput } from "./units.js";
import { FRACTION_EXPECTED, duration, fraction, positive, rate, throughput, type NumberSchema } from "./values.js";


/** The kind of quantity a field holds; a distribution's parameters are written in the same kind. */
export interface QuantityKind {
  readonly noun: string;
  /** One value ≥ 0 of this kind. */
  value(expected?: string): NumberSchema;
  /** "expected a duration like …" */
  readonly expected: string;
  /** 'a duration like "15m"': the short form, for "expected … or a distribution". */
  readonly short: string;
  /** The distributions that make sense for it (fractions need bounded support). */
  readonly dists: readonly DistName[];
  /** Scale factor of an empirical column's `unit`, undefined if it is not a unit of this kind. */
  unitScale(unit: string): number | undefined;
  readonly unitExample: string;
  /** Largest value of this kind (a fraction's 1); every kind is ≥ 0. */
  readonly max?: number;
}

export const DIST_NAMES = [
  "fixed",
  "uniform",
  "exponential",
  "lognormal",
  "weibull",
  "gamma",
  "triangular",
  "truncated-normal",
  "empirical",
] as const;
export type DistName = (typeof DIST_NAMES)[number];

function safely(parse: () => number): number | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

export const DURATION_KIND: QuantityKind = {
  noun: "duration",
  value: (expected = DURATION_EXPECTED) => duration(expected),
  expected: DURATION_EXPECTED,
  short: 'a duration like "15m"',
  dists: DIST_NAMES,
  // Letters only, so "30m" cannot sneak in as a unit and make "130m".
  unitScale: (unit) => (/^[a-z]+$/.test(unit) ? safely(() => parseDuration(`1${unit}`)) : undefined),
  unitExample: "s, m, h, d",
};

export const THROUGHPUT_KIND: QuantityKind = {
  noun: "throughput",
  // A throughput of 0 moves nothing: a restore would never end (and its cost would be infinite).
  value: (expected = THROUGHPUT_EXPECTED) => throughput(expected).refine((v) => v > 0, { error: "expected a throughput > 0" }),
  expected: THROUGHPUT_EXPECTED,
  short: 'a throughput like "150MB/s"',
  dists: DIST_NAMES,
  unitScale: (unit) => (/^[A-Za-z]+( ?\/ ?s)?$/.test(unit) ? safely(() => parseThroughput(`1${unit}`)) : undefined),
  unitExample: "MB/s, Mbps",
};

export const FRACTION_KIND: QuantityKind = {
  noun: "fraction",
  value: (expected = FRACTION_EXPECTED) => fraction(expected),
  expected: FRACTION_EXPECTED,
  short: "a fraction between 0 and 1",
  dists: ["fixed", "uniform", "triangular", "empirical"],
  unitScale: (unit) => (unit === "%" ? 0.01 : undefined),
  unitExample: "%",
  max: 1,
};

type Issue = { readonly path: readonly string[]; readonly message: string };
type Ctx = { addIssue(issue: { code: "custom"; path: string[]; message: string; input?: unknown }): void };

function report(ctx: Ctx, issues: readonly Issue[]): void {
  for (const issue of issues) ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message });
}

/** `value` must be > 0 (scales, medians, means, standard deviations). */
function positiveValue(kind: QuantityKind): NumberSchema {
  return kind.value().refine((v) => v > 0, { error: `expected a ${kind.noun} > 0` });
}

function variants(kind: QuantityKind) {
  const value = kind.value();
  const pos = positiveValue(kind);
  return {
    fixed: z
      .strictObject({ dist: z.literal("fixed"), value })
      .transform((d): DistributionSpec => ({ dist: "fixed", value: d.value })),
    uniform: z
      .strictObject({ dist: z.literal("uniform"), min: value, max: value })
      .superRefine((d, ctx) => {
        if (d.max <= d.min) report(ctx, [{ path: ["max"], message: "expected max > min (use fixed for a constant)" }]);
      })
      .transform((d): DistributionSpec => ({ dist: "uniform", min: d.min, max: d.max })),
    exponential: kind === DURATION_KIND ? exponentialByMeanOrRate(pos) : exponentialByMean(pos),
    lognormal: z
      .strictObject({
        dist: z.literal("lognormal"),
        median: pos.optional(),
        sigma: positive().optional(),
        mean: pos.optional(),
        sd: pos.optional(),
      })
      .superRefine((d, ctx) => {
        const byMedian = d.median !== undefined && d.sigma !== undefined && d.mean === undefined && d.sd === undefined;
        const byMean = d.mean !== undefined && d.sd !== undefined && d.median === undefined && d.sigma === undefined;
        if (!byMedian && !byMean) {
          report(ctx, [{ path: [], message: "lognormal needs either median and sigma, or mean and sd" }]);
        }
      })
      .transform(
        (d): DistributionSpec =>
          d.median !== undefined
            ? { dist: "lognormal", median: d.median, sigma: d.sigma! }
            : { dist: "lognormal", mean: d.mean!, sd: d.sd! },
      ),
    weibull: z
      .strictObject({ dist: z.literal("weibull"), shape: positive(), scale: pos })
      .transform((d): DistributionSpec => ({ dist: "weibull", shape: d.shape, scale: d.scale })),
    gamma: z
      .strictObject({ dist: z.literal("gamma"), shape: positive(), scale: pos })
      .transform((d): DistributionSpec => ({ dist: "gamma", shape: d.shape, scale: d.scale })),
    triangular: z
      .strictObject({ dist: z.literal("triangular"), min: value, mode: value, max: value })
      .superRefine((d, ctx) => {
        if (d.mode < d.min) report(ctx, [{ path: ["mode"], message: "expected min ≤ mode" }]);
        if (d.max < d.mode) report(ctx, [{ path: ["max"], message: "expected mode ≤ max" }]);
        if (d.max === d.min) report(ctx, [{ path: ["max"], message: "expected max > min (use fixed for a constant)" }]);
      })
      .transform((d): DistributionSpec => ({ dist: "triangular", min: d.min, mode: d.mode, max: d.max })),
    "truncated-normal": z
      .strictObject({ dist: z.literal("truncated-normal"), mean: value, sd: pos })
      .transform((d): DistributionSpec => ({ dist: "truncated-normal", mean: d.mean, sd: d.sd })),
    empirical: z
      .strictObject({
        dist: z.literal("empirical"),
        file: z.string({ error: "expected a CSV file path (relative to this file)" }),
        column: z.string({ error: "expected a column name" }),
        unit: z.string({ error: `expected a unit (${kind.unitExample})` }).optional(),
      })
      .superRefine((d, ctx) => {
        if (d.unit !== undefined && kind.unitScale(d.unit) === undefined) {
          report(ctx, [{ path: ["unit"], message: `expected a ${kind.noun} unit (${kind.unitExample})` }]);
        }
      })
      .transform(async (d, ctx): Promise<DistributionSpec> => {
        const scale = d.unit === undefined ? 1 : kind.unitScale(d.unit)!;
        try {
          return { dist: "empirical", samples: await currentResources().loadSamples(d.file, d.column, scale, kind.max) };
        } catch (error) {
          ctx.addIssue({ code: "custom", path: ["file"], message: errorText(error) });
          return z.NEVER;
        }
      }),
  } as const;
}

// A rate only makes sense for durations (events per second); other kinds give the mean.
function exponentialByMeanOrRate(pos: NumberSchema) {
  return z
    .strictObject({
      dist: z.literal("exponential"),
      mean: pos.optional(),
      rate: rate()
        .refine((v) => v > 0, { error: "expected a rate > 0" })
        .optional(),
    })
    .superRefine((d, ctx) => {
      if ((d.mean === undefined) === (d.rate === undefined)) {
        report(ctx, [{ path: [], message: "exponential needs exactly one of mean or rate" }]);
      }
    })
    .transform(
      (d): DistributionSpec =>
        d.rate !== undefined ? { dist: "exponential", rate: d.rate } : { dist: "exponential", mean: d.mean! },
    );
}

function exponentialByMean(pos: NumberSchema) {
  return z
    .strictObject({ dist: z.literal("exponential"), mean: pos })
    .transform((d): DistributionSpec => ({ dist: "exponential", mean: d.mean }));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A distribution object of this kind: `{dist: …, <parameters>}`. */
function distribution(kind: QuantityKind): z.ZodType<DistributionSpec, object> {
  const all = variants(kind);
  const [first, ...rest] = kind.dists.map((name) => all[name]);
  // The engine's own parameter checks as a safety net behind the ones above, so a spec the loader
  // accepts is one the simulator can build.
  return z.discriminatedUnion("dist", [first!, ...rest]).superRefine((spec, ctx) => {
    try {
      makeDistribution(spec);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: errorText(error) });
    }
  });
}

export function distExpected(kind: QuantityKind): string {
  return `expected ${kind.short} or a distribution {dist: ...}`;
}

const distributions = new Map<QuantityKind, z.ZodType<DistributionSpec, object>>();
const fields = new Map<string, z.ZodType<DistributionSpec, unknown>>();

/** The distribution objects of a kind: `{dist: …, <parameters>}`. */
export function distributionSchema(kind: QuantityKind): z.ZodType<DistributionSpec, object> {
  let dist = distributions.get(kind);
  if (dist === undefined) {
    dist = distribution(kind);
    distributions.set(kind, dist);
  }
  return dist;
}

/**
 * A plain value (a fixed distribution) or a distribution object. Built once per kind and message
 * and shared by every field of that kind: zod schemas are immutable, and building them is slow.
 */
export function valueOrDistribution(kind: QuantityKind, expected = distExpected(kind)): z.ZodType<DistributionSpec, unknown> {
  const key = `${kind.noun}\0${expected}`;
  let schema = fields.get(key);
  if (schema === undefined) {
    const dist = distributionSchema(kind);
    schema = z.union([kind.value(expected).transform((value): DistributionSpec => ({ dist: "fixed", value })), dist], {
      error: expected,
    });
    fields.set(key, schema);
  }
  return schema;
}
