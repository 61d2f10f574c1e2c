// `extends`: a file's bases (a path or a list, relative to the file) are deep-merged in order,
// then the file itself on top. Cycles are errors; a file reached twice by different routes (a
// diamond) is fine and read once. `name` and `description` describe one file and are not
// inherited: a variant of default.yaml is not called "default". A base must be named as a .yaml or
// .yml file: a scenario can name any path, and this keeps it from pulling in files that are not
// scenarios (keys, credentials, /dev/zero) — they are refused before they are opened.
import { dirname, resolve } from "node:path";
import { mergeNodes } from "./merge.js";
import type { Origin, RawEntry, RawMap, RawNode } from "./rawTree.js";
import { displayPath, failAt } from "./scenarioError.js";
import { describeValue } from "./units.js";
import { readYamlFile } from "./yamlFile.js";

const NOT_INHERITED = ["name", "description"];
const SCENARIO_EXTENSION = /\.ya?ml$/i;

/** The file with everything it extends merged underneath, `extends` itself removed. */
export async function composeFile(file: string): Promise<RawMap> {
  const cache = new Map<string, Promise<RawMap>>();
  const read = (path: string, from?: Origin): Promise<RawMap> => {
    let pending = cache.get(path);
    if (pending === undefined) {
      pending = readYamlFile(path, from);
      cache.set(path, pending);
    }
    return pending;
  };
  return compose(file, undefined, [], read);
}

async function compose(
  file: string,
  from: Origin | undefined,
  chain: readonly string[],
  read: (path: string, from?: Origin) => Promise<RawMap>,
): Promise<RawMap> {
  const own = await read(file, from);
  const extendsEntry = own.entries.get("extends");
  const rest = withoutKeys(own, ["extends"]);
  if (extendsEntry === undefined) return rest;

  let merged: RawNode | undefined;
  for (const base of basesOf(extendsEntry)) {
    const path = resolve(dirname(file), base.path);
    if (path === file || chain.includes(path)) {
      const cycle = [...chain, file, path].slice([...chain, file].indexOf(path)).map(displayPath);
      failAt(base.origin, "extends", `extends cycle: ${cycle.join(" → ")}`);
    }
    const inherited = withoutKeys(await compose(path, base.origin, [...chain, file], read), NOT_INHERITED);
    merged = mergeNodes(merged, inherited);
  }
  return mergeNodes(merged, rest) as RawMap;
}

function basesOf(entry: RawEntry): { readonly path: string; readonly origin: Origin }[] {
  const value = entry.value;
  const items = value.kind === "list" ? value.items : [value];
  return items.map((item) => {
    if (item.kind !== "scalar" || typeof item.value !== "string" || item.value === "") {
      failAt(item.kind === "map" && item.entries.size === 0 ? entry.keyOrigin : item.origin, "extends", "expected a file path or a list of file paths");
    }
    if (!SCENARIO_EXTENSION.test(item.value)) failAt(item.origin, "extends", `expected the path of a .yaml or .yml file, got ${describeValue(item.value)}`);
    return { path: item.value, origin: item.origin };
  });
}

function withoutKeys(map: RawMap, keys: readonly string[]): RawMap {
  if (!keys.some((key) => map.entries.has(key))) return map;
  const entries = new Map(map.entries);
  for (const key of keys) entries.delete(key);
  return { ...map, entries };
}
