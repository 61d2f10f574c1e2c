// Fits the outage calibration from reference/ and writes models/fit/outage-fit.json.
//
//   npx tsc -p models/fit/tsconfig.json && node dist-fit/models/fit/fit-outages.js [referenceDir] [--check]
//
// referenceDir defaults to <repo>/reference (the repository's own copy of the data). --check writes nothing and exits 1 if the
// committed outage-fit.json differs from a fresh fit (for CI).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { computeOutageFit, fitToJson, formatSummary } from "./outage-data.js";

/** The repository root: the nearest ancestor of this file holding package.json (works from dist-fit/ too). */
export function repoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export function defaultReferenceDir(root: string = repoRoot()): string {
  return resolve(root, "reference");
}

export function outageFitPath(root: string = repoRoot()): string {
  return join(root, "models", "fit", "outage-fit.json");
}

function main(argv: readonly string[]): number {
  const check = argv.includes("--check");
  const positional = argv.filter((a) => !a.startsWith("--"));
  const root = repoRoot();
  const referenceDir = positional[0] !== undefined ? resolve(positional[0]) : defaultReferenceDir(root);
  if (!existsSync(referenceDir)) {
    process.stderr.write(`fit-outages: reference directory not found: ${referenceDir}\n`);
    return 2;
  }
  const fit = computeOutageFit(referenceDir);
  const text = fitToJson(fit);
  const out = outageFitPath(root);
  process.stdout.write(`${formatSummary(fit)}\n\n`);
  if (check) {
    const committed = existsSync(out) ? readFileSync(out, "utf8") : "";
    if (committed !== text) {
      process.stderr.write(`fit-outages: ${out} is out of date; re-run without --check\n`);
      return 1;
    }
    process.stdout.write(`${out} is up to date\n`);
    return 0;
  }
  writeFileSync(out, text);
  process.stdout.write(`wrote ${out}\n`);
  return 0;
}

const invoked = process.argv[1];
if (invoked !== undefined && resolve(invoked) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
