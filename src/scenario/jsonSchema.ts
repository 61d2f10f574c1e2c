// The JSON Schema of scenario files, generated from the zod schema's input side (so "15m" and
// "0.1/year" are what it allows), for editors: `# yaml-language-server: $schema=…`. Committed as
// schema/scenario.schema.json (a test keeps it current); `drsim schema` prints it.
//
// It describes one *file*, not a merged scenario: any field may come from an `extends`ed file, so
// nothing is required, any value may be null (which deletes an inherited one), and a distribution
// map may give only some parameters (it then adjusts the inherited distribution). Required fields
// and cross-field rules are checked by the loader on the merged scenario.
import { z } from "zod";
import { DURATION_KIND, FRACTION_KIND, THROUGHPUT_KIND, distributionSchema, valueOrDistribution } from "./distribution.js";
import { fieldDocs } from "./objects.js";
import type { ScenarioSchemas } from "./schema.js";
import { duration, rate, size, throughput } from "./values.js";

/** The JSON Schema of scenario files read by `parts` (replication/scenario.ts gives the registries' one). */
export function scenarioJsonSchema(parts: ScenarioSchemas): object {
  // Shared parts become named definitions with a description editors show on hover.
  const registry = z.registry<{ id: string; description: string }>();
  const named: [z.ZodType, string, string][] = [
    [duration(), "duration", 'Seconds, or a number with units ms s m h d w y (y = 365.25 d): "30s", "15m", "1.5h", "1h30m".'],
    [rate(), "rate", 'Events per time: "0.1/year", "2/month", "4/hour" (units second minute hour day week month year, or s m h d w y).'],
    [size(), "size", 'Bytes, or "500GB" (KB MB GB TB PB, decimal) or "2KiB" (KiB MiB GiB TiB PiB, binary).'],
    [throughput(), "throughput", 'Bytes per second, or "150MB/s", or bits per second: "1Gbps", "100Mbps".'],
    [distributionSchema(DURATION_KIND), "durationDistribution", "A distribution of durations: {dist: lognormal, median: 6h, sigma: 0.9} etc."],
    [valueOrDistribution(DURATION_KIND), "durationOrDistribution", 'A duration ("15m") or a distribution of durations {dist: ...}.'],
    [distributionSchema(THROUGHPUT_KIND), "throughputDistribution", "A distribution of throughputs: {dist: uniform, min: 15MB/s, max: 150MB/s} etc."],
    [valueOrDistribution(THROUGHPUT_KIND), "throughputOrDistribution", 'A throughput ("150MB/s") or a distribution of throughputs {dist: ...}.'],
    [valueOrDistribution(FRACTION_KIND), "fractionOrDistribution", "A fraction in [0, 1] or a distribution of fractions {dist: ...}."],
    [parts.step, "step", 'A step\'s duration ("2m" or {dist: ...}), or none when the strategy has no such step.'],
    [parts.region, "region", "A region: its provider and outage process (merged over regionDefaults)."],
    [parts.strategy, "strategy", "A DR strategy (merged over strategyDefaults.<type>)."],
    [parts.strategyPartial, "strategyDefaults", "Any strategy fields, merged under every strategy of one type."],
  ];
  for (const [schema, id, description] of named) registry.add(schema, { id, description });
  const generated = z.toJSONSchema(parts.scenario, {
    io: "input",
    target: "draft-7",
    unrepresentable: "any",
    metadata: registry,
    // Each field's description, declared with its object (objects.ts: settings, described), is
    // noted on the object here and given to its fields once they are final (asFileSchema).
    override: ({ zodSchema, jsonSchema }) => {
      const docs = fieldDocs(zodSchema);
      if (docs !== undefined) (jsonSchema as Record<string, unknown>)[FIELD_DOCS_KEY] = docs;
      // A part's own description (`.describe()` on a transformed object) is kept on its input side too.
      const own = z.globalRegistry.get(zodSchema)?.description;
      if (own !== undefined && jsonSchema.description === undefined) jsonSchema.description = own;
    },
  });
  return {
    ...(asFileSchema(generated) as object),
    title: "drsim scenario",
    description: "A drsim scenario file (any part of one: the rest may come from `extends`). Reference: docs/scenario-format.md.",
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where an object's field descriptions wait for asFileSchema; not in the output. */
const FIELD_DOCS_KEY = "x-drsim-field-docs";

/** Drops `required`, lets every field be null, and relaxes oneOf to anyOf (see the top). */
function asFileSchema(node: unknown): Json {
  if (Array.isArray(node)) return node.map(asFileSchema);
  if (node === null || typeof node !== "object") return node as Json;
  const out: { [key: string]: Json } = {};
  const docs = (node as Record<string, unknown>)[FIELD_DOCS_KEY] as Readonly<Record<string, string>> | undefined;
  for (const [key, value] of Object.entries(node)) {
    if (key === "required" || key === FIELD_DOCS_KEY) continue;
    if (key === "definitions" && value !== null && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, definition]) => [name, nullable(asFileSchema(definition))]));
      continue;
    }
    if (key === "properties" && value !== null && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, field]) => [name, nullable(describedField(asFileSchema(field), docs?.[name]))]));
    } else if (key === "additionalProperties" && value !== null && typeof value === "object") {
      out[key] = nullable(asFileSchema(value));
    } else {
      out[key === "oneOf" ? "anyOf" : key] = asFileSchema(value);
    }
  }
  return out;
}

/** A field with the description declared for it, unless it has its own. */
function describedField(schema: Json, description: string | undefined): Json {
  if (description === undefined || schema === null || typeof schema !== "object" || Array.isArray(schema) || schema["description"] !== undefined) return schema;
  return { description, ...schema };
}

/**
 * `schema` or null. Null is added inside the field's own schema — to its `type`, its `enum`, its
 * `anyOf` — so that a validator judging a bad value deeper down reports it at that value, not as
 * "matches no branch" at the top-level key; only a bare `$ref` is wrapped (it is a leaf).
 */
function nullable(schema: Json): Json {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const { description, default: defaultValue, ...rest } = schema;
  // Keep what editors show (description, default) at the top of the field.
  const top = { ...(description === undefined ? {} : { description }), ...(defaultValue === undefined ? {} : { default: defaultValue }) };
  const type = rest["type"];
  if (Array.isArray(rest["enum"])) {
    return { ...top, ...rest, ...(typeof type === "string" ? { type: [type, "null"] } : {}), enum: [...rest["enum"], null] };
  }
  if (typeof type === "string" && rest["const"] === undefined) return { ...top, ...rest, type: [type, "null"] };
  if (Array.isArray(rest["anyOf"]) && Object.keys(rest).length === 1) return { ...top, anyOf: [...rest["anyOf"], { type: "null" }] };
  // A reference: its definition admits null itself (asFileSchema), so an error inside it is reported there.
  if (typeof rest["$ref"] === "string" && Object.keys(rest).length === 1) return { ...top, ...rest };
  return { ...top, anyOf: [rest, { type: "null" }] };
}
