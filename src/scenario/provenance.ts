// Where every value of a scenario came from: the inputs a report lists with their sources. The
// loader's raw tree already knows the file, line and column of each value (and of each key); the
// comment on that line of the YAML — or the comment lines right above its key, or above the nearest
// enclosing key of the same file — is the value's cited source (models/*.yaml cite reference/SOURCES.md or say "assumption: why"). Overrides
// (`--set`) say so. Values a scenario leaves to the schema's neutral defaults are not written, so
// not listed (docs/scenario-format.md has the defaults).
import { dirname, relative, sep } from "node:path";
import { FileProblem, readTextFile } from "../files.js";
import type { Origin, RawMap, RawNode } from "./rawTree.js";
import { SCENARIO_FILE_LIMIT } from "./yamlFile.js";

/** One value as written, and where. */
export interface WrittenInput {
  /** Dotted path as written: "regionDefaults.outage.rate", "strategyDefaults.warm-standby.steps.decide". */
  readonly path: string;
  /** The value as written: a scalar's text, or a map or list in YAML flow form ("{dist: lognormal, median: 6h, sigma: 0.9}"). */
  readonly value: string;
  /** "../models/outages.yaml:14" (relative to the scenario's directory), or "--set" for an override. */
  readonly from: string;
  /** The comment that cites it; "" when the file says nothing about it. */
  readonly source: string;
}

/** The longest source kept per value: a long comment block is cut (the file has the rest). */
const SOURCE_MAX = 600;

/** A map written as a distribution (`dist:` …) is one value, not a group of fields. */
function isValue(node: RawNode): boolean {
  return node.kind !== "map" || node.entries.has("dist");
}

function flow(node: RawNode): string {
  switch (node.kind) {
    case "scalar":
      return node.value === null ? "null" : String(node.value);
    case "list":
      return `[${node.items.map(flow).join(", ")}]`;
    case "map":
      return `{${[...node.entries].map(([k, e]) => `${k}: ${flow(e.value)}`).join(", ")}}`;
  }
}

/** The text of a comment line or of a line's trailing comment, without "#". */
function commentText(line: string): string {
  return line.replace(/^\s*#\s?/, "").trim();
}

/** A line's trailing comment ("value  # source"), outside quotes. */
function trailingComment(line: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "#" && i > 0 && /\s/.test(line[i - 1]!)) {
      return line.slice(i + 1).trim();
    }
  }
  return undefined;
}

class CommentReader {
  private readonly lines = new Map<string, readonly string[]>();

  /** The lines of `file`, or none when it cannot be read again (the loader read it: rare). */
  private linesOf(file: string): readonly string[] {
    let lines = this.lines.get(file);
    if (lines === undefined) {
      try {
        lines = readTextFile(file, SCENARIO_FILE_LIMIT).split(/\r?\n/);
      } catch (error) {
        if (!(error instanceof FileProblem)) throw error;
        lines = [];
      }
      this.lines.set(file, lines);
    }
    return lines;
  }

  /** The comment citing the value written at `value` under the key at `key`. */
  sourceOf(key: Origin, value: Origin): string {
    if (value.kind === "file") {
      const trailing = trailingComment(this.linesOf(value.file)[value.line - 1] ?? "");
      if (trailing !== undefined && trailing !== "") return trailing;
    }
    if (key.kind !== "file") return "";
    const lines = this.linesOf(key.file);
    const block: string[] = [];
    for (let i = key.line - 2; i >= 0 && /^\s*#/.test(lines[i]!); i--) block.unshift(commentText(lines[i]!));
    const text = block.filter((l) => l !== "").join(" ");
    return text.length > SOURCE_MAX ? `${text.slice(0, SOURCE_MAX - 1)}…` : text;
  }
}

/** Every value written in `tree` (the composed scenario, overrides applied, before defaults are expanded), in file order. */
export function writtenInputs(tree: RawMap, scenarioFile: string): WrittenInput[] {
  const comments = new CommentReader();
  const base = dirname(scenarioFile);
  const where = (origin: Origin): string => {
    if (origin.kind === "override") return "--set";
    if (origin.kind === "builtin") return "drsim";
    return `${relative(base, origin.file).split(sep).join("/")}:${origin.line}`;
  };
  const out: WrittenInput[] = [];
  // A value with no comment of its own takes the one above the nearest enclosing key written in the
  // same file (a block comment over `workload:` cites every workload figure under it).
  const visit = (node: RawNode, path: string, keyOrigin: Origin, inherited: { file: string; text: string } | undefined): void => {
    const own = comments.sourceOf(keyOrigin, node.origin);
    const file = keyOrigin.kind === "file" ? keyOrigin.file : "";
    const source = own !== "" ? own : inherited !== undefined && inherited.file === file ? inherited.text : "";
    if (isValue(node)) {
      out.push({ path, value: flow(node), from: where(node.origin), source });
      return;
    }
    if (node.kind !== "map") return;
    const passed = own !== "" ? { file, text: own } : inherited;
    for (const [key, entry] of node.entries) {
      if (path === "" && (key === "name" || key === "description")) continue;
      visit(entry.value, path === "" ? key : `${path}.${key}`, entry.keyOrigin, path === "" ? undefined : passed);
    }
  };
  visit(tree, "", tree.origin, undefined);
  return out;
}
