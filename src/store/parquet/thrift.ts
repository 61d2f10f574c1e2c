// The Thrift compact protocol, the encoding of Parquet's metadata (the footer and every page
// header): a writer for the structures drsim writes, and a reader that decodes any compact struct
// into field id → value, which the Parquet reader picks its fields from.

/** Compact-protocol type codes. */
export const T = {
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

const encoder = new TextEncoder();

/**
 * Writes a compact-protocol struct into a growing byte buffer. Fields must be written in
 * increasing id order within each struct (the compact protocol's deltas assume it).
 */
export class ThriftWriter {
  private bytes = new Uint8Array(256);
  private length = 0;
  /** The last field id written, per open struct (the innermost last). */
  private readonly lastIds: number[] = [0];

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.bytes[this.length++] = b;
  }

  /** An unsigned varint (ULEB128) of a non-negative integer below 2^53. */
  varint(n: number): void {
    this.ensure(10);
    while (n >= 0x80) {
      this.bytes[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.bytes[this.length++] = n;
  }

  /** A zigzag varint: Thrift's i16, i32 and i64 (integers within ±2^52 here). */
  private zigzag(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  private header(id: number, type: number): void {
    const last = this.lastIds[this.lastIds.length - 1]!;
    const delta = id - last;
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.zigzag(id);
    }
    this.lastIds[this.lastIds.length - 1] = id;
  }

  i32(id: number, value: number): this {
    this.header(id, T.I32);
    this.zigzag(value);
    return this;
  }

  i64(id: number, value: number): this {
    this.header(id, T.I64);
    this.zigzag(value);
    return this;
  }

  bool(id: number, value: boolean): this {
    this.header(id, value ? T.TRUE : T.FALSE);
    return this;
  }

  binary(id: number, value: Uint8Array): this {
    this.header(id, T.BINARY);
    this.varint(value.length);
    this.ensure(value.length);
    this.bytes.set(value, this.length);
    this.length += value.length;
    return this;
  }

  string(id: number, value: string): this {
    return this.binary(id, encoder.encode(value));
  }

  /** A struct field: `body` writes its fields. */
  struct(id: number, body: (w: this) => void): this {
    this.header(id, T.STRUCT);
    this.lastIds.push(0);
    body(this);
    this.byte(0);
    this.lastIds.pop();
    return this;
  }

  private listHeader(id: number, elementType: number, size: number): void {
    this.header(id, T.LIST);
    if (size < 15) this.byte((size << 4) | elementType);
    else {
      this.byte(0xf0 | elementType);
      this.varint(size);
    }
  }

  /** A list of structs: `body(w, item)` writes each one's fields. */
  structs<I>(id: number, items: readonly I[], body: (w: this, item: I) => void): this {
    this.listHeader(id, T.STRUCT, items.length);
    for (const item of items) {
      this.lastIds.push(0);
      body(this, item);
      this.byte(0);
      this.lastIds.pop();
    }
    return this;
  }

  i32s(id: number, items: readonly number[]): this {
    this.listHeader(id, T.I32, items.length);
    for (const item of items) this.zigzag(item);
    return this;
  }

  strings(id: number, items: readonly string[]): this {
    this.listHeader(id, T.BINARY, items.length);
    for (const item of items) {
      const bytes = encoder.encode(item);
      this.varint(bytes.length);
      this.ensure(bytes.length);
      this.bytes.set(bytes, this.length);
      this.length += bytes.length;
    }
    return this;
  }

  /** The bytes of a top-level struct: its fields, then the stop byte. */
  finish(): Uint8Array {
    this.byte(0);
    return this.bytes.slice(0, this.length);
  }
}

/** A decoded value: numbers (i64 exact below 2^53), booleans, bytes, lists and structs. */
export type ThriftValue = number | boolean | Uint8Array | readonly ThriftValue[] | ThriftStruct;
/** A decoded struct: field id → value. */
export type ThriftStruct = ReadonlyMap<number, ThriftValue>;

/** Reads compact-protocol structs from bytes; `offset` is where the next one starts. */
export class ThriftReader {
  constructor(
    private readonly bytes: Uint8Array,
    public offset = 0,
  ) {}

  private byte(): number {
    if (this.offset >= this.bytes.length) throw new RangeError("thrift: unexpected end of data");
    return this.bytes[this.offset++]!;
  }

  private varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 0x80;
      if (scale > 2 ** 63) throw new RangeError("thrift: varint too long");
    }
  }

  private zigzag(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  private value(type: number): ThriftValue {
    switch (type) {
      case T.TRUE:
        return true;
      case T.FALSE:
        return false;
      case T.BYTE:
        return this.byte();
      case T.I16:
      case T.I32:
      case T.I64:
        return this.zigzag();
      case T.DOUBLE: {
        const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 8);
        this.offset += 8;
        return view.getFloat64(0, true);
      }
      case T.BINARY: {
        const size = this.varint();
        if (this.offset + size > this.bytes.length) throw new RangeError("thrift: binary beyond the data");
        const out = this.bytes.subarray(this.offset, this.offset + size);
        this.offset += size;
        return out;
      }
      case T.LIST:
      case T.SET: {
        const head = this.byte();
        const size = head >> 4 === 15 ? this.varint() : head >> 4;
        const elementType = head & 0x0f;
        const items: ThriftValue[] = [];
        // A boolean element is one byte (1 true, 2 false in some writers, 0 false in others).
        for (let i = 0; i < size; i++) items.push(elementType === T.TRUE || elementType === T.FALSE ? this.byte() === 1 : this.value(elementType));
        return items;
      }
      case T.MAP: {
        const size = this.varint();
        if (size === 0) return [];
        const types = this.byte();
        for (let i = 0; i < size; i++) {
          this.value(types >> 4);
          this.value(types & 0x0f);
        }
        return [];
      }
      case T.STRUCT:
        return this.struct();
      default:
        throw new RangeError(`thrift: unknown type ${type}`);
    }
  }

  /** The next struct: its fields up to the stop byte. */
  struct(): ThriftStruct {
    const fields = new Map<number, ThriftValue>();
    let last = 0;
    for (;;) {
      const head = this.byte();
      if (head === 0) return fields;
      const type = head & 0x0f;
      const delta = head >> 4;
      const id = delta === 0 ? this.zigzag() : last + delta;
      fields.set(id, this.value(type));
      last = id;
    }
  }
}
