// The one-way rule: a file under src/ imports only from its own layer or the layers below it, in the
// order of docs/architecture.md. The test reads every import of src/ (static, dynamic and worker
// URLs) and fails on an arrow that runs back up, naming the file, the import and both layers; and
// it checks that docs/architecture.md lists the same layers in the same order.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const GUIDE = fileURLToPath(new URL("../../docs/architecture.md", import.meta.url));

/** Bottom to top. A layer is a folder of src/ (or a file at its top); one rank may hold two folders. */
export const LAYERS: readonly (readonly string[])[] = [
  ["errors.ts", "files.ts", "threads.ts", "version.ts"],
  ["kernel"],
  ["random", "stats"],
  ["scenario"],
  ["outcomes"],
  ["world"],
  ["services"],
  ["strategies"],
  ["replication"],
  ["montecarlo"],
  ["store"],
  ["analysis"],
  ["report"],
  ["app"],
  ["cli"],
  ["cli.ts", "index.ts"],
];

function layerOf(file: string): number {
  const top = relative(SRC, file).split("/")[0]!;
  const rank = LAYERS.findIndex((names) => names.includes(top));
  if (rank < 0) throw new Error(`${relative(SRC, file)} is in no layer: add its folder to LAYERS (and docs/architecture.md)`);
  return rank;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bnew URL\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** Every relative import of a file that names a module of src/, resolved to its .ts file. */
export function importsOf(file: string): { spec: string; target: string }[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)]
    .map((m) => ({ spec: m[1]!, target: resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts")) }))
    .filter((i) => i.spec.endsWith(".js") && !relative(SRC, i.target).startsWith(".."));
}

test("imports run only downwards through the layers", () => {
  const upward: string[] = [];
  for (const file of sources(SRC)) {
    const own = layerOf(file);
    for (const { spec, target } of importsOf(file)) {
      const theirs = layerOf(target);
      if (theirs > own) {
        upward.push(`${relative(SRC, file)} (${LAYERS[own]!.join("/")}) imports ${spec} (${LAYERS[theirs]!.join("/")})`);
      }
    }
  }
  expect(upward).toEqual([]);
});

test("the rule is checked: an upward import is caught", () => {
  // A model file importing the CLI would be an arrow back up.
  expect(layerOf(join(SRC, "world", "sample.ts"))).toBeLessThan(layerOf(join(SRC, "cli", "main.ts")));
  expect(importsOf(join(SRC, "cli.ts")).map((i) => i.spec)).toContain("./cli/main.js");
});

test("docs/architecture.md lists these layers, bottom to top", () => {
  const guide = readFileSync(GUIDE, "utf8");
  const section = guide.slice(guide.indexOf("## Layers"), guide.indexOf("\n## ", guide.indexOf("## Layers") + 1));
  // Each row's first cell names its folders and files: "| `random/`, `stats/` | …".
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => [...line.split("|")[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\/$/, "")));
  expect(rows).toEqual(LAYERS);
});
