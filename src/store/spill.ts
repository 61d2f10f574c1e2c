// The numbers of a summary's first pass, kept for the passes that refine exact quantiles: a stream
// of doubles, in memory up to a budget and past it on disk, which the further passes replay instead
// of reading (or simulating) the rows again — a replay of 10⁶ replications takes about a second. A
// run small enough to stay within the budget never touches the disk. Scratch only: the file has a
// temporary name and is removed when the summary ends or the process is interrupted.
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { discardTempFile, scratchFile } from "./atomicWrite.js";

/** Doubles per chunk: what is written, read and held at a time (512 KiB). */
const CHUNK = 1 << 16;

export class Spill {
  private path: string | undefined;
  private fd = -1;
  private buffer = new Float64Array(CHUNK);
  private used = 0;
  private bytes = 0;
  /** Full chunks held in memory while within the budget. */
  private held: Float64Array[] = [];
  private closed = false;

  /** `memoryBytes`: what may be held before the numbers go to a scratch file named after `name` in `dir`. */
  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly memoryBytes = 0,
  ) {}

  /** Appends values[from..to). */
  append(values: ArrayLike<number>, from = 0, to = values.length): void {
    if (this.closed) throw new Error("Spill: append() after read()");
    for (let i = from; i < to; ) {
      if (this.used === CHUNK) this.flush();
      const k = Math.min(CHUNK - this.used, to - i);
      if (values instanceof Float64Array) this.buffer.set(values.subarray(i, i + k), this.used);
      else for (let j = 0; j < k; j++) this.buffer[this.used + j] = values[i + j]!;
      this.used += k;
      i += k;
    }
  }

  private flush(): void {
    if (this.fd < 0 && (this.held.length + 1) * CHUNK * 8 <= this.memoryBytes) {
      this.held.push(this.buffer.subarray(0, this.used));
      this.buffer = new Float64Array(CHUNK);
      this.used = 0;
      return;
    }
    if (this.fd < 0) {
      this.path = scratchFile(this.dir, this.name);
      this.fd = openSync(this.path, "w+");
      for (const chunk of this.held) this.write(chunk);
      this.held = [];
    }
    this.write(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private write(chunk: Float64Array): void {
    const view = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    writeSync(this.fd, view, 0, view.length, this.bytes);
    this.bytes += view.length;
  }

  /** Every chunk appended, in order (a chunk read from disk is reused: use it before the next). */
  private *chunks(): Generator<Float64Array> {
    if (this.fd < 0) {
      yield* this.held;
      if (this.used > 0) yield this.buffer.subarray(0, this.used);
      return;
    }
    if (this.used > 0) this.flush();
    const chunk = new Float64Array(CHUNK);
    const view = new Uint8Array(chunk.buffer);
    for (let at = 0; at < this.bytes; ) {
      const read = readSync(this.fd, view, 0, Math.min(view.length, this.bytes - at), at);
      if (read <= 0 || read % 8 !== 0) throw new Error(`${this.path!}: short read at byte ${at}`);
      at += read;
      yield chunk.subarray(0, read / 8);
    }
  }

  /** Reads everything appended, from the start, `take(k)` doubles at a time (a view: use it before the next take). */
  read(): SpillReader {
    this.closed = true;
    return new SpillReader(this.chunks());
  }

  /** Frees the numbers: closes and deletes the file, if there is one. */
  discard(): void {
    this.held = [];
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    if (this.path !== undefined) discardTempFile(this.path);
  }
}

export class SpillReader {
  private chunk: Float64Array = new Float64Array(0);
  private at = 0;
  private joined: Float64Array = new Float64Array(0);

  constructor(private readonly chunks: Iterator<Float64Array>) {}

  /** The next `k` doubles, or undefined at the end (a partial read is an error). */
  take(k: number): Float64Array | undefined {
    if (this.at + k <= this.chunk.length) return this.chunk.subarray(this.at, (this.at += k));
    if (this.joined.length < k) this.joined = new Float64Array(Math.max(k, 2 * this.joined.length));
    let got = 0;
    for (;;) {
      const n = Math.min(k - got, this.chunk.length - this.at);
      this.joined.set(this.chunk.subarray(this.at, this.at + n), got);
      got += n;
      this.at += n;
      if (got === k) return this.joined.subarray(0, k);
      const next = this.chunks.next();
      if (next.done === true) {
        if (got === 0) return undefined;
        throw new Error(`spill: ${got} of ${k} doubles at its end`);
      }
      this.chunk = next.value;
      this.at = 0;
    }
  }
}
