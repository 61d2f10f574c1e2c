// `--set a.b.c=value`: checked against the schema (a typo is an error, with a suggestion), the value
// parsed as YAML (so `0.3/year`, `15m` and `{dist: fixed, value: 5m}` all work), then merged onto
// the raw tree like one more file on top: maps merge, a distribution replaces, null deletes.
import { parse } from "yaml";
import type { z } from "zod";
import { mergeNodes } from "./merge.js";
import { rawFromPlain, rawMap, type Origin, type RawMap, type RawNode } from "./rawTree.js";
import { failAt, pathString } from "./scenarioError.js";
import { walk } from "./schemaWalk.js";
import { suggestion } from "./suggest.js";

export interface ScenarioOverride {
  /** Dotted field path, e.g. "regionDefaults.outage.rate". */
  readonly path: string;
  /** The value as typed; parsed as YAML. */
  readonly value: string;
  /** The command-line option that set it, when not `--set` (`-n` sets run.runs): messages name it. */
  readonly option?: string;
}

export function applyOverride(root: RawMap, override: ScenarioOverride, schema: z.ZodType): RawMap {
  const origin: Origin = { kind: "override", path: override.path, option: override.option };
  const path = override.path.split(".");
  if (path.some((key) => key === "")) failAt(origin, override.path, "expected a field path like regionDefaults.outage.rate");
  // Files are merged before overrides apply: an `extends` set here would be silently ignored.
  if (path[0] === "extends") failAt(origin, override.path, "extends cannot be overridden; write a scenario file that extends this one");
  checkPath(root, path, schema, origin);

  let value: unknown;
  try {
    value = parse(override.value, { prettyErrors: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failAt(origin, override.path, `cannot read the value ${JSON.stringify(override.value)} as YAML: ${reason}`);
  }
  let overlay: RawNode = rawFromPlain(value === undefined ? null : value, origin);
  for (const key of [...path].reverse()) overlay = rawMap(origin, new Map([[key, { keyOrigin: origin, value: overlay }]]));
  return mergeNodes(root, overlay) as RawMap;
}

function checkPath(root: RawMap, path: readonly string[], schema: z.ZodType, origin: Origin): void {
  const result = walk(schema, path, (depth) => distAt(root, path.slice(0, depth)));
  if (!result.ok) {
    const where = pathString(path.slice(0, result.index + 1));
    if (result.keys.length === 0) {
      failAt(origin, where, `${pathString(path.slice(0, result.index)) || "the scenario"} is a single value, not a map of fields`);
    }
    failAt(origin, where, `unknown field${suggestion(path[result.index]!, result.keys)}`);
  }
  // A region or strategy the path goes *through* must exist: `--set strategies.warm-standy.x=1`
  // is a typo, not a new strategy. Setting a whole entry (`--set strategies.new={...}`) adds one.
  for (const index of result.recordKeys) {
    if (index === path.length - 1) continue;
    const parent = nodeAtPath(root, path.slice(0, index));
    const existing = parent?.kind === "map" ? [...parent.entries.keys()] : [];
    if (!existing.includes(path[index]!)) {
      const noun = path[index - 1] === "regions" ? "region" : path[index - 1] === "strategies" ? "strategy" : "entry";
      failAt(origin, pathString(path.slice(0, index + 1)), `no ${noun} "${path[index]!}"${suggestion(path[index]!, existing)}`);
    }
  }
}

function nodeAtPath(root: RawNode, path: readonly string[]): RawNode | undefined {
  let node: RawNode | undefined = root;
  for (const key of path) node = node?.kind === "map" ? node.entries.get(key)?.value : undefined;
  return node;
}

function distAt(root: RawNode, path: readonly string[]): unknown {
  const node = nodeAtPath(root, [...path, "dist"]);
  return node?.kind === "scalar" ? node.value : undefined;
}
