// The row formats a run directory can hold: one line per format. A saved run or shard is read in
// the first registered format whose files it has.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { csvFormat } from "./csvFormat.js";
import { parquetFormat } from "./parquetFormat.js";
import type { RowFormat } from "./rows.js";

/** In the order a saved directory's rows are looked for: Parquet, then CSV. */
const FORMATS = new Map<string, RowFormat>([parquetFormat, csvFormat].map((f) => [f.name, f]));

/** Adds a format (a plug-in, or a test's). Its name must be new. */
export function registerFormat(format: RowFormat): void {
  if (FORMATS.has(format.name)) throw new Error(`row format "${format.name}" is already registered`);
  FORMATS.set(format.name, format);
}

/** The registered format of that name. */
export function rowFormat(name: string): RowFormat {
  const format = FORMATS.get(name);
  if (format === undefined) throw new Error(`no row format "${name}" (registered: ${[...FORMATS.keys()].join(", ")})`);
  return format;
}

/** The files of every registered format: what rows a run directory may hold. */
export function rowFileNames(): string[] {
  return [...FORMATS.values()].flatMap((f) => f.files);
}

/** The formats written by default: Parquet (`--csv`: CSV instead). */
export const DEFAULT_FORMATS: readonly RowFormat[] = [parquetFormat];

/** The format a directory's rows are in: the first registered one whose files are all there. */
export function formatOf(dir: string): RowFormat | undefined {
  return [...FORMATS.values()].find((f) => f.files.every((name) => existsSync(join(dir, name))));
}
