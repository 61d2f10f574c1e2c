// The CSV files a scenario names (`file:` of empirical distributions and the workload trace), read
// for validation. A scenario can name any path, so a data file must be called *.csv, is read through
// files.ts (a regular UTF-8 file of at most DATA_FILE_LIMIT: no FIFO, device or endless file) and its
// content is never quoted in a message. Every quantity the model reads from a CSV is ≥ 0.
import { FileProblem } from "../files.js";
import { loadEmpiricalSamples } from "../random/empirical.js";
import { errorText } from "./distribution.js";
import type { SchemaResources } from "./resources.js";
import { displayPath } from "./scenarioError.js";

/**
 * Largest data file. Its samples are copied into every worker thread; 16 MiB is about two million
 * values, or a year of per-minute rates in a few columns, and far beyond any fitted sample we ship.
 */
export const DATA_FILE_LIMIT = 16 << 20;

const CSV_EXTENSION = /\.csv$/i;

/**
 * CSV columns for empirical distributions and traces, each file/column read once per load (a
 * regionDefaults distribution is validated once for itself and once per region).
 */
export function csvResources(): SchemaResources {
  const cache = new Map<string, Promise<number[]>>();
  const load = (file: string, column: string, scale: number, max?: number): Promise<number[]> => {
    const key = JSON.stringify([file, column, scale, max ?? null]);
    let pending = cache.get(key);
    if (pending === undefined) {
      pending = readColumn(file, column, scale, max);
      cache.set(key, pending);
    }
    return pending;
  };
  return { loadSamples: load, loadColumn: (file, column) => load(file, column, 1) };
}

async function readColumn(file: string, column: string, scale: number, max: number | undefined): Promise<number[]> {
  if (!CSV_EXTENSION.test(file)) throw new Error(`a data file must be a .csv file: ${displayPath(file)}`);
  try {
    return await loadEmpiricalSamples(file, column, scale, { min: 0, max, maxBytes: DATA_FILE_LIMIT });
  } catch (error) {
    if (error instanceof FileProblem) throw new Error(`file ${error.problem}: ${displayPath(file)}`);
    // Messages name the file by its absolute path (resolved by the loader); shorten it.
    throw new Error(errorText(error).split(file).join(displayPath(file)));
  }
}
