// Shared by the Monte Carlo tests. Worker threads need compiled JavaScript, so the tests load the
// runner from dist/ (`npm test` builds first) and drive it with the synthetic model fixture.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

type MonteCarlo = typeof import("../../src/montecarlo/index.js");
type RunOutputs = typeof import("../../src/app/runOutputs.js");
type AtomicWrite = typeof import("../../src/store/atomicWrite.js");
type Csv = typeof import("../../src/store/csv.js");
type CsvReader = typeof import("../../src/store/csvReader.js");
type Merge = typeof import("../../src/store/merge.js");
type Formats = typeof import("../../src/store/formats.js");

const ROOT = resolve(import.meta.dirname, "../..");
export const DIST = join(ROOT, "dist");

async function fromDist<T>(path: string): Promise<T> {
  const file = join(DIST, path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  return (await import(pathToFileURL(file).href)) as T;
}

export const mc = await fromDist<MonteCarlo>("montecarlo/index.js");
export const outputs = await fromDist<RunOutputs>("app/runOutputs.js");
export const atomic = await fromDist<AtomicWrite>("store/atomicWrite.js");
export const csv = await fromDist<Csv>("store/csv.js");
export const csvReader = await fromDist<CsvReader>("store/csvReader.js");
export const merge = await fromDist<Merge>("store/merge.js");
export const formats = await fromDist<Formats>("store/formats.js");
/** The CSV format, for the tests of CSV files (runs write Parquet by default). */
export const CSV = [formats.rowFormat("csv")];

export { SYNTHETIC_MODEL, syntheticScenario } from "./synthetic.js";

/** `drsim merge`'s path: streams the shards in `dirs` into `out` (collectLimit: see SummaryAccumulator). */
export async function mergeInto(out: string, dirs: readonly string[], options: { data?: boolean; collectLimit?: number } = {}) {
  return outputs.writeMergedOutputs(out, new merge.ShardMerge(merge.openShardSet(dirs), out, { collectLimit: options.collectLimit }), { data: options.data ?? true });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `drsim-${prefix}-`));
}

/** Every file of a directory (not recursive), name → bytes. */
export function readDir(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));
}
