// The files a scenario needs at run time: itself, what it `extends` (recursively) and the data files
// its `file:` keys name (empirical distributions, traffic traces). All paths are relative to the file
// that names them, so the set is shipped keeping their relative layout under a common root.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { parse } from "yaml";
import { UserError } from "../../errors.js";

export interface BundledFile {
  /** Path relative to the bundle's root, with "/" separators and no "..". */
  readonly path: string;
  readonly content: string;
}

export interface ScenarioBundle {
  /** Path of the scenario itself, relative to the root. */
  readonly entry: string;
  /** The scenario first, then the files it needs, each once. */
  readonly files: readonly BundledFile[];
}

function read(file: string, namedBy: string | undefined): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const why = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new UserError(`${namedBy ? `${namedBy}: ` : ""}cannot read ${file} (${why})`);
  }
}

/** Values of every `file:` key holding a string, anywhere in a parsed YAML document. */
function dataFiles(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) dataFiles(item, found);
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "file" && typeof value === "string") found.push(value);
      else dataFiles(value, found);
    }
  }
  return found;
}

function extendsOf(doc: unknown, file: string): string[] {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return [];
  const value: unknown = (doc as Record<string, unknown>)["extends"];
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item): item is string => typeof item === "string")) {
    throw new UserError(`${file}: extends must be a path or a list of paths`);
  }
  return list;
}

function inside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The deepest directory holding every file. */
function commonRoot(files: readonly string[]): string {
  let root = dirname(files[0]!);
  for (const file of files) {
    while (!inside(root, file)) root = dirname(root);
  }
  return root;
}

/** Reads `scenarioPath` and everything it needs. Throws a UserError for a file that can't be read or parsed. */
export function collectScenarioFiles(scenarioPath: string): ScenarioBundle {
  const entry = resolve(scenarioPath);
  const contents = new Map<string, string>();
  const visit = (file: string, namedBy: string | undefined, yaml: boolean): void => {
    if (contents.has(file)) return;
    const text = read(file, namedBy);
    contents.set(file, text);
    if (!yaml) return;
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (error) {
      throw new UserError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const here = dirname(file);
    for (const parent of extendsOf(doc, file)) visit(resolve(here, parent), file, true);
    for (const data of dataFiles(doc)) visit(resolve(here, data), file, false);
  };
  visit(entry, undefined, true);

  const absolute = [...contents.keys()];
  const root = commonRoot(absolute);
  const rel = (file: string): string => relative(root, file).split(sep).join("/");
  return {
    entry: rel(entry),
    files: absolute.map((file) => ({ path: rel(file), content: contents.get(file)! })),
  };
}
