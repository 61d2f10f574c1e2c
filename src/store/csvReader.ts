// The one CSV reader: a file's lines, read ½ MiB at a time, and the fields of a line — only the
// wanted ones, cut out without splitting the rest. RFC 4180 quoting (a quoted field has no line
// break in drsim's files); a byte-order mark, CRLF line ends and blank lines are accepted. The CSV
// row source (store/csvSource.ts) reads runs and shards with it — the merge and the charts alike.
import { createReadStream } from "node:fs";
import { UserError } from "../errors.js";

/** Splits one CSV line into fields, undoing RFC 4180 quoting. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quoted field in CSV line: ${line}`);
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(",", i);
      fields.push(line.slice(i, comma < 0 ? line.length : comma));
      i = comma < 0 ? line.length : comma;
    }
    if (i >= line.length) break;
    if (line[i] !== ",") throw new Error(`bad CSV line: ${line}`);
    i++;
    if (i === line.length) {
      fields.push("");
      break;
    }
  }
  return fields;
}

/** A CSV number field back to a double: empty → NaN; anything else must parse completely. */
export function parseCsvNumber(field: string): number {
  if (field === "") return NaN;
  const x = Number(field);
  if (Number.isNaN(x) && field !== "NaN") throw new Error(`not a number: "${field}"`);
  return x;
}

/**
 * A CSV file read line by line: `take()` hands out buffered lines synchronously and `fill()` reads
 * the next ½ MiB when they run out, so a loop awaits once per read, not once per line. `line` is
 * the 1-based number of the last line taken (for messages: `${path}:${line}`).
 */
export class CsvFile {
  private readonly chunks: AsyncIterator<string>;
  private buffer: string[] = [];
  private at = 0;
  private carry = "";
  private ended = false;
  line = 0;

  constructor(readonly path: string) {
    // Half a MiB per read: a merge reads two files side by side, and this keeps its peak memory
    // where one 1 MiB stream at a time had it, at the same speed.
    const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 19 }) as AsyncIterable<string>;
    this.chunks = stream[Symbol.asyncIterator]();
  }

  /** The next non-blank line (a final \r removed), or undefined when the buffer is empty: then `fill()`. */
  take(): string | undefined {
    while (this.at < this.buffer.length) {
      this.line++;
      const line = this.buffer[this.at++]!;
      if (line.length === 0) continue;
      if (line.charCodeAt(line.length - 1) !== 13) return line;
      if (line.length > 1) return line.slice(0, -1);
    }
    return undefined;
  }

  /** Reads more lines into the buffer; false at the end of the file. */
  async fill(): Promise<boolean> {
    while (this.at === this.buffer.length) {
      if (this.ended) return false;
      const next = await this.chunks.next();
      if (next.done === true) {
        this.ended = true;
        this.buffer = this.carry.length > 0 ? [this.carry] : [];
        this.carry = "";
      } else {
        const lines = (this.carry + next.value).split("\n");
        this.carry = lines.pop()!;
        this.buffer = lines;
      }
      this.at = 0;
    }
    return true;
  }

  /** The next non-blank line, awaiting reads as needed; undefined at the end of the file. */
  async next(): Promise<string | undefined> {
    for (;;) {
      const line = this.take();
      if (line !== undefined) return line;
      if (!(await this.fill())) return undefined;
    }
  }

  /** Reads the header line: column name → index. A file without one is an error naming it. */
  async header(): Promise<Map<string, number>> {
    let line = await this.next();
    if (line === undefined) throw new UserError(`${this.path}: empty file`);
    if (line.startsWith("\uFEFF")) line = line.slice(1);
    return new Map(splitCsvLine(line).map((name, i) => [name.trim(), i]));
  }

  /** Stops reading (the rest of the file is not needed). */
  async close(): Promise<void> {
    await this.chunks.return?.();
  }
}

/**
 * Cuts the wanted columns out of lines of one file: `cut(line)` fills `fields` (in the order the
 * columns were asked for) and returns how many fields the line has up to the last wanted one, so a
 * short line is seen (fewer than `width`). Lines without a quote are cut with indexOf; others are split whole.
 */
export class FieldCutter {
  readonly fields: string[];
  /** Fields a line must have: up to the last wanted column. */
  readonly width: number;
  private readonly wanted: readonly { readonly at: number; readonly slot: number }[];
  private readonly last: number;

  constructor(path: string, header: ReadonlyMap<string, number>, names: readonly string[]) {
    this.fields = names.map(() => "");
    this.wanted = names
      .map((name, slot) => {
        const at = header.get(name);
        if (at === undefined) throw new UserError(`${path}: no column '${name}'`);
        return { at, slot };
      })
      .sort((a, b) => a.at - b.at);
    this.last = this.wanted[this.wanted.length - 1]?.at ?? -1;
    this.width = this.last + 1;
  }

  cut(line: string): number {
    const { fields, wanted } = this;
    if (line.includes('"')) {
      const all = splitCsvLine(line);
      for (const w of wanted) fields[w.slot] = all[w.at] ?? "";
      return Math.min(all.length, this.last + 1);
    }
    let pos = 0;
    let k = 0;
    let seen = 0;
    for (let col = 0; col <= this.last; col++) {
      if (pos > line.length) {
        while (k < wanted.length && wanted[k]!.at === col) fields[wanted[k++]!.slot] = "";
        continue;
      }
      seen++;
      let comma = line.indexOf(",", pos);
      if (comma < 0) comma = line.length;
      while (k < wanted.length && wanted[k]!.at === col) fields[wanted[k++]!.slot] = line.slice(pos, comma);
      pos = comma + 1;
    }
    return seen;
  }
}
