// zod issues → located, one-line problems. zod reports field paths; the raw tree maps each path
// back to where its value (or, for a missing key, its parent map) was written. Union failures are
// unwrapped to the one alternative that accepted the value's shape, so "{dist: lognormal, sigma: -1}"
// reports sigma rather than "matches none of: a duration, a distribution".
import type { z } from "zod";
import { nodeAt, originAt, type PathKey, type RawNode } from "./rawTree.js";
import { MAX_PROBLEMS, ScenarioError, problemAt, type ScenarioProblem } from "./scenarioError.js";
import { keysAt } from "./schemaWalk.js";
import { closest, suggestion } from "./suggest.js";
import { describeValue } from "./units.js";

type Issue = z.core.$ZodIssue;

/** Messages for zod's generic issue codes, phrased like ours ("expected …"). Passed to every parse. */
export function genericMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "too_small":
      return issue.origin === "array"
        ? `expected at least ${String(issue.minimum)} entries`
        : `expected a number ${issue.inclusive ? "≥" : ">"} ${String(issue.minimum)}`;
    case "too_big":
      return `expected a number ${issue.inclusive ? "≤" : "<"} ${String(issue.maximum)}`;
    case "invalid_value":
      return `expected one of: ${issue.values.map(String).join(", ")}`;
    case "invalid_union":
      return optionsOf(issue).length > 0 ? `expected one of: ${optionsOf(issue).join(", ")}` : undefined;
    case "unrecognized_keys":
      return "unknown field";
    default:
      return undefined;
  }
}

/** The discriminator values a discriminated union accepts (its "no matching discriminator" issue). */
function optionsOf(issue: object): string[] {
  const options: unknown = "options" in issue ? issue.options : undefined;
  return Array.isArray(options) ? options.map(String) : [];
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  number: "a number",
  int: "a whole number",
  string: "a string",
  boolean: "true or false",
  object: "a map",
  record: "a map",
  array: "a list",
};

interface Located {
  readonly path: readonly PathKey[];
  readonly issue: Issue;
  /** The problem is the key itself (a region name, a strategy id), not its value. */
  readonly atKey: boolean;
}

/** The error to throw for a failed parse: the first few problems, unknown fields first. */
export function scenarioErrorFromIssues(issues: readonly Issue[], root: RawNode, schema: z.ZodType): ScenarioError {
  const problems = issues.flatMap((issue) => unwrap(issue, [])).flatMap((located) => describe(located, root, schema));
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    // A bad value in regionDefaults is seen again in every region it was merged into: report it once.
    const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Every zod issue yields a problem; this only guards the ScenarioError constructor.
  if (unique.length === 0) unique.push(problemAt(root.origin, "", "invalid scenario"));
  // A misspelt key usually explains a "required field missing" next to it: show it first.
  const ordered = [
    ...unique.filter((p) => p.message.startsWith("unknown field")),
    ...unique.filter((p) => !p.message.startsWith("unknown field")),
  ];
  return new ScenarioError(ordered.slice(0, MAX_PROBLEMS), Math.max(0, ordered.length - MAX_PROBLEMS));
}

function unwrap(issue: Issue, base: readonly PathKey[]): Located[] {
  const path = [...base, ...(issue.path as PathKey[])];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const accepting = issue.errors.filter((branch) => !branch.every(rejectsAtRoot));
    if (accepting.length === 1) return accepting[0]!.flatMap((inner) => unwrap(inner, path));
  }
  if (issue.code === "invalid_key") return issue.issues.map((inner) => ({ path, issue: inner, atKey: true }));
  return [{ path, issue, atKey: false }];
}

/** The alternative rejected the value's type or shape outright (it was not what the user meant). */
function rejectsAtRoot(issue: Issue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === "invalid_type" || issue.code === "invalid_value") return true;
  return issue.code === "invalid_union" && issue.errors.every((branch) => branch.every(rejectsAtRoot));
}

function describe({ path, issue, atKey }: Located, root: RawNode, schema: z.ZodType): ScenarioProblem[] {
  if (issue.code === "unrecognized_keys") {
    const valid = keysAt(schema, path, (depth) => distAt(root, path.slice(0, depth)));
    return issue.keys.map((key) => {
      const where = [...path, key];
      return problemAt(nodeAt(root, where)?.keyOrigin ?? originAt(root, where).origin, where, `unknown field${suggestion(key, valid)}`);
    });
  }
  if (atKey) {
    const key = nodeAt(root, path);
    return [problemAt(key?.keyOrigin ?? root.origin, path, `${issue.message}, got ${describeValue(path.at(-1))}`)];
  }
  const { origin, exists } = originAt(root, path);
  if (!exists) return [problemAt(origin, path, `required field missing (${issue.message})`)];
  const node = nodeAt(root, path)!.node;
  if (!issue.message.startsWith("expected")) return [problemAt(origin, path, issue.message)];
  const found = describeNode(node);
  const choices = issue.code === "invalid_value" ? issue.values.map(String) : optionsOf(issue);
  const near = node.kind === "scalar" && typeof node.value === "string" ? closest(node.value, choices) : undefined;
  return [problemAt(origin, path, `${issue.message}, got ${found}${near === undefined ? "" : `; did you mean "${near}"?`}`)];
}

function describeNode(node: RawNode): string {
  if (node.kind === "scalar") return describeValue(node.value);
  if (node.kind === "list") return "a list";
  if (node.empty === true) return "an empty value";
  const dist = node.entries.get("dist")?.value;
  if (dist?.kind === "scalar") return `a ${String(dist.value)} distribution`;
  return "a map";
}

function distAt(root: RawNode, path: readonly PathKey[]): unknown {
  const node = nodeAt(root, [...path, "dist"])?.node;
  return node?.kind === "scalar" ? node.value : undefined;
}
