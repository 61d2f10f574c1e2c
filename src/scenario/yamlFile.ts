// Reads one scenario YAML file into a raw tree whose every node knows its file, line and column.
import { readFile } from "node:fs/promises";
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import type { Origin, RawEntry, RawMap, RawNode, Scalar } from "./rawTree.js";
import { ScenarioError, displayPath, failAt } from "./scenarioError.js";

/**
 * The file's top-level map. `from` is the `extends` entry that named it, where a missing file is
 * reported; without it (the scenario itself) the message is "scenario file not found: path".
 */
export async function readYamlFile(file: string, from?: Origin): Promise<RawMap> {
  const text = await readText(file, from);
  const lineCounter = new LineCounter();
  // uniqueKeys: a key written twice is almost always a mistake; YAML 1.2 core schema: "no" stays a string.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Origin => {
    const { line, col } = lineCounter.linePos(offset);
    return { kind: "file", file, line, column: col };
  };
  const syntax = doc.errors[0];
  if (syntax !== undefined) failAt(at(syntax.pos[0]), "", `YAML syntax error: ${syntax.message}`);

  const top: Origin = { kind: "file", file, line: 1, column: 1 };
  if (doc.contents === null) return { kind: "map", origin: top, entries: new Map() };
  const root = convert(doc, doc.contents, at);
  if (root.kind !== "map") failAt(root.origin, "", "expected a map of scenario fields at the top level");
  return { ...root, origin: top };
}

async function readText(file: string, from: Origin | undefined): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === "ENOENT" ? "not found" : code === "EISDIR" ? "is a directory" : "cannot be read";
    if (from !== undefined) failAt(from, "extends", `file ${what}: ${displayPath(file)}`);
    throw new ScenarioError([
      { file, line: 0, column: 0, fieldPath: "", message: `scenario file ${what}: ${displayPath(file)}` },
    ]);
  }
}

function convert(doc: Document, node: Node, at: (offset: number) => Origin): RawNode {
  const origin = at(node.range?.[0] ?? 0);
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) failAt(origin, "", `YAML syntax error: unresolved alias *${node.source}`);
    return convert(doc, target, at);
  }
  if (isMap(node)) {
    const entries = new Map<string, RawEntry>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || key.value === null || typeof key.value === "object") {
        failAt(key === null ? origin : at(key.range?.[0] ?? 0), "", "expected a plain key (a name)");
      }
      const keyOrigin = at(key.range?.[0] ?? 0);
      const value = pair.value as Node | null;
      entries.set(String(key.value), { keyOrigin, value: value === null ? emptyValue(keyOrigin) : convertValue(doc, value, at) });
    }
    return { kind: "map", origin, entries };
  }
  if (isSeq(node)) {
    return { kind: "list", origin, items: node.items.map((item) => convert(doc, item as Node, at)) };
  }
  if (isScalar(node)) return { kind: "scalar", origin, value: scalarValue(node.value) };
  return failAt(origin, "", "YAML syntax error: unsupported node");
}

// `key:` with nothing after it is an empty map, not a deletion: `us-west-2:` declares a region
// with its defaults. Deleting takes an explicit `null` (or `~`).
function convertValue(doc: Document, value: Node, at: (offset: number) => Origin): RawNode {
  if (isScalar(value) && value.value === null && value.source === "") return emptyValue(at(value.range?.[0] ?? 0));
  return convert(doc, value, at);
}

function emptyValue(origin: Origin): RawMap {
  return { kind: "map", origin, entries: new Map(), empty: true };
}

function scalarValue(value: unknown): Scalar {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}
