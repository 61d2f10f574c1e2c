// The scenario as written, before validation: a tree of maps, lists and scalars in which every
// node remembers where it was written (its Origin). Merging `extends`, defaults and `--set`
// overrides happens on this tree, so an error found later by the schema can still point at the
// file, line and column of the offending value.
import { failAt } from "./scenarioError.js";

/** Where a value was written. Lines and columns are 1-based. */
export type Origin =
  | { readonly kind: "file"; readonly file: string; readonly line: number; readonly column: number }
  | { readonly kind: "override"; readonly path: string; readonly option?: string | undefined }
  | { readonly kind: "builtin" };

export type Scalar = string | number | boolean | null;

export interface RawMap {
  readonly kind: "map";
  readonly origin: Origin;
  /** Insertion-ordered: regions and strategies are ordered maps. */
  readonly entries: ReadonlyMap<string, RawEntry>;
  /** Written as an empty value (`key:` with nothing after it) rather than as `{}`. */
  readonly empty?: boolean;
}

export interface RawEntry {
  /** Where the key was written: errors about a whole map point here rather than at its first child. */
  readonly keyOrigin: Origin;
  readonly value: RawNode;
}

export interface RawList {
  readonly kind: "list";
  readonly origin: Origin;
  readonly items: readonly RawNode[];
}

export interface RawScalar {
  readonly kind: "scalar";
  readonly origin: Origin;
  /** null is a deletion marker until `stripDeletions` removes it. */
  readonly value: Scalar;
}

export type RawNode = RawMap | RawList | RawScalar;

export type PathKey = string | number;

export function rawMap(origin: Origin, entries: ReadonlyMap<string, RawEntry> = new Map()): RawMap {
  return { kind: "map", origin, entries };
}

export function isDeletion(node: RawNode): boolean {
  return node.kind === "scalar" && node.value === null;
}

export const RECURSIVE_ALIAS = "YAML syntax error: an alias (*name) inside the value it names (a recursive alias)";

/**
 * Builds a tree from a plain value (an override's parsed YAML), every node at `origin`. `&a [*a]`
 * parses to an array that contains itself: refused rather than followed forever.
 */
export function rawFromPlain(value: unknown, origin: Origin, open = new Set<object>()): RawNode {
  if (value !== null && typeof value === "object") {
    if (open.has(value)) failAt(origin, "", RECURSIVE_ALIAS);
    open.add(value);
    let node: RawNode;
    if (Array.isArray(value)) {
      node = { kind: "list", origin, items: value.map((item) => rawFromPlain(item, origin, open)) };
    } else {
      const entries = new Map<string, RawEntry>();
      for (const [key, child] of Object.entries(value)) entries.set(key, { keyOrigin: origin, value: rawFromPlain(child, origin, open) });
      node = rawMap(origin, entries);
    }
    open.delete(value);
    return node;
  }
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return { kind: "scalar", origin, value };
  }
  return { kind: "scalar", origin, value: String(value) };
}

/** Removes every map entry whose value is null: deletion markers that had nothing left to delete. */
export function stripDeletions(node: RawNode): RawNode {
  if (node.kind === "list") return { ...node, items: node.items.map(stripDeletions) };
  if (node.kind !== "map") return node;
  const entries = new Map<string, RawEntry>();
  for (const [key, entry] of node.entries) {
    if (!isDeletion(entry.value)) entries.set(key, { ...entry, value: stripDeletions(entry.value) });
  }
  return { ...node, entries };
}

/** The plain value the schema validates: objects, arrays and scalars. */
export function toPlain(node: RawNode): unknown {
  switch (node.kind) {
    case "scalar":
      return node.value;
    case "list":
      return node.items.map(toPlain);
    case "map": {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of node.entries) out[key] = toPlain(entry.value);
      return out;
    }
  }
}

export interface Located {
  readonly node: RawNode;
  /** The key's origin, or the node's own for the root and list items. */
  readonly keyOrigin: Origin;
}

/** The node at `path`, or undefined when some key along it is absent. */
export function nodeAt(root: RawNode, path: readonly PathKey[]): Located | undefined {
  let here: Located = { node: root, keyOrigin: root.origin };
  for (const key of path) {
    const next = childOf(here.node, key);
    if (next === undefined) return undefined;
    here = next;
  }
  return here;
}

function childOf(node: RawNode, key: PathKey): Located | undefined {
  if (node.kind === "map") {
    const entry = node.entries.get(String(key));
    return entry && { node: entry.value, keyOrigin: entry.keyOrigin };
  }
  if (node.kind === "list" && typeof key === "number") {
    const item = node.items[key];
    return item && { node: item, keyOrigin: item.origin };
  }
  return undefined;
}

/**
 * Where to point for a problem at `path`: a scalar's own position; a map's or list's key (the
 * line naming it reads better than its first child); for a missing key, the deepest map that
 * exists along the path — the map the key is missing from.
 */
export function originAt(root: RawNode, path: readonly PathKey[]): { readonly origin: Origin; readonly exists: boolean } {
  let here: Located = { node: root, keyOrigin: root.origin };
  for (const key of path) {
    const next = childOf(here.node, key);
    if (next === undefined) return { origin: here.keyOrigin, exists: false };
    here = next;
  }
  return { origin: here.node.kind === "scalar" ? here.node.origin : here.keyOrigin, exists: true };
}
