// The repository carries everything it cites or reads (reference/, docs/design.md): nothing in the
// tree may point at a folder beside the checkout, which a person who clones drsim alone lacks.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SKIP = new Set(["node_modules", ".git", "dist", "dist-bench", "dist-fit", "results", "test-artifacts", "assets"]);
const TEXT = /\.(ts|mjs|js|json|md|yaml|yml|csv|sh)$|^(Dockerfile|run)$/;
/** Built from parts so this file does not match itself. */
const OUTSIDE = new RegExp(["\\.\\./", "shared", "|", "shared", "/reference"].join(""));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : TEXT.test(name) ? [path] : [];
  });
}

test("no file cites or reads outside the repository", () => {
  const offending = walk(ROOT)
    .filter((file) => OUTSIDE.test(readFileSync(file, "utf8")))
    .map((file) => relative(ROOT, file));
  expect(offending).toEqual([]);
});

test("the reference data and the design brief are in the tree", () => {
  for (const file of ["reference/SOURCES.md", "reference/cloud-status-incidents-2018-2020.csv", "reference/major-region-incidents.csv", "docs/design.md"]) {
    expect(statSync(join(ROOT, file)).size, file).toBeGreaterThan(0);
  }
});
