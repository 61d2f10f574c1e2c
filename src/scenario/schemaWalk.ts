// Walks the zod schema along a field path, for what zod's issues do not say: the valid keys at a
// level (for "did you mean …?") and whether a `--set` path names a field at all.
import { z } from "zod";
import type { PathKey } from "./rawTree.js";

/** The concrete schemas a value at this level may match: wrappers removed, unions spread out. */
function alternatives(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
    return alternatives(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodPipe) return alternatives(schema.in as z.ZodType);
  if (schema instanceof z.ZodUnion) return (schema.options as readonly z.ZodType[]).flatMap(alternatives);
  return [schema];
}

function objectsOf(schemas: readonly z.ZodType[], dist: unknown): z.ZodObject[] {
  const objects = schemas.filter((s): s is z.ZodObject => s instanceof z.ZodObject);
  // Among distribution variants, only the one named by `dist` (when it names one) has the valid keys.
  const named = objects.filter((o) => {
    const tag = (o.shape as Record<string, z.ZodType>)["dist"];
    return tag instanceof z.ZodLiteral && tag.value === dist;
  });
  return named.length > 0 ? named : objects;
}

export type WalkResult =
  | { readonly ok: true; readonly schemas: readonly z.ZodType[]; readonly recordKeys: readonly number[] }
  /** path[index] is not a field of the map at path[0..index); `keys` are the ones that are. */
  | { readonly ok: false; readonly index: number; readonly keys: readonly string[] };

/**
 * Follows `path` from `root`. `distAt(i)` is the `dist` written at path[0..i) (to pick the
 * distribution variant). `recordKeys` lists the positions of free-form keys (region names,
 * strategy ids), which a caller may want to check against the ones that exist.
 */
export function walk(root: z.ZodType, path: readonly PathKey[], distAt: (depth: number) => unknown = () => undefined): WalkResult {
  let schemas = alternatives(root);
  const recordKeys: number[] = [];
  for (const [index, key] of path.entries()) {
    const next: z.ZodType[] = [];
    for (const schema of schemas) {
      if (schema instanceof z.ZodRecord) {
        next.push(schema.valueType as z.ZodType);
        recordKeys.push(index);
      }
    }
    const objects = objectsOf(schemas, distAt(index));
    for (const object of objects) {
      const field = (object.shape as Record<string, z.ZodType | undefined>)[String(key)];
      if (field !== undefined) next.push(field);
    }
    if (next.length === 0) {
      const keys = [...new Set(objects.flatMap((o) => Object.keys(o.shape as object)))];
      return { ok: false, index, keys };
    }
    schemas = next.flatMap(alternatives);
  }
  return { ok: true, schemas, recordKeys: [...new Set(recordKeys)] };
}

/** The keys allowed in the map at `path` (empty when it is not a fixed set of fields). */
export function keysAt(root: z.ZodType, path: readonly PathKey[], distAt?: (depth: number) => unknown): string[] {
  const result = walk(root, path, distAt);
  if (!result.ok) return [];
  const objects = objectsOf(result.schemas, distAt?.(path.length));
  return [...new Set(objects.flatMap((o) => Object.keys(o.shape as object)))];
}
