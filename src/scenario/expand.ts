// Steps between merging and validation that need the raw tree: `regionDefaults` under every region,
// each strategy's type (written or inferred from its id) and `strategyDefaults.<type>` under it,
// and CSV paths made absolute relative to the file that wrote them.
import { dirname, resolve } from "node:path";
import { mergeNodes } from "./merge.js";
import { isDeletion, type RawEntry, type RawMap, type RawNode } from "./rawTree.js";
import { failAt } from "./scenarioError.js";
import { inferStrategyType, isStrategyType } from "./strategyTypes.js";
import { suggestion } from "./suggest.js";
import { STRATEGY_TYPES } from "./types.js";
import { describeValue } from "./units.js";

export function expandDefaults(root: RawMap): RawMap {
  const entries = new Map(root.entries);
  const regions = root.entries.get("regions");
  if (regions?.value.kind === "map") {
    const defaults = root.entries.get("regionDefaults")?.value;
    entries.set("regions", { ...regions, value: mapEntries(regions.value, (_, entry) => under(defaults, entry)) });
  }
  const strategies = root.entries.get("strategies");
  if (strategies?.value.kind === "map") {
    const defaultsByType = root.entries.get("strategyDefaults")?.value;
    entries.set("strategies", {
      ...strategies,
      value: mapEntries(strategies.value, (id, entry) => {
        if (entry.value.kind !== "map") return entry; // null deletes; anything else the schema reports
        const written = entry.value.entries.get("type")?.value;
        if (written !== undefined) {
          const type = written.kind === "scalar" ? written.value : undefined;
          if (isStrategyType(type)) return under(childOf(defaultsByType, type), entry);
          // Reported here rather than by the schema: without a type no defaults apply, and every
          // field they would have supplied would be reported missing too.
          const near = typeof type === "string" ? suggestion(type, STRATEGY_TYPES) : "";
          failAt(
            written.origin,
            ["strategies", id, "type"],
            `expected one of: ${STRATEGY_TYPES.join(", ")}, got ${describeValue(type)}${near.startsWith("; did") ? near : ""}`,
          );
        }
        const type = inferStrategyType(id);
        if (type === undefined) {
          failAt(
            entry.keyOrigin,
            ["strategies", id],
            `cannot tell the strategy type from the id "${id}"; add type: ${STRATEGY_TYPES.join(" | ")} ` +
              `(or name it after its type, e.g. "warm-standby-${id}")`,
          );
        }
        const typed = new Map(entry.value.entries);
        typed.set("type", { keyOrigin: entry.keyOrigin, value: { kind: "scalar", origin: entry.keyOrigin, value: type } });
        return under(childOf(defaultsByType, type), { ...entry, value: { ...entry.value, entries: typed } });
      }),
    });
  }
  return { ...root, entries };
}

/** The entry's value merged over `defaults` (an absent or non-map default changes nothing). */
function under(defaults: RawNode | undefined, entry: RawEntry): RawEntry {
  if (defaults?.kind !== "map" || entry.value.kind !== "map") return entry;
  return { ...entry, value: mergeNodes(defaults, entry.value) };
}

function childOf(node: RawNode | undefined, key: string): RawNode | undefined {
  return node?.kind === "map" ? node.entries.get(key)?.value : undefined;
}

function mapEntries(map: RawMap, f: (key: string, entry: RawEntry) => RawEntry): RawMap {
  const entries = new Map<string, RawEntry>();
  for (const [key, entry] of map.entries) entries.set(key, isDeletion(entry.value) ? entry : f(key, entry));
  return { ...map, entries };
}

/**
 * Every `file:` (empirical distributions, the workload trace) made absolute: relative to the YAML
 * file that wrote it, or to the working directory for a `--set` override.
 */
export function resolveFilePaths(node: RawNode): RawNode {
  if (node.kind === "list") return { ...node, items: node.items.map(resolveFilePaths) };
  if (node.kind !== "map") return node;
  const entries = new Map<string, RawEntry>();
  for (const [key, entry] of node.entries) {
    const value = entry.value;
    if (key === "file" && value.kind === "scalar" && typeof value.value === "string") {
      const base = value.origin.kind === "file" ? dirname(value.origin.file) : process.cwd();
      entries.set(key, { ...entry, value: { ...value, value: resolve(base, value.value) } });
    } else {
      entries.set(key, { ...entry, value: resolveFilePaths(value) });
    }
  }
  return { ...node, entries };
}
