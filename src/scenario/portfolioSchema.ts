// What a portfolio file adds to a scenario file (portfolio.ts): `tiers`, `services` and `flows`.
// Each service's own fields (workload, costs, strategies…) are read by the scenario schema itself,
// in the service's view (portfolioLoad.ts); this file reads only what is the portfolio's — tiers,
// each service's tier and dependencies, flows — and gives the whole file's shape, which `--set`
// paths are checked against.
import { z } from "zod";
import { deepPartial } from "./objects.js";
import { DEPENDENCY_SCOPES } from "./portfolio.js";
import { ID_PATTERN, type ScenarioSchemas } from "./schema.js";
import { duration, money, probability } from "./values.js";

const ID_EXPECTED = 'expected a name of letters, digits, "-" and "_", starting with a letter';
const id = (): z.ZodString => z.string({ error: ID_EXPECTED }).regex(ID_PATTERN, { error: ID_EXPECTED });

/** The keys of a portfolio file that a scenario file does not have. */
export const PORTFOLIO_KEYS = ["tiers", "services", "flows"] as const;

/** Each service's own: a scenario file's fields that a portfolio's top level may not write. */
export const SERVICE_ONLY_KEYS = ["workload", "strategies"] as const;

/** What a service writes that is not a field of its scenario view. */
export const SERVICE_PORTFOLIO_KEYS = ["tier", "dependsOn"] as const;

/** Fields a service may write that a scenario file also has: its own over the portfolio's, maps merged key by key. */
export function serviceScenarioKeys(schemas: ScenarioSchemas): string[] {
  return [...SERVICE_ONLY_KEYS, "costs", "strategyDefaults", ...schemas.perService];
}

const AVAILABILITY_EXPECTED = 'expected an availability like "99.95%" or 0.9995';

/** "99.95%" or a fraction 0.9995 → 0.9995. */
const availability = z.union([z.number(), z.string()], { error: AVAILABILITY_EXPECTED }).transform((value, ctx): number => {
  const x = typeof value === "number" ? value : /^\s*[0-9.]+\s*%\s*$/.test(value) ? Number(value.replace("%", "")) / 100 : NaN;
  if (!(x > 0 && x <= 1)) {
    ctx.addIssue({ code: "custom", message: AVAILABILITY_EXPECTED });
    return z.NEVER;
  }
  return x;
});

const tier = z.strictObject({
  rto: duration(),
  rpo: duration(),
  availability: availability.optional(),
  confidence: probability()
    .refine((p) => p > 0 && p < 1, { error: "expected a probability strictly between 0 and 1" })
    .default(0.95),
  includeCorruption: z.boolean().default(false),
});

const dependsOn = z.record(id(), z.enum(DEPENDENCY_SCOPES), { error: `expected a map of service: ${DEPENDENCY_SCOPES.join(" | ")}` });

const flow = z.strictObject({
  services: z.array(id()).min(1),
  downtimeUSDPerMinute: money().default(0),
});

/**
 * The portfolio's own parts, read from a plain object holding only them — `tiers`, `flows`, and of
 * each service its `tier` and `dependsOn` — so issues' paths are the file's own.
 */
export const portfolioPartsSchema = z.object({
  tiers: z.record(id(), tier, { error: "expected a map of tiers, each with its rto and rpo" }),
  services: z.record(
    id(),
    z.object({ tier: z.string({ error: "expected the name of one of the portfolio's tiers" }), dependsOn: dependsOn.optional() }),
    { error: "expected a map of services" },
  ),
  flows: z.record(id(), flow).optional(),
});
export type PortfolioParts = z.output<typeof portfolioPartsSchema>;

/**
 * Every field of a portfolio file, each as the scenario schema reads it (a service's costs and
 * data fields partial: they are merged over the portfolio's): what `--set` paths are checked against.
 */
export function portfolioFileSchema(schemas: ScenarioSchemas): z.ZodType {
  const top: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schemas.fields)) {
    if (!(SERVICE_ONLY_KEYS as readonly string[]).includes(key)) top[key] = field;
  }
  const service: Record<string, z.ZodType> = { tier: z.string(), dependsOn: dependsOn.optional() };
  for (const key of serviceScenarioKeys(schemas)) {
    const field = schemas.fields[key];
    if (field !== undefined) service[key] = (SERVICE_ONLY_KEYS as readonly string[]).includes(key) ? field : deepPartial(field);
  }
  return z.strictObject({ ...top, tiers: portfolioPartsSchema.shape.tiers, services: z.record(id(), z.strictObject(service)), flows: portfolioPartsSchema.shape.flows });
}
