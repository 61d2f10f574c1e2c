// Loads one numeric column of a CSV file (with a header row) as samples for an empirical
// distribution. Every problem is a UserError naming the file, and the line and column when there
// is one, because these files are written by hand or exported from spreadsheets. Messages never
// quote the file's content (a header, a cell, the parser's view of a line): a scenario can name any
// CSV on the machine, and the message may end up in a log.
import { parseString } from "fast-csv";
import { UserError } from "../errors.js";
import { readTextFile } from "../files.js";

// A plain decimal number: Number() alone would accept "", "0x1f" and "Infinity".
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Largest CSV read by default: 16 MiB holds a year of per-minute rates in a few columns. */
export const DEFAULT_CSV_LIMIT = 16 << 20;

export interface ColumnOptions {
  /** Each value is multiplied by it (e.g. 3600 for hours → seconds). Default 1. */
  readonly scale?: number;
  /** Bounds every scaled value must respect, e.g. 0 for a duration, 1 for a fraction. */
  readonly min?: number;
  readonly max?: number;
  /** The file may hold at most this many bytes. Default DEFAULT_CSV_LIMIT. */
  readonly maxBytes?: number;
}

type Row = Record<string, string>;

/** Lines a parsed row spans: quoted fields may hold line breaks. */
function linesIn(row: Row): number {
  let lines = 1;
  for (const value of Object.values(row)) {
    for (let i = value.indexOf("\n"); i !== -1; i = value.indexOf("\n", i + 1)) lines++;
  }
  return lines;
}

function isBlank(row: Row): boolean {
  return Object.values(row).every((v) => v.trim() === "");
}

/** fast-csv's messages quote the offending text; say what is wrong in our words instead. */
function csvProblem(message: string): string {
  if (message.includes("missing closing")) return "a quoted field is not closed";
  if (message.includes("OR new line")) return "text after the closing quote of a field";
  const ragged = /expected: (\d+) columns got: (\d+)/.exec(message);
  if (ragged) return `the row has ${ragged[2]} fields but the header has ${ragged[1]}`;
  if (message.includes("Duplicate headers")) return "the header names a column twice";
  return "malformed CSV";
}

/** Why a scaled value is out of bounds, or undefined. */
function boundsProblem(value: number, options: ColumnOptions): string | undefined {
  if (!Number.isFinite(value)) return "is too large to compute with";
  if (options.min !== undefined && value < options.min) return options.min === 0 ? "is negative" : `is below ${options.min}`;
  if (options.max !== undefined && value > options.max) return `is above ${options.max}`;
  return undefined;
}

/**
 * The values of `column` in `file`, each multiplied by `scale` (e.g. 3600 for hours → seconds), in
 * file order. Blank lines are skipped; an empty or non-numeric cell is an error, and so is a value
 * outside [min, max]. At least two values are required (the empirical distribution interpolates
 * between neighbours). The file is read through files.ts: a regular UTF-8 file of at most maxBytes.
 */
export async function loadEmpiricalSamples(file: string, column: string, scale = 1, options: ColumnOptions = {}): Promise<number[]> {
  if (!Number.isFinite(scale) || !(scale > 0)) {
    throw new UserError(`${file}: scale for column "${column}" must be a finite number > 0, got ${scale}`);
  }
  // A spreadsheet's byte-order mark would otherwise become part of the first column's name.
  const text = readTextFile(file, options.maxBytes ?? DEFAULT_CSV_LIMIT).replace(/^\uFEFF/, "");
  const values: number[] = [];
  await new Promise<void>((resolve, reject) => {
    let line = 1; // the header
    let sawHeaders = false;
    let failed = false;
    const fail = (message: string): void => {
      if (failed) return;
      failed = true;
      stream.destroy();
      reject(new UserError(message));
    };
    const stream = parseString<Row, Row>(text, { headers: true, ignoreEmpty: false });
    stream
      .on("headers", (headers: string[]) => {
        sawHeaders = true;
        if (!headers.includes(column)) fail(`${file}:1: no column "${column}" in the header row`);
      })
      .on("data", (row: Row) => {
        if (failed) return;
        const first = line + 1;
        line += linesIn(row);
        if (isBlank(row)) return;
        const cell = (row[column] ?? "").trim();
        if (!DECIMAL.test(cell)) {
          fail(`${file}:${first}: column "${column}" ${cell === "" ? "is empty" : "is not a number"}`);
          return;
        }
        const value = Number(cell) * scale;
        const problem = boundsProblem(value, options);
        if (problem !== undefined) fail(`${file}:${first}: column "${column}" ${problem}`);
        else values.push(value);
      })
      .on("error", (err: Error) => {
        const problem = csvProblem(err.message);
        fail(sawHeaders ? `${file}:${line + 1}: ${problem}` : `${file}:1: ${problem}`);
      })
      .on("end", () => {
        // An empty file emits no headers event, so the column check never ran.
        if (!sawHeaders) fail(`${file}: empty file, expected a header row with a "${column}" column`);
        if (!failed) resolve();
      });
  });
  if (values.length < 2) {
    throw new UserError(`${file}: column "${column}" has ${values.length} value(s); at least 2 are needed`);
  }
  return values;
}
