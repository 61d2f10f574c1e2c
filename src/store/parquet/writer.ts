// A Parquet writer for drsim's tables: row groups handed over whole, each column one uncompressed
// page (a dictionary page first where the column is names or a handful of distinct numbers).
// Numbers are written as their bytes — a column of doubles is its Float64Array — so writing costs
// little more than the disk; no compression, so nothing competes with the simulation for the CPU.
// Nothing in a file depends on time or on how rows arrived: same rows, same bytes.
import { bitWidth, encodeHybrid, encodeRun } from "./hybrid.js";
import { Codec, CONVERTED_UTF8, Encoding, MAGIC, PageType, STORAGE, type ColumnValues, type DictionaryValues } from "./format.js";
import { ThriftWriter } from "./thrift.js";
import type { TableColumn } from "../tables.js";

/** Where the bytes go (a staged file): pieces, in order. */
export interface ByteSink {
  writeParts(parts: readonly Uint8Array[]): Promise<void>;
}

/** Distinct values a double column may have for a dictionary to replace its values. */
const MAX_DICTIONARY = 16;

const encoder = new TextEncoder();

interface ChunkMeta {
  readonly type: number;
  readonly encodings: readonly number[];
  readonly name: string;
  readonly numValues: number;
  readonly size: number;
  readonly dataOffset: number;
  readonly dictionaryOffset: number | undefined;
}

interface RowGroupMeta {
  readonly rows: number;
  readonly offset: number;
  readonly size: number;
  readonly chunks: readonly ChunkMeta[];
}

/** One column chunk's pages, offsets relative to the chunk's start. */
interface Chunk {
  readonly parts: Uint8Array[];
  readonly size: number;
  readonly dictionarySize: number;
  readonly encodings: readonly number[];
}

const bytesOf = (a: Float64Array | Int32Array | Uint32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function pageHeader(type: number, size: number, numValues: number, encoding: number): Uint8Array {
  const w = new ThriftWriter().i32(1, type).i32(2, size).i32(3, size);
  if (type === PageType.DICTIONARY_PAGE) w.struct(7, (h) => h.i32(1, numValues).i32(2, encoding));
  else w.struct(5, (h) => h.i32(1, numValues).i32(2, encoding).i32(3, Encoding.RLE).i32(4, Encoding.RLE));
  return w.finish();
}

function chunk(dictionary: { values: Uint8Array[]; count: number } | undefined, data: Uint8Array[], rows: number, encoding: number): Chunk {
  const parts: Uint8Array[] = [];
  let dictionarySize = 0;
  if (dictionary !== undefined) {
    const size = dictionary.values.reduce((n, p) => n + p.length, 0);
    const header = pageHeader(PageType.DICTIONARY_PAGE, size, dictionary.count, Encoding.PLAIN);
    parts.push(header, ...dictionary.values);
    dictionarySize = header.length + size;
  }
  const size = data.reduce((n, p) => n + p.length, 0);
  parts.push(pageHeader(PageType.DATA_PAGE, size, rows, encoding), ...data);
  const encodings = dictionary === undefined ? [Encoding.PLAIN, Encoding.RLE] : [Encoding.PLAIN, Encoding.RLE, Encoding.RLE_DICTIONARY];
  return { parts, size: parts.reduce((n, p) => n + p.length, 0), dictionarySize, encodings };
}

/** Dictionary indices as a data page's values: their bit width in a byte, then the hybrid encoding. */
function indexData(indices: Uint32Array, count: number, entries: number): Uint8Array[] {
  const width = Math.max(1, bitWidth(entries - 1));
  return [Uint8Array.of(width), encodeHybrid(indices, count, width)];
}

/** Definition levels of a data page v1: their byte length (4 bytes, little-endian), then the levels. */
function withLength(levels: Uint8Array): Uint8Array[] {
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, levels.length, true);
  return [length, levels];
}

/**
 * The large arrays of a row group's pages (values without their nulls, null flags, int64 words),
 * reused group after group: the k-th request of a group gets the k-th buffer, grown when too
 * small. Pages reference these until the group is written, so each request has its own buffer;
 * a file of thousands of row groups then allocates them once, not once per group.
 */
class PageScratch {
  private readonly buffers: ArrayBuffer[] = [];
  private next = 0;

  /** A new row group: every buffer free again (the last group's pages are written). */
  reset(): void {
    this.next = 0;
  }

  private take(bytes: number): ArrayBuffer {
    let buffer = this.buffers[this.next];
    if (buffer === undefined || buffer.byteLength < bytes) this.buffers[this.next] = buffer = new ArrayBuffer(bytes);
    this.next++;
    return buffer;
  }

  /** `n` doubles, their values whatever the buffer last held. */
  f64(n: number): Float64Array {
    return new Float64Array(this.take(n * 8), 0, n);
  }

  /** `n` 32-bit words, their values whatever the buffer last held. */
  u32(n: number): Uint32Array {
    return new Uint32Array(this.take(n * 4), 0, n);
  }

  /** `n` bytes, zeroed. */
  zeroedBytes(n: number): Uint8Array {
    return new Uint8Array(this.take(n), 0, n).fill(0);
  }
}

/** smallDictionary's indices, reused from column to column (they are encoded before the next). */
let scratchIndices = new Uint32Array(0);

/** The distinct values of `values` and each value's index among them, if there are at most `max`. */
function smallDictionary(values: Float64Array, max: number): { entries: Float64Array; indices: Uint32Array } | undefined {
  const entries = new Float64Array(max);
  let size = 0;
  if (scratchIndices.length < values.length) scratchIndices = new Uint32Array(values.length);
  const indices = scratchIndices;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    let k = 0;
    // Equal as doubles, and −0 apart from +0 (1/x tells them apart): the dictionary keeps every bit.
    while (k < size && !(entries[k] === x && (x !== 0 || 1 / entries[k]! === 1 / x))) k++;
    if (k === size) {
      if (size === max) return undefined;
      entries[size++] = x;
    }
    indices[i] = k;
  }
  return { entries: entries.slice(0, size), indices: indices.subarray(0, values.length) };
}

/** A double column: OPTIONAL, NaN written as null; a dictionary when it has few distinct values. */
function doubleChunk(values: Float64Array, rows: number, scratch: PageScratch): Chunk {
  let nulls = 0;
  for (let i = 0; i < rows; i++) if (values[i] !== values[i]) nulls++;
  let present = values.subarray(0, rows);
  let levels: Uint8Array;
  if (nulls === 0) levels = encodeRun(rows, 1, 1);
  else {
    const defined = scratch.u32(rows);
    present = scratch.f64(rows - nulls);
    for (let i = 0, k = 0; i < rows; i++) {
      const x = values[i]!;
      defined[i] = x === x ? 1 : 0;
      if (x === x) present[k++] = x;
    }
    levels = encodeHybrid(defined, rows, 1);
  }
  const dictionary = smallDictionary(present, MAX_DICTIONARY);
  if (dictionary === undefined) return chunk(undefined, [...withLength(levels), bytesOf(present)], rows, Encoding.PLAIN);
  const { entries, indices } = dictionary;
  return chunk({ values: [bytesOf(entries)], count: entries.length }, [...withLength(levels), ...indexData(indices, indices.length, entries.length)], rows, Encoding.RLE_DICTIONARY);
}

/** An int64 column of whole numbers below 2^53: little-endian, two 32-bit words each. */
function int64Chunk(values: Float64Array, rows: number, scratch: PageScratch): Chunk {
  const words = scratch.u32(rows * 2);
  for (let i = 0; i < rows; i++) {
    const v = values[i]!;
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`parquet: ${v} is not a whole number for an int64 column`);
    words[2 * i] = v % 0x100000000;
    words[2 * i + 1] = Math.floor(v / 0x100000000);
  }
  return chunk(undefined, [bytesOf(words)], rows, Encoding.PLAIN);
}

function booleanChunk(values: Uint8Array, rows: number, scratch: PageScratch): Chunk {
  const bits = scratch.zeroedBytes(Math.ceil(rows / 8));
  for (let i = 0; i < rows; i++) if (values[i] !== 0) bits[i >> 3]! |= 1 << (i & 7);
  return chunk(undefined, [bits], rows, Encoding.PLAIN);
}

function stringChunk({ indices, dictionary }: DictionaryValues, rows: number): Chunk {
  const values = dictionary.flatMap((s) => {
    const bytes = encoder.encode(s);
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length, true);
    return [length, bytes];
  });
  for (let i = 0; i < rows; i++) if (indices[i]! >= dictionary.length) throw new RangeError(`parquet: index ${indices[i]} outside a dictionary of ${dictionary.length}`);
  return chunk({ values, count: dictionary.length }, indexData(indices, rows, Math.max(1, dictionary.length)), rows, Encoding.RLE_DICTIONARY);
}

function encodeColumn(column: TableColumn, values: ColumnValues, rows: number, scratch: PageScratch): Chunk {
  switch (column.kind) {
    case "double":
      return doubleChunk(values as Float64Array, rows, scratch);
    case "int64":
      return int64Chunk(values as Float64Array, rows, scratch);
    case "int32":
      return chunk(undefined, [bytesOf((values as Int32Array).subarray(0, rows))], rows, Encoding.PLAIN);
    case "boolean":
      return booleanChunk(values as Uint8Array, rows, scratch);
    case "string":
      return stringChunk(values as DictionaryValues, rows);
  }
}

/**
 * Writes one Parquet file: `writeRowGroup` for each group of rows (the caller cuts them at fixed
 * row counts, so the file does not depend on how rows arrived), then `close` writes the footer.
 */
export class ParquetWriter {
  private offset = 0;
  private rows = 0;
  private readonly groups: RowGroupMeta[] = [];
  private started = false;
  private readonly scratch = new PageScratch();

  constructor(
    private readonly sink: ByteSink,
    private readonly columns: readonly TableColumn[],
    /** FileMetaData.created_by: the writer and its version, fixed for a given drsim. */
    private readonly createdBy: string,
  ) {}

  private async write(parts: readonly Uint8Array[]): Promise<void> {
    await this.sink.writeParts(parts);
    for (const p of parts) this.offset += p.length;
  }

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.write([MAGIC]);
  }

  /** `rows` rows: `values[c]` holds column c's (at least `rows` entries; the first `rows` are written). */
  async writeRowGroup(rows: number, values: readonly ColumnValues[]): Promise<void> {
    await this.start();
    if (rows === 0) return;
    const start = this.offset;
    const chunks: ChunkMeta[] = [];
    const parts: Uint8Array[] = [];
    let at = start;
    this.scratch.reset();
    this.columns.forEach((column, c) => {
      const encoded = encodeColumn(column, values[c]!, rows, this.scratch);
      parts.push(...encoded.parts);
      chunks.push({
        type: STORAGE[column.kind].type,
        encodings: encoded.encodings,
        name: column.name,
        numValues: rows,
        size: encoded.size,
        dataOffset: at + encoded.dictionarySize,
        dictionaryOffset: encoded.dictionarySize > 0 ? at : undefined,
      });
      at += encoded.size;
    });
    // One write per row group: its pages' pieces gathered by writev, not joined by a copy.
    await this.write(parts);
    this.groups.push({ rows, offset: start, size: at - start, chunks });
    this.rows += rows;
  }

  /** Writes the footer (FileMetaData, its length, the magic). */
  async close(): Promise<void> {
    await this.start();
    const w = new ThriftWriter()
      .i32(1, 1)
      .structs(2, [undefined, ...this.columns], (s, column) => {
        if (column === undefined) s.string(4, "schema").i32(5, this.columns.length);
        else {
          const { type, repetition } = STORAGE[column.kind];
          s.i32(1, type).i32(3, repetition).string(4, column.name);
          if (column.kind === "string") s.i32(6, CONVERTED_UTF8).struct(10, (l) => l.struct(1, () => undefined));
        }
      })
      .i64(3, this.rows)
      .structs(4, this.groups, (g, group) => {
        g.structs(1, group.chunks, (c, meta) => {
          c.i64(2, meta.dictionaryOffset ?? meta.dataOffset).struct(3, (m) => {
            m.i32(1, meta.type).i32s(2, meta.encodings).strings(3, [meta.name]).i32(4, Codec.UNCOMPRESSED)
              .i64(5, meta.numValues).i64(6, meta.size).i64(7, meta.size).i64(9, meta.dataOffset);
            if (meta.dictionaryOffset !== undefined) m.i64(11, meta.dictionaryOffset);
          });
        });
        g.i64(2, group.size).i64(3, group.rows).i64(5, group.offset).i64(6, group.size);
      })
      .string(6, this.createdBy);
    const footer = w.finish();
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, footer.length, true);
    await this.write([footer, length, MAGIC]);
  }
}

