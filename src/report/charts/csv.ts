// A streaming reader for the run's tidy CSV files (RFC 4180 quoting, one record per line), so a
// 10⁶-row incidents.csv is read in constant memory.
import { UserError } from "../../errors.js";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** Split one CSV line into fields, honouring double quotes and "" escapes. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(field);
      field = "";
    } else field += c;
  }
  out.push(field);
  return out;
}

/** Column name → index, failing with the file's name when a required column is missing. */
export type ColumnIndex = (name: string) => number;

/**
 * Call `onRow` with each data row's fields. `onHeader` receives a column lookup first and returns
 * the row handler, so handlers resolve their column indices once.
 */
export async function readCsv(
  path: string,
  onHeader: (column: ColumnIndex) => (fields: string[]) => void,
): Promise<void> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let onRow: ((fields: string[]) => void) | undefined;
  for await (const raw of lines) {
    const line = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
    if (line.length === 0) continue;
    const fields = splitCsvLine(line);
    if (onRow === undefined) {
      const header = new Map(fields.map((name, i) => [name.trim(), i]));
      onRow = onHeader((name) => {
        const i = header.get(name);
        if (i === undefined) throw new UserError(`${path}: no column '${name}'`);
        return i;
      });
    } else onRow(fields);
  }
  if (onRow === undefined) throw new UserError(`${path}: empty file`);
}

/** A numeric CSV field: empty or "NaN" → NaN. */
export function num(field: string | undefined): number {
  if (field === undefined || field === "") return Number.NaN;
  return Number(field);
}

/** A boolean CSV field written as true/false or 1/0. */
export function bool(field: string | undefined): boolean {
  return field === "true" || field === "1" || field === "TRUE" || field === "True";
}
