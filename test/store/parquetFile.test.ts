// drsim's Parquet writer against an independent reader (DuckDB, a C++ implementation) and its own
// reader: every kind of column, nulls, dictionaries, row groups, and the bits of awkward doubles.
import { DuckDBInstance } from "@duckdb/node-api";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { bitWidth, decodeHybrid, encodeHybrid } from "../../src/store/parquet/hybrid.js";
import { ParquetReader } from "../../src/store/parquet/reader.js";
import { ParquetWriter } from "../../src/store/parquet/writer.js";
import type { ColumnValues, DictionaryValues } from "../../src/store/parquet/format.js";
import type { TableColumn } from "../../src/store/tables.js";
import { tempDir } from "./helpers.js";

const COLUMNS: TableColumn[] = [
  { name: "id", kind: "int64", description: "" },
  { name: "name", kind: "string", description: "" },
  { name: "k", kind: "int32", description: "" },
  { name: "x", kind: "double", description: "" },
  { name: "few", kind: "double", description: "" },
  { name: "flag", kind: "boolean", description: "" },
];

/** Awkward doubles: subnormals, extremes, −0, many digits. */
const SPECIAL = [0, -0, 5e-324, -1.7976931348623157e308, 0.1 + 0.2, 1 / 3, 2 ** 53 + 2, 123456.789e-10];

function groupOf(start: number, rows: number): ColumnValues[] {
  const id = Float64Array.from({ length: rows }, (_, i) => (start + i) * 3 + 2 ** 40);
  const name: DictionaryValues = { indices: Uint32Array.from({ length: rows }, (_, i) => (start + i) % 3), dictionary: ["alpha", "β-beta", ""] };
  const k = Int32Array.from({ length: rows }, (_, i) => (start + i) % 7 - 3);
  const x = Float64Array.from({ length: rows }, (_, i) => ((start + i) % 5 === 0 ? NaN : SPECIAL[(start + i) % SPECIAL.length]! * (1 + (start + i) / 7)));
  const few = Float64Array.from({ length: rows }, (_, i) => ((start + i) % 11 === 3 ? NaN : [0, 2.5, -0, 1e300][(start + i) % 4]!));
  const flag = Uint8Array.from({ length: rows }, (_, i) => ((start + i) % 3 === 1 ? 1 : 0));
  return [id, name, k, x, few, flag];
}

async function writeFile(path: string, groups: readonly number[]): Promise<ColumnValues[][]> {
  const chunks: Uint8Array[] = [];
  const writer = new ParquetWriter({ writeParts: async (parts) => void chunks.push(...parts.map((b) => b.slice())) }, COLUMNS, "drsim test");
  const written: ColumnValues[][] = [];
  let start = 0;
  for (const rows of groups) {
    const values = groupOf(start, rows);
    await writer.writeRowGroup(rows, values);
    written.push(values);
    start += rows;
  }
  await writer.close();
  writeFileSync(path, Buffer.concat(chunks));
  return written;
}

/** The value of row i as DuckDB gives it to JS (numbers, bigints, strings, booleans, null). */
function expected(values: ColumnValues, column: TableColumn, i: number): unknown {
  if (column.kind === "string") {
    const d = values as DictionaryValues;
    return d.dictionary[d.indices[i]!];
  }
  const v = (values as Float64Array | Int32Array | Uint8Array)[i]!;
  if (column.kind === "double") return Number.isNaN(v) ? null : v;
  if (column.kind === "int64") return BigInt(v);
  if (column.kind === "boolean") return v === 1;
  return v;
}

describe("Parquet files", () => {
  it("DuckDB reads back every value exactly (nulls for NaN, −0 kept), across row groups", async () => {
    const path = join(tempDir("pq"), "t.parquet");
    const groups = [1000, 37, 4096];
    const written = await writeFile(path, groups);
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    const result = await conn.runAndReadAll(`SELECT * FROM read_parquet('${path}')`);
    const columns = result.getColumnsJS();
    expect(result.columnNames()).toEqual(COLUMNS.map((c) => c.name));
    const types = await conn.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${path}'))`);
    expect(types.getRowsJS()).toEqual([["id", "BIGINT"], ["name", "VARCHAR"], ["k", "INTEGER"], ["x", "DOUBLE"], ["few", "DOUBLE"], ["flag", "BOOLEAN"]]);
    let row = 0;
    for (const values of written) {
      const rows = (values[0] as Float64Array).length;
      for (let i = 0; i < rows; i++, row++) {
        COLUMNS.forEach((column, c) => {
          const got = columns[c]![row];
          const want = expected(values[c]!, column, i);
          if (typeof want === "number" && typeof got === "number") expect(Object.is(got, want), `${column.name}[${row}]: ${got} vs ${want}`).toBe(true);
          else expect(got, `${column.name}[${row}]`).toEqual(want);
        });
      }
    }
    expect(row).toBe(groups.reduce((a, b) => a + b));
    // The dictionary of a column with few values is used, and the file says who wrote it.
    const meta = await conn.runAndReadAll(`SELECT path_in_schema, encodings FROM parquet_metadata('${path}') WHERE row_group_id = 0`);
    expect(meta.getRowsJS().find(([p]) => p === "few")?.[1]).toContain("RLE_DICTIONARY");
    expect(meta.getRowsJS().find(([p]) => p === "x")?.[1]).not.toContain("RLE_DICTIONARY");
    const file = await conn.runAndReadAll(`SELECT created_by FROM parquet_file_metadata('${path}')`);
    expect(file.getRowsJS()).toEqual([["drsim test"]]);
  });

  it("drsim's own reader reads back every bit", async () => {
    const path = join(tempDir("pq"), "t.parquet");
    const written = await writeFile(path, [500, 1, 2000]);
    const reader = ParquetReader.open(path);
    try {
      expect(reader.rows).toBe(2501);
      expect(reader.rowGroups.map((g) => g.rows)).toEqual([500, 1, 2000]);
      written.forEach((values, g) => {
        COLUMNS.forEach((column, c) => {
          const got = reader.read(g, column.name);
          const want = values[c]!;
          if (column.kind === "string") {
            const d = got as DictionaryValues;
            const w = want as DictionaryValues;
            expect(Array.from(d.indices, (k) => d.dictionary[k])).toEqual(Array.from(w.indices, (k) => w.dictionary[k]));
          } else {
            const a = got as Float64Array;
            const b = want as Float64Array;
            expect(a.length).toBe(b.length);
            // Bit for bit (NaN as NaN, −0 as −0).
            for (let i = 0; i < a.length; i++) expect(Object.is(a[i], b[i]), `${column.name}[${i}]`).toBe(true);
          }
        });
      });
    } finally {
      reader.close();
    }
  });

  it("the same rows give the same bytes", async () => {
    const dir = tempDir("pq");
    await writeFile(join(dir, "a.parquet"), [300, 300]);
    await writeFile(join(dir, "b.parquet"), [300, 300]);
    expect(readFileSync(join(dir, "a.parquet")).equals(readFileSync(join(dir, "b.parquet")))).toBe(true);
  });

  it("a file that is not Parquet, or cut short, is a user error naming it", async () => {
    const dir = tempDir("pq");
    const path = join(dir, "t.parquet");
    writeFileSync(path, "replication,strategy\n0,a\n");
    expect(() => ParquetReader.open(path)).toThrow(UserError);
    await writeFile(path, [100]);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 3));
    expect(() => ParquetReader.open(path)).toThrow(/t\.parquet: not a Parquet file/);
  });
});

describe("the RLE / bit-packing hybrid", () => {
  it("round-trips runs, mixed groups and ragged ends at every width", () => {
    for (const width of [1, 2, 3, 7, 8, 13, 20]) {
      const max = 2 ** width - 1;
      const values: number[] = [];
      for (let i = 0; i < 300; i++) values.push(i % 37 < 12 ? max : (i * 7919) % (max + 1));
      for (const count of [1, 7, 8, 9, 64, 299, 300]) {
        const bytes = encodeHybrid(Uint32Array.from(values), count, width);
        const out = new Uint32Array(count);
        decodeHybrid(bytes, 0, bytes.length, width, count, out);
        expect(Array.from(out), `width ${width}, ${count} values`).toEqual(values.slice(0, count));
      }
    }
    expect([0, 1, 2, 3, 4, 255, 256].map(bitWidth)).toEqual([0, 1, 2, 2, 3, 8, 9]);
  });
});
