// A problem in a scenario, located at the file, line and column where the offending value was
// written (or at the `--set` override that wrote it). The message is one line per problem:
//   path/to/file.yaml:12:5: strategies.warm-standby.steps.scale: expected …, got "fast"
import { relative } from "node:path";
import { UserError } from "../errors.js";
import type { Origin, PathKey } from "./rawTree.js";

/** One located problem. */
export interface ScenarioProblem {
  /** Absolute file path; `--set <path>` for an override (or the option that set it: `-n`); `<built-in>` for a built-in default. */
  readonly file: string;
  /** 1-based; 0 when there is no position (a missing file, an override). */
  readonly line: number;
  readonly column: number;
  /** Dotted field path ("strategies.warm-standby.steps.scale"); "" for the file as a whole. */
  readonly fieldPath: string;
  readonly message: string;
}

export class ScenarioError extends UserError {
  override readonly name: string = "ScenarioError";
  /** The first problem's location (the one the first line of the message reports). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly fieldPath: string;
  /** Every problem reported, in message order (at most MAX_PROBLEMS). */
  readonly problems: readonly ScenarioProblem[];

  constructor(problems: readonly ScenarioProblem[], omitted = 0) {
    const first = problems[0];
    if (first === undefined) throw new Error("ScenarioError needs at least one problem");
    const lines = problems.map(formatProblem);
    if (omitted > 0) lines.push(`(${omitted} more problem${omitted === 1 ? "" : "s"} not shown)`);
    super(lines.join("\n"));
    this.file = first.file;
    this.line = first.line;
    this.column = first.column;
    this.fieldPath = first.fieldPath;
    this.problems = problems;
  }
}

/** At most this many problems are reported at once: enough to fix a batch, few enough to read. */
export const MAX_PROBLEMS = 5;

export function pathString(path: readonly PathKey[]): string {
  return path.map(String).join(".");
}

export function problemAt(origin: Origin, path: readonly PathKey[] | string, message: string): ScenarioProblem {
  const fieldPath = typeof path === "string" ? path : pathString(path);
  switch (origin.kind) {
    case "file":
      return { file: origin.file, line: origin.line, column: origin.column, fieldPath, message };
    case "override":
      return { file: origin.option ?? `--set ${origin.path}`, line: 0, column: 0, fieldPath, message };
    case "builtin":
      return { file: "<built-in>", line: 0, column: 0, fieldPath, message };
  }
}

/** Throws a ScenarioError with a single problem. */
export function failAt(origin: Origin, path: readonly PathKey[] | string, message: string): never {
  throw new ScenarioError([problemAt(origin, path, message)]);
}

/** A path relative to the working directory when that is shorter, so messages stay readable. */
export function displayPath(file: string): string {
  if (isPseudoFile(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel !== "" && rel.length < file.length ? rel : file;
}

function isPseudoFile(file: string): boolean {
  return file.startsWith("-") || file.startsWith("<");
}

function formatProblem(problem: ScenarioProblem): string {
  // A whole-file problem (not found, unreadable) names the file in its message instead.
  if (problem.line === 0 && problem.fieldPath === "" && !isPseudoFile(problem.file)) return problem.message;
  const where =
    problem.line > 0 ? `${displayPath(problem.file)}:${problem.line}:${problem.column}` : displayPath(problem.file);
  // `--set a.b: ` already names the field when the problem is the overridden value itself.
  const redundant = problem.fieldPath === "" || problem.file === `--set ${problem.fieldPath}`;
  return redundant ? `${where}: ${problem.message}` : `${where}: ${problem.fieldPath}: ${problem.message}`;
}
