// Reads one scenario YAML file into a raw tree whose every node knows its file, line and column.
//
// A scenario may come from anyone, so reading it is bounded: the file is read through files.ts
// (regular files only, at most SCENARIO_FILE_LIMIT, UTF-8), aliases may not expand the tree beyond
// MAX_NODES values nor refer to themselves, and a file that is not valid YAML is reported by position
// and kind of problem, never by quoting it (the file may be one the scenario merely names).
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type ErrorCode, type Node } from "yaml";
import { FileProblem, readTextFile } from "../files.js";
import { RECURSIVE_ALIAS, type Origin, type RawEntry, type RawMap, type RawNode, type Scalar } from "./rawTree.js";
import { ScenarioError, displayPath, failAt } from "./scenarioError.js";

/**
 * Largest scenario file. Scenarios are written by hand (the shipped ones are 1–11 KB), and a
 * `drsim k8s` study ships the scenario and every file it needs in one ConfigMap, which holds 1 MiB.
 */
export const SCENARIO_FILE_LIMIT = 1 << 20;

/**
 * Most values (map entries, list items) one file may expand to. 1 MiB of YAML written out in full
 * holds at most ~10⁵ of them (about ten bytes each); beyond that, only aliases repeating an anchor
 * again and again (an "alias bomb": 9 aliases of 9 aliases… reach 10⁹) can be the cause.
 */
export const MAX_NODES = 100_000;

/** Deepest nesting of maps and lists: a scenario needs about six levels; this keeps recursion shallow. */
export const MAX_DEPTH = 64;

/**
 * The file's top-level map. `from` is the `extends` entry that named it, where a missing file is
 * reported; without it (the scenario itself) the message is "scenario file not found: path".
 */
export async function readYamlFile(file: string, from?: Origin): Promise<RawMap> {
  const text = readText(file, from);
  const lineCounter = new LineCounter();
  // uniqueKeys: a key written twice is almost always a mistake; YAML 1.2 core schema: "no" stays a string.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Origin => {
    const { line, col } = lineCounter.linePos(offset);
    return { kind: "file", file, line, column: col };
  };
  const syntax = doc.errors[0];
  if (syntax !== undefined) failAt(at(syntax.pos[0]), "", `YAML syntax error: ${SYNTAX_ERRORS[syntax.code]}`);

  const top: Origin = { kind: "file", file, line: 1, column: 1 };
  if (doc.contents === null) return { kind: "map", origin: top, entries: new Map() };
  const root = convert(doc, doc.contents, at, { nodes: 0, open: new Set() });
  if (root.kind !== "map") failAt(root.origin, "", "expected a map of scenario fields at the top level");
  return { ...root, origin: top };
}

function readText(file: string, from: Origin | undefined): string {
  try {
    return readTextFile(file, SCENARIO_FILE_LIMIT);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    if (from !== undefined) failAt(from, "extends", `file ${error.problem}: ${displayPath(file)}`);
    throw new ScenarioError([
      { file, line: 0, column: 0, fieldPath: "", message: `scenario file ${error.problem}: ${displayPath(file)}` },
    ]);
  }
}

/**
 * What each YAML error means, in our words. The parser's own messages can quote the text around the
 * error ("Not a YAML token: …"), and the file may be a private one that a scenario names: the
 * position and this phrase are all we report. Every code of the yaml package has its phrase.
 */
const SYNTAX_ERRORS: Readonly<Record<ErrorCode, string>> = {
  ALIAS_PROPS: "an alias (*name) cannot carry an anchor or a tag",
  BAD_ALIAS: "malformed alias (*name)",
  BAD_COLLECTION_TYPE: "a tag used on the wrong kind of value",
  BAD_DIRECTIVE: "malformed % directive",
  BAD_DQ_ESCAPE: "invalid escape sequence in a double-quoted string",
  BAD_INDENT: "bad indentation (the items of one map or list must start at the same column)",
  BAD_PROP_ORDER: "an anchor (&name) or tag (!tag) in the wrong place",
  BAD_SCALAR_START: "a plain value cannot start with this character (quote the value)",
  BLOCK_AS_IMPLICIT_KEY: "a nested map on a single line (put it on its own lines, or write it as {…})",
  BLOCK_IN_FLOW: "a block-style map or list inside a flow-style {…} or […] one",
  DUPLICATE_KEY: "a key written twice in the same map",
  IMPOSSIBLE: "unreadable YAML",
  KEY_OVER_1024_CHARS: "a key longer than 1024 characters",
  MISSING_CHAR: "a missing character (a comma, the space after a colon, or a closing bracket or quote)",
  MULTILINE_IMPLICIT_KEY: "a key that spans more than one line",
  MULTIPLE_ANCHORS: "more than one anchor (&name) on a value",
  MULTIPLE_DOCS: "more than one YAML document (---) in one file",
  MULTIPLE_TAGS: "more than one tag (!tag) on a value",
  NON_STRING_KEY: "a key that is not a plain name",
  RESOURCE_EXHAUSTION: "the document is too large or too deeply nested",
  TAB_AS_INDENT: "a tab used for indentation (indent with spaces)",
  TAG_RESOLVE_FAILED: "an unknown tag (!tag)",
  UNEXPECTED_TOKEN: "unexpected text",
};

interface Budget {
  /** Values converted so far. */
  nodes: number;
  /** Collections being converted (the path from the root): an alias to one of them is recursive. */
  readonly open: Set<Node>;
  /** The outermost alias being expanded, if any. */
  alias?: Origin;
}

function convert(doc: Document, node: Node, at: (offset: number) => Origin, budget: Budget): RawNode {
  const origin = at(node.range?.[0] ?? 0);
  if (++budget.nodes > MAX_NODES) {
    // At the alias written in the file whose expansion went over, not somewhere inside its anchor.
    failAt(budget.alias ?? origin, "", `the file expands to more than ${MAX_NODES} values (YAML aliases repeating aliases?); at most ${MAX_NODES} are allowed`);
  }
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) failAt(origin, "", "YAML syntax error: an alias (*name) with no anchor (&name) before it");
    if (budget.open.has(target)) failAt(origin, "", RECURSIVE_ALIAS);
    const outer = budget.alias;
    budget.alias ??= origin;
    const converted = convert(doc, target, at, budget);
    budget.alias = outer;
    return converted;
  }
  if ((isMap(node) || isSeq(node)) && budget.open.size >= MAX_DEPTH) {
    failAt(origin, "", `maps and lists nested more than ${MAX_DEPTH} levels deep`);
  }
  if (isMap(node)) {
    budget.open.add(node);
    const entries = new Map<string, RawEntry>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || key.value === null || typeof key.value === "object") {
        failAt(key === null ? origin : at(key.range?.[0] ?? 0), "", "expected a plain key (a name)");
      }
      const keyOrigin = at(key.range?.[0] ?? 0);
      const value = pair.value as Node | null;
      entries.set(String(key.value), { keyOrigin, value: value === null ? emptyValue(keyOrigin) : convertValue(doc, value, at, budget) });
    }
    budget.open.delete(node);
    return { kind: "map", origin, entries };
  }
  if (isSeq(node)) {
    budget.open.add(node);
    const items = node.items.map((item) => convert(doc, item as Node, at, budget));
    budget.open.delete(node);
    return { kind: "list", origin, items };
  }
  if (isScalar(node)) return { kind: "scalar", origin, value: scalarValue(node.value) };
  return failAt(origin, "", "YAML syntax error: unsupported node");
}

// `key:` with nothing after it is an empty map, not a deletion: `us-west-2:` declares a region
// with its defaults. Deleting takes an explicit `null` (or `~`).
function convertValue(doc: Document, value: Node, at: (offset: number) => Origin, budget: Budget): RawNode {
  if (isScalar(value) && value.value === null && value.source === "") return emptyValue(at(value.range?.[0] ?? 0));
  return convert(doc, value, at, budget);
}

function emptyValue(origin: Origin): RawMap {
  return { kind: "map", origin, entries: new Map(), empty: true };
}

function scalarValue(value: unknown): Scalar {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}
