// The numbers of a merge's first pass, kept on disk as raw doubles, so the passes that refine exact
// quantiles replay them instead of parsing the shards' CSVs again (parsing is most of a pass: a
// replay of 10⁶ replications takes about a second, a CSV pass about ten). Scratch only: the file has
// a temporary name and is removed when the merge ends or is interrupted.
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { discardTempFile, scratchFile } from "./atomicWrite.js";

const ROWS_PER_CHUNK = 8192;

export class RowSpill {
  private readonly path: string;
  private fd: number;
  private readonly buffer: Float64Array;
  private used = 0;
  private bytes = 0;

  /** `width`: numbers per row. */
  constructor(
    dir: string,
    name: string,
    readonly width: number,
  ) {
    this.path = scratchFile(dir, name);
    this.fd = openSync(this.path, "w+");
    this.buffer = new Float64Array(width * ROWS_PER_CHUNK);
  }

  /** Appends one row (its first `width` numbers). */
  append(row: ArrayLike<number>): void {
    if (this.used === this.buffer.length) this.flush();
    for (let k = 0; k < this.width; k++) this.buffer[this.used + k] = row[k]!;
    this.used += this.width;
  }

  private flush(): void {
    const view = new Uint8Array(this.buffer.buffer, 0, this.used * 8);
    writeSync(this.fd, view, 0, view.length, this.bytes);
    this.bytes += view.length;
    this.used = 0;
  }

  /** Every row appended, in order, as chunks of whole rows (each chunk is reused: read it before the next). */
  *chunks(): Generator<Float64Array> {
    if (this.used > 0) this.flush();
    const chunk = new Float64Array(this.width * ROWS_PER_CHUNK);
    const view = new Uint8Array(chunk.buffer);
    for (let at = 0; at < this.bytes; ) {
      const read = readSync(this.fd, view, 0, Math.min(view.length, this.bytes - at), at);
      if (read <= 0 || read % (this.width * 8) !== 0) throw new Error(`${this.path}: short read at byte ${at}`);
      at += read;
      yield chunk.subarray(0, read / 8);
    }
  }

  /** Closes and deletes the file. */
  discard(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    discardTempFile(this.path);
  }
}
