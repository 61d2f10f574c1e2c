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

/**
 * Call `onRow` with the fields at `names` of each data row (in that order; the array is reused).
 * Faster than readCsv for a few columns of a wide file (replications.csv, read once per pass): the
 * file is read in large chunks and only the wanted fields of a line are cut out.
 */
export async function readCsvColumns(path: string, names: readonly string[], onRow: (fields: readonly string[]) => void): Promise<void> {
  let wanted: { at: number; slot: number }[] | undefined;
  let last = 0;
  const fields: string[] = names.map(() => "");
  let chunks = 0;
  let quoteChunk = -1;
  let quoteAt = -1;
  const onLine = (text: string, start: number, end: number): void => {
    if (end > start && text.charCodeAt(end - 1) === 13) end--; // \r\n
    if (wanted === undefined) {
      let line = text.slice(start, end);
      if (line.startsWith("\uFEFF")) line = line.slice(1);
      if (line.length === 0) return;
      const header = new Map(splitCsvLine(line).map((name, i) => [name.trim(), i]));
      wanted = names
        .map((name, slot) => {
          const at = header.get(name);
          if (at === undefined) throw new UserError(`${path}: no column '${name}'`);
          return { at, slot };
        })
        .sort((a, b) => a.at - b.at);
      last = wanted[wanted.length - 1]?.at ?? -1;
      return;
    }
    if (end === start) return;
    // The next quote at or after `start` in this text (searched once per quote, not once per line).
    if (quoteChunk !== chunks || (quoteAt >= 0 && quoteAt < start)) {
      quoteChunk = chunks;
      quoteAt = text.indexOf('"', start);
    }
    if (quoteAt >= 0 && quoteAt < end) {
      const all = splitCsvLine(text.slice(start, end));
      for (const w of wanted) fields[w.slot] = all[w.at] ?? "";
    } else {
      let pos = start;
      let k = 0;
      for (let col = 0; col <= last; col++) {
        let comma = pos <= end ? text.indexOf(",", pos) : -1;
        if (comma < 0 || comma > end) comma = end;
        while (k < wanted.length && wanted[k]!.at === col) fields[wanted[k++]!.slot] = pos <= end ? text.slice(pos, comma) : "";
        pos = comma + 1;
      }
    }
    onRow(fields);
  };
  let rest = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 16 })) {
    const text = rest.length > 0 ? rest + (chunk as string) : (chunk as string);
    chunks++;
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      onLine(text, start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  chunks++;
  if (rest.length > 0) onLine(rest, 0, rest.length);
  if (wanted === undefined) throw new UserError(`${path}: empty file`);
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
