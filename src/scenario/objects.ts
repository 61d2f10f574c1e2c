// Object schemas for settings maps. `settings` is strict (unknown keys are errors) and outputs its
// keys in the order of the shape: zod assigns keys as their (possibly async: empirical CSVs)
// parses finish, and a resolved scenario should serialize the same way whatever its values.
// `deepPartial` is the form used by regionDefaults and strategyDefaults.
import { z } from "zod";

export function settings<Shape extends z.ZodRawShape>(shape: Shape) {
  const keys = Object.keys(shape);
  return z.strictObject(shape).transform((value) => {
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
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodOptional) {
    return deepPartial(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodPipe && schema.in instanceof z.ZodObject) return deepPartial(schema.in as z.ZodType);
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) shape[key] = deepPartial(field);
    return z.strictObject(shape).optional();
  }
  return schema.optional();
}
