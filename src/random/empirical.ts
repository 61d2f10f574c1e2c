// Loads one numeric column of a CSV file (with a header row) as samples for an empirical
// distribution. Every problem is a UserError naming the file, and the line and column when there
// is one, because these files are written by hand or exported from spreadsheets.
import { createReadStream } from "node:fs";
import { parse } from "fast-csv";
import { UserError } from "../errors.js";

// A plain decimal number: Number() alone would accept "", "0x1f" and "Infinity".
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

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

/**
 * The values of `column` in `file`, each multiplied by `scale` (e.g. 3600 for hours → seconds), in
 * file order. Blank lines are skipped; an empty or non-numeric cell is an error. At least two
 * values are required (the empirical distribution interpolates between neighbours).
 */
export async function loadEmpiricalSamples(file: string, column: string, scale = 1): Promise<number[]> {
  if (!Number.isFinite(scale) || !(scale > 0)) {
    throw new UserError(`${file}: scale for column "${column}" must be a finite number > 0, got ${scale}`);
  }
  const values: number[] = [];
  await new Promise<void>((resolve, reject) => {
    let line = 1; // the header
    let sawHeaders = false;
    let failed = false;
    const fail = (message: string): void => {
      if (failed) return;
      failed = true;
      input.destroy();
      stream.destroy();
      reject(new UserError(message));
    };
    // Our own read stream rather than fast-csv's parseFile, which does not forward read errors
    // (a missing file would be an uncaught exception and a promise that never settles).
    const input = createReadStream(file);
    const stream = parse<Row, Row>({ headers: true, ignoreEmpty: false });
    input.on("error", (err) => fail(`${file}: cannot read: ${err.message}`));
    input.pipe(stream);
    stream
      .on("headers", (headers: string[]) => {
        sawHeaders = true;
        if (!headers.includes(column)) {
          fail(`${file}: no column "${column}" (the header has: ${headers.join(", ")})`);
        }
      })
      .on("data", (row: Row) => {
        if (failed) return;
        const first = line + 1;
        line += linesIn(row);
        if (isBlank(row)) return;
        const cell = (row[column] ?? "").trim();
        if (!DECIMAL.test(cell)) {
          const what = cell === "" ? "is empty" : `"${cell}" is not a number`;
          fail(`${file}:${first}: column "${column}" ${what}`);
          return;
        }
        values.push(Number(cell) * scale);
      })
      .on("error", (err: Error) => {
        const message = err.message.replace(/^Unexpected Error: /, "");
        fail(sawHeaders ? `${file}:${line + 1}: ${message}` : `${file}: ${message}`);
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
