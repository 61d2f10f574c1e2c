// Object schemas for settings maps. `settings` is strict (unknown keys are errors) and outputs its
// keys in the order of the shape: zod assigns keys as their (possibly async: empirical CSVs)
// parses finish, and a resolved scenario should serialize the same way whatever its values.
// `deepPartial` is the form used by regionDefaults and strategyDefaults.
//
// Every field is described where it is declared: `settings` and `described` take one sentence per
// key (the compiler asks for each), which the JSON Schema gives as the field's hover help in
// editors (jsonSchema.ts). The descriptions sit beside the object, not on the field's schema, so
// shared value schemas (a duration, a rate) stay one `$ref` each.
import { z } from "zod";

/** The hover help of each field of an object schema, by key. */
export type FieldDocs<Shape> = { readonly [K in keyof Shape]: string };

// zod copies an object's shape when it copies the object (a refinement, say) but keeps its field
// schemas: an object is known by them, its first field's schema leading to the candidates.
interface Described {
  readonly shape: Readonly<Record<string, unknown>>;
  readonly docs: Readonly<Record<string, string>>;
}
const FIELD_DOCS = new WeakMap<object, Described[]>();

function remember(shape: Readonly<Record<string, unknown>>, docs: Readonly<Record<string, string>>): void {
  const first = Object.values(shape)[0];
  if (typeof first !== "object" || first === null) return;
  const list = FIELD_DOCS.get(first) ?? [];
  list.push({ shape, docs });
  FIELD_DOCS.set(first, list);
}

/** `object`, its fields described by `docs` (one sentence each, what it means and its unit). */
export function described<T extends z.ZodObject>(object: T, docs: FieldDocs<T["shape"]>): T {
  remember(object.shape, docs);
  return object;
}

/** The field descriptions declared with `schema`, if it is a described object (or a copy of one). */
export function fieldDocs(schema: { readonly _zod: { readonly def: object } }): Readonly<Record<string, string>> | undefined {
  const shape = (schema._zod.def as { readonly shape?: unknown }).shape;
  if (typeof shape !== "object" || shape === null) return undefined;
  const fields = shape as Readonly<Record<string, unknown>>;
  const keys = Object.keys(fields);
  const first = fields[keys[0]!];
  if (typeof first !== "object" || first === null) return undefined;
  const same = (d: Described): boolean => {
    const theirs = Object.keys(d.shape);
    return theirs.length === keys.length && keys.every((k) => d.shape[k] === fields[k]);
  };
  return FIELD_DOCS.get(first)?.find(same)?.docs;
}

export function settings<Shape extends z.ZodRawShape>(shape: Shape, docs: FieldDocs<Shape>) {
  const keys = Object.keys(shape);
  return described(z.strictObject(shape), docs).transform((value) => {
    const ordered: Record<string, unknown> = {};
    for (const key of keys) if (key in value) ordered[key] = (value as Record<string, unknown>)[key];
    return ordered as typeof value;
  });
}

/**
 * Every field optional, no defaults (they apply after merging, to the real region or strategy),
 * still strict, so a typo in a defaults block is caught even when nothing of that type uses it.
 */
export function deepPartial(schema: z.ZodType): z.ZodType {
  // A part's own description (`.describe()`) stays with its partial form.
  const partial = partialOf(schema);
  return schema.description === undefined || partial.description !== undefined ? partial : partial.describe(schema.description);
}

function partialOf(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodOptional) {
    return deepPartial(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodPipe && schema.in instanceof z.ZodObject) return deepPartial(schema.in as z.ZodType);
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) shape[key] = deepPartial(field);
    const partial = z.strictObject(shape);
    const docs = fieldDocs(schema);
    if (docs !== undefined) remember(partial.shape, docs);
    return partial.optional();
  }
  return schema.optional();
}
