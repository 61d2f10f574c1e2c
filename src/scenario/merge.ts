// Deep merge of raw trees, used for `extends`, regionDefaults/strategyDefaults and `--set`.
// Maps merge key by key; scalars and lists replace; null replaces too and so deletes (the marker
// stays in the tree until the very end so it can also delete what a later default layer would
// bring back). A map with its own `dist` is a value, not a set of settings: it replaces the
// inherited distribution instead of mixing parameters of two different distributions.
import type { Origin, RawEntry, RawMap, RawNode } from "./rawTree.js";

export function mergeNodes(base: RawNode | undefined, overlay: RawNode): RawNode {
  if (base === undefined || base.kind !== "map" || overlay.kind !== "map" || overlay.entries.has("dist")) return overlay;
  const entries = new Map<string, RawEntry>(base.entries);
  for (const [key, entry] of overlay.entries) {
    const inherited = base.entries.get(key);
    entries.set(
      key,
      inherited === undefined
        ? entry
        : { keyOrigin: preferred(inherited.keyOrigin, entry.keyOrigin), value: mergeNodes(inherited.value, entry.value) },
    );
  }
  const merged: RawMap = { kind: "map", origin: preferred(base.origin, overlay.origin), entries };
  return merged;
}

// The latest writer names the map, except a --set path: a missing key is better reported at the
// map in the file than at the command line, which only added to it.
function preferred(base: Origin, overlay: Origin): Origin {
  return overlay.kind === "override" ? base : overlay;
}
