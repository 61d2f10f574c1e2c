// Parquet's RLE / bit-packing hybrid, the encoding of definition levels (which values are null)
// and of dictionary indices: runs of one repeated value (RLE) and groups of 8 values packed at a
// fixed bit width, least significant bit first.

/** Bits needed for values up to `max` (0 for a single value). */
export function bitWidth(max: number): number {
  let w = 0;
  while (max >= 2 ** w) w++;
  return w;
}

/** A growing byte buffer. */
class Bytes {
  data = new Uint8Array(1024);
  length = 0;
  ensure(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  varint(n: number): void {
    this.ensure(10);
    while (n >= 0x80) {
      this.data[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.data[this.length++] = n;
  }
}

/** Repeats of `values[at]` from `at` on, before `end`. */
function runLength(values: Uint32Array, at: number, end: number): number {
  const v = values[at]!;
  let j = at + 1;
  while (j < end && values[j] === v) j++;
  return j - at;
}

/**
 * The hybrid encoding of `values[0..count)` (each < 2^width, width ≤ 32): a run of 8 or more equal
 * values starting at a group boundary is one RLE run, anything else is bit-packed in groups of 8
 * (the last group padded with zeros, which the reader ignores: it knows the count).
 */
export function encodeHybrid(values: Uint32Array, count: number, width: number): Uint8Array {
  const out = new Bytes();
  const valueBytes = (width + 7) >> 3;
  let i = 0;
  while (i < count) {
    const run = runLength(values, i, count);
    if (run >= 8 || width === 0) {
      out.varint(run * 2);
      out.ensure(valueBytes);
      let v = values[i]!;
      for (let b = 0; b < valueBytes; b++, v = Math.floor(v / 256)) out.data[out.length++] = v & 0xff;
      i += run;
      continue;
    }
    // Groups of 8 until a group starts with a run of 8 or more (or the values end).
    let end = i + 8;
    while (end < count && runLength(values, end, Math.min(count, end + 8)) < 8) end += 8;
    const groups = Math.ceil((Math.min(end, count) - i) / 8);
    out.varint(groups * 2 + 1);
    const bytes = groups * width;
    out.ensure(bytes);
    packBits(values, i, Math.min(i + groups * 8, count), width, out.data, out.length);
    out.data.fill(0, out.length + Math.ceil(((Math.min(i + groups * 8, count) - i) * width) / 8), out.length + bytes);
    out.length += bytes;
    i = Math.min(end, count);
  }
  return out.data.slice(0, out.length);
}

/**
 * Packs values[from..to) at `width` bits each, least significant bit first, into `out` from byte
 * `at`: bits gather in an accumulator and leave it a byte at a time.
 */
function packBits(values: Uint32Array, from: number, to: number, width: number, out: Uint8Array, at: number): void {
  if (width > 24) {
    // Wider than the accumulator holds with a byte to spare: bit by bit.
    out.fill(0, at, at + Math.ceil(((to - from) * width) / 8));
    for (let k = from, bit = 0; k < to; k++) {
      const v = values[k]!;
      for (let b = 0; b < width; b++, bit++) if ((v >>> b) & 1) out[at + (bit >> 3)]! |= 1 << (bit & 7);
    }
    return;
  }
  let acc = 0;
  let bits = 0;
  let pos = at;
  for (let k = from; k < to; k++) {
    acc |= values[k]! << bits;
    bits += width;
    while (bits >= 8) {
      out[pos++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out[pos] = acc & 0xff;
}

/** A single RLE run of `count` times `value`: how a column without nulls writes its levels. */
export function encodeRun(count: number, value: number, width: number): Uint8Array {
  const out = new Bytes();
  out.varint(count * 2);
  let v = value;
  for (let b = 0; b < (width + 7) >> 3; b++, v = Math.floor(v / 256)) out.data[out.length++] = v & 0xff;
  return out.data.slice(0, out.length);
}

/**
 * Decodes `count` values of width `width` from `bytes[at..end)` into `out` (a Uint32Array); returns
 * where the data ended. Malformed data throws a RangeError.
 */
export function decodeHybrid(bytes: Uint8Array, at: number, end: number, width: number, count: number, out: Uint32Array): number {
  const valueBytes = (width + 7) >> 3;
  let n = 0;
  let pos = at;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (pos >= end) throw new RangeError("parquet: levels run past their data");
      const b = bytes[pos++]!;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 0x80;
    }
  };
  while (n < count) {
    const head = varint();
    if (head % 2 === 0) {
      const run = head / 2;
      if (pos + valueBytes > end) throw new RangeError("parquet: levels run past their data");
      let v = 0;
      for (let b = 0; b < valueBytes; b++) v += bytes[pos++]! * 2 ** (8 * b);
      const stop = Math.min(count, n + run);
      out.fill(v, n, stop);
      n = stop;
    } else {
      const values = ((head - 1) / 2) * 8;
      const size = (values * width) / 8;
      if (pos + size > end) throw new RangeError("parquet: levels run past their data");
      const stop = Math.min(count, n + values);
      if (width === 1) {
        for (let k = 0; n < stop; k++, n++) out[n] = (bytes[pos + (k >> 3)]! >> (k & 7)) & 1;
      } else {
        let bit = pos * 8;
        for (; n < stop; n++) {
          let v = 0;
          for (let b = 0; b < width; b++, bit++) v |= ((bytes[bit >> 3]! >> (bit & 7)) & 1) << b;
          out[n] = v >>> 0;
        }
      }
      pos += size;
    }
  }
  return pos;
}
