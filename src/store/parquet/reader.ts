// Reads back the Parquet files drsim writes (parquet/writer.ts): the footer, then any column of any
// row group as a typed array — a page of doubles is copied, not parsed. It reads what the writer
// writes (uncompressed data pages v1, plain or dictionary-encoded) and says so of anything else:
// a file rewritten by another tool is read with that tool, or exported again by drsim.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { UserError } from "../../errors.js";
import { decodeHybrid } from "./hybrid.js";
import { Codec, Encoding, MAGIC, PageType, PhysicalType, Repetition, type ColumnValues, type DictionaryValues } from "./format.js";
import { ThriftReader, type ThriftStruct, type ThriftValue } from "./thrift.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

export interface ColumnInfo {
  readonly name: string;
  readonly type: number;
  readonly repetition: number;
}

interface ChunkInfo {
  readonly offset: number;
  readonly size: number;
  readonly numValues: number;
  readonly codec: number;
}

export interface RowGroupInfo {
  readonly rows: number;
  readonly chunks: ReadonlyMap<string, ChunkInfo>;
}

function num(v: ThriftValue | undefined): number {
  return typeof v === "number" ? v : NaN;
}
function text(v: ThriftValue | undefined): string {
  return v instanceof Uint8Array ? decoder.decode(v) : "";
}
function list(v: ThriftValue | undefined): readonly ThriftValue[] {
  return Array.isArray(v) ? (v as readonly ThriftValue[]) : [];
}
function struct(v: ThriftValue | undefined): ThriftStruct {
  return v instanceof Map ? v : new Map();
}

export class ParquetReader {
  private fd: number;
  private scratch = new Uint8Array(0);

  private constructor(
    readonly path: string,
    fd: number,
    readonly columns: readonly ColumnInfo[],
    readonly rowGroups: readonly RowGroupInfo[],
    readonly rows: number,
  ) {
    this.fd = fd;
  }

  /** Opens a file and reads its footer. */
  static open(path: string): ParquetReader {
    const fd = openSync(path, "r");
    try {
      const size = fstatSync(fd).size;
      const tail = new Uint8Array(8);
      if (size < 12 || readSync(fd, tail, 0, 8, size - 8) !== 8 || !MAGIC.every((b, i) => tail[4 + i] === b)) {
        throw new UserError(`${path}: not a Parquet file`);
      }
      const length = new DataView(tail.buffer).getUint32(0, true);
      if (length + 12 > size) throw new UserError(`${path}: not a Parquet file (footer length ${length})`);
      const footer = new Uint8Array(length);
      readSync(fd, footer, 0, length, size - 8 - length);
      let meta: ThriftStruct;
      try {
        meta = new ThriftReader(footer).struct();
      } catch (error) {
        throw new UserError(`${path}: unreadable Parquet footer (${(error as Error).message})`);
      }
      const schema = list(meta.get(2)).map(struct);
      const columns = schema.slice(1).map((s) => ({ name: text(s.get(4)), type: num(s.get(1)), repetition: num(s.get(3)) }));
      if (schema.length === 0 || columns.some((c) => Number.isNaN(c.type)) || num(schema[0]!.get(5)) !== columns.length) {
        throw new UserError(`${path}: a nested Parquet schema; drsim's tables are flat`);
      }
      const rowGroups = list(meta.get(4)).map((g) => {
        const group = struct(g);
        const chunks = new Map<string, ChunkInfo>();
        for (const c of list(group.get(1))) {
          const m = struct(struct(c).get(3));
          const name = list(m.get(3)).map(text).join(".");
          const dictionary = m.get(11);
          const offset = dictionary === undefined ? num(m.get(9)) : Math.min(num(dictionary), num(m.get(9)));
          chunks.set(name, { offset, size: num(m.get(7)), numValues: num(m.get(5)), codec: num(m.get(4)) });
        }
        return { rows: num(group.get(3)), chunks };
      });
      return new ParquetReader(path, fd, columns, rowGroups, num(meta.get(3)));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private fail(message: string): never {
    throw new UserError(`${this.path}: ${message}`);
  }

  /**
   * Column `name` of row group `group`, by its physical type: DOUBLE and INT64 as Float64Array
   * (null: NaN), INT32 as Int32Array, BOOLEAN as Uint8Array, strings as dictionary indices.
   */
  read(group: number, name: string): ColumnValues {
    const column = this.columns.find((c) => c.name === name);
    const info = this.rowGroups[group]?.chunks.get(name);
    if (column === undefined || info === undefined) return this.fail(`no column '${name}'`);
    if (info.codec !== Codec.UNCOMPRESSED) return this.fail(`column '${name}' is compressed (codec ${info.codec}): drsim reads the Parquet files it writes; export them again with drsim`);
    // One buffer for every chunk read (a chunk is decoded into its own arrays before the next read).
    if (this.scratch.length < info.size) this.scratch = new Uint8Array(Math.max(info.size, 2 * this.scratch.length));
    const bytes = this.scratch.subarray(0, info.size);
    if (readSync(this.fd, bytes, 0, info.size, info.offset) !== info.size) return this.fail(`column '${name}' is cut short`);
    try {
      return new ChunkDecoder(bytes, column, info.numValues).decode();
    } catch (error) {
      return this.fail(`column '${name}': ${(error as Error).message}`);
    }
  }
}

/** One column chunk's pages: a dictionary page, if any, then data pages up to the chunk's values. */
class ChunkDecoder {
  private dictionary: Float64Array | Int32Array | Uint8Array | readonly string[] | undefined;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly column: ColumnInfo,
    private readonly count: number,
  ) {}

  decode(): ColumnValues {
    const { type } = this.column;
    const out: ColumnValues =
      type === PhysicalType.DOUBLE || type === PhysicalType.INT64 ? new Float64Array(this.count)
        : type === PhysicalType.INT32 ? new Int32Array(this.count)
          : type === PhysicalType.BOOLEAN ? new Uint8Array(this.count)
            : type === PhysicalType.BYTE_ARRAY ? { indices: new Uint32Array(this.count), dictionary: [] }
              : unsupported(`physical type ${type}`);
    let at = 0;
    let done = 0;
    while (done < this.count) {
      const reader = new ThriftReader(this.bytes, at);
      const header = reader.struct();
      const start = reader.offset;
      const size = num(header.get(3));
      if (!(start + size <= this.bytes.length)) throw new RangeError("a page runs past its column chunk");
      const pageType = num(header.get(1));
      if (pageType === PageType.DICTIONARY_PAGE) {
        const h = struct(header.get(7));
        this.readDictionary(start, num(h.get(1)), num(h.get(2)));
      } else if (pageType === PageType.DATA_PAGE) {
        const h = struct(header.get(5));
        const values = num(h.get(1));
        if (!(values > 0 && done + values <= this.count)) throw new RangeError(`a page of ${values} values where ${this.count - done} are left`);
        done = this.readData(out, done, values, start, start + size, num(h.get(2)));
      } else unsupported(`page type ${pageType}`);
      at = start + size;
    }
    if (out instanceof Float64Array || out instanceof Int32Array || out instanceof Uint8Array) return out;
    return { indices: out.indices, dictionary: this.dictionary as readonly string[] };
  }

  private readDictionary(at: number, count: number, encoding: number): void {
    if (encoding !== Encoding.PLAIN && encoding !== Encoding.PLAIN_DICTIONARY) unsupported(`dictionary encoding ${encoding}`);
    if (this.column.type === PhysicalType.BYTE_ARRAY) {
      const view = new DataView(this.bytes.buffer, this.bytes.byteOffset);
      const names: string[] = [];
      for (let k = 0; k < count; k++) {
        const length = view.getUint32(at, true);
        names.push(decoder.decode(this.bytes.subarray(at + 4, at + 4 + length)));
        at += 4 + length;
      }
      this.dictionary = names;
    } else this.dictionary = plainValues(this.bytes, this.column.type, at, count);
  }

  /** Decodes a data page of `values` values into `out` from `done` on; returns the values done. */
  private readData(out: ColumnValues, done: number, values: number, at: number, end: number, encoding: number): number {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset);
    // Definition levels (OPTIONAL columns): which of the page's values are present.
    let defined: Uint32Array | undefined;
    let present = values;
    if (this.column.repetition === Repetition.OPTIONAL) {
      const length = view.getUint32(at, true);
      // One RLE run of 1s (every value present, as for most columns) needs no levels array.
      if (!allDefined(this.bytes, at + 4, at + 4 + length, values)) {
        defined = new Uint32Array(values);
        decodeHybrid(this.bytes, at + 4, at + 4 + length, 1, values, defined);
        present = 0;
        for (let i = 0; i < values; i++) present += defined[i]!;
      }
      at += 4 + length;
    } else if (this.column.repetition !== Repetition.REQUIRED) unsupported("a repeated column");
    const { type } = this.column;
    const target = out instanceof Float64Array || out instanceof Int32Array || out instanceof Uint8Array ? out : out.indices;
    // The present values, as doubles (DOUBLE, INT64), int32, flags or dictionary indices: straight
    // into `out` when every value is present (most pages), else gathered first and spread past the nulls.
    const into = defined === undefined ? target : undefined;
    const from = into === undefined ? 0 : done;
    let got: Float64Array | Int32Array | Uint8Array | Uint32Array;
    if (encoding === Encoding.RLE_DICTIONARY || encoding === Encoding.PLAIN_DICTIONARY) {
      const dictionary = this.dictionary;
      if (dictionary === undefined) throw new RangeError("dictionary-encoded values without a dictionary page");
      if (type === PhysicalType.BYTE_ARRAY) {
        got = into === undefined ? new Uint32Array(present) : (into as Uint32Array).subarray(from, from + present);
        decodeHybrid(this.bytes, at + 1, end, this.bytes[at]!, present, got);
      } else {
        const indices = new Uint32Array(present);
        decodeHybrid(this.bytes, at + 1, end, this.bytes[at]!, present, indices);
        const entries = dictionary as Float64Array | Int32Array | Uint8Array;
        got = into ?? new (entries.constructor as new (n: number) => Float64Array | Int32Array | Uint8Array)(present);
        for (let i = 0; i < present; i++) {
          const k = indices[i]!;
          if (k >= entries.length) throw new RangeError(`dictionary index ${k} of ${entries.length}`);
          got[from + i] = entries[k]!;
        }
      }
    } else if (encoding === Encoding.PLAIN) {
      if (type === PhysicalType.BYTE_ARRAY) return unsupported("plain-encoded strings");
      got = plainValues(this.bytes, this.column.type, at, present, into as Float64Array | Int32Array | Uint8Array | undefined, from);
    } else return unsupported(`encoding ${encoding}`);

    if (defined !== undefined) {
      // Nulls are NaN (only doubles are OPTIONAL).
      for (let i = 0, k = 0; i < values; i++) target[done + i] = defined[i] === 1 ? got[k++]! : NaN;
    }
    return done + values;
  }
}

/** Whether the levels in bytes[at..end) are a single RLE run of `count` 1s (at width 1). */
function allDefined(bytes: Uint8Array, at: number, end: number, count: number): boolean {
  let head = 0;
  let scale = 1;
  let pos = at;
  for (; pos < end; scale *= 0x80) {
    const b = bytes[pos++]!;
    head += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) break;
  }
  return pos + 1 === end && head === count * 2 && bytes[pos] === 1;
}

/**
 * `count` plain-encoded values of a fixed-width column from `at`, into out[offset…] (a new array when
 * none is given; it must be of the column's kind): doubles and int64 as doubles, int32, flags.
 */
function plainValues(bytes: Uint8Array, type: number, at: number, count: number, into?: Float64Array | Int32Array | Uint8Array, offset = 0): Float64Array | Int32Array | Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const width = type === PhysicalType.BOOLEAN ? 0.125 : type === PhysicalType.INT32 ? 4 : 8;
  if (at + Math.ceil(count * width) > bytes.length) throw new RangeError("values run past their page");
  switch (type) {
    case PhysicalType.DOUBLE: {
      const out = (into as Float64Array | undefined) ?? new Float64Array(count);
      new Uint8Array(out.buffer, out.byteOffset + offset * 8, count * 8).set(bytes.subarray(at, at + count * 8));
      return out;
    }
    case PhysicalType.INT64: {
      const out = (into as Float64Array | undefined) ?? new Float64Array(count);
      for (let i = 0; i < count; i++) {
        const hi = view.getInt32(at + 8 * i + 4, true);
        if (hi < 0 || hi >= 0x200000) throw new RangeError("an int64 beyond 2^53");
        out[offset + i] = hi * 0x100000000 + view.getUint32(at + 8 * i, true);
      }
      return out;
    }
    case PhysicalType.INT32: {
      const out = (into as Int32Array | undefined) ?? new Int32Array(count);
      for (let i = 0; i < count; i++) out[offset + i] = view.getInt32(at + 4 * i, true);
      return out;
    }
    case PhysicalType.BOOLEAN: {
      const out = (into as Uint8Array | undefined) ?? new Uint8Array(count);
      for (let i = 0; i < count; i++) out[offset + i] = (bytes[at + (i >> 3)]! >> (i & 7)) & 1;
      return out;
    }
    default:
      return unsupported(`physical type ${type}`);
  }
}

function unsupported(what: string): never {
  throw new Error(`${what}: drsim reads the Parquet files it writes (uncompressed, flat); export the run again with drsim`);
}

export type { DictionaryValues };
