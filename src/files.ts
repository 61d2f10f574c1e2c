// Reading a file whose name came from input: a scenario, what it `extends`, the CSVs it names. A name
// can point anywhere — a FIFO that never delivers, /dev/zero or /dev/urandom that never end, a 50 MB
// file that would be parsed into gigabytes — so every such read goes through here, and only here:
//   - it opens without blocking (O_NONBLOCK: opening a FIFO with no writer would wait forever) and
//     checks the *opened* file, not the name, so a symlink swapped between check and read changes nothing;
//   - it reads regular files only, and at most `maxBytes` of them (the caller's limit, decided from
//     what it parses): a file that grows while being read is refused too;
//   - text must be UTF-8; UTF-16 and UTF-32 (what some Windows editors save) are named as such.
// Problems are reported as a phrase about the file ("is a FIFO, not a regular file"), never quoting its
// content: the caller says where the name was written. Reads made while `withReadLog` runs are
// recorded, so a caller can learn exactly which files an operation needed (what `drsim k8s` ships).
import { AsyncLocalStorage } from "node:async_hooks";
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { isUtf8 } from "node:buffer";
import { UserError } from "./errors.js";

/** A file that cannot be used; `problem` says why without quoting the file ("is a directory"). */
export class FileProblem extends UserError {
  override readonly name: string = "FileProblem";
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** A file read under `withReadLog`: its path as given and its text as the reader saw it. */
export interface LoggedRead {
  readonly path: string;
  readonly text: string;
}

const readLog = new AsyncLocalStorage<LoggedRead[]>();

/** Runs `run` and returns, with its value, every text file read through this module meanwhile. */
export async function withReadLog<T>(run: () => Promise<T>): Promise<{ value: T; reads: LoggedRead[] }> {
  const reads: LoggedRead[] = [];
  const value = await readLog.run(reads, run);
  return { value, reads };
}

/** "1 MiB", "16 MiB", "512 KiB": limits in messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1 << 10 && bytes % (1 << 10) === 0) return `${bytes / (1 << 10)} KiB`;
  return `${bytes} bytes`;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

function openProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return "not found";
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES" || code === "EPERM") return "cannot be read (permission denied)";
  return `cannot be read (${code ?? "unknown error"})`;
}

/** The bytes of `file`, a regular file of at most `maxBytes`; a FileProblem otherwise. */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; fstat below then refuses it.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new FileProblem(file, openProblem(error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      const kind = kindOf(stats);
      throw new FileProblem(file, kind === "a directory" ? "is a directory" : kind === "not a regular file" ? kind : `is ${kind}, not a regular file`);
    }
    const tooLarge = new FileProblem(file, `is larger than the ${formatBytes(maxBytes)} allowed`);
    if (stats.size > maxBytes) throw tooLarge;
    // Sized from fstat, but read until the end: /proc files say 0 bytes, and a file may grow. The
    // buffer never exceeds one byte more than allowed, which is how a file over the limit is noticed.
    let buffer = Buffer.alloc(Math.min(maxBytes, Math.max(stats.size, 64 * 1024)) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, 2 * buffer.length));
        buffer.copy(bigger);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw tooLarge;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(file, openProblem(error));
  } finally {
    closeSync(fd);
  }
}

/** Why `bytes` is not UTF-8 text, or undefined when it is. */
function encodingProblem(bytes: Buffer): string | undefined {
  const [b0, b1, b2, b3] = bytes;
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    return "is UTF-32 text; save it as UTF-8";
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return "is UTF-16 text; save it as UTF-8";
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    // ASCII saved as UTF-16 without a byte-order mark: every other byte is zero.
    const alternating = bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0);
    return alternating ? "looks like UTF-16 text (every other byte is zero); save it as UTF-8" : "is binary, not text";
  }
  if (!isUtf8(bytes)) return "is not UTF-8 text; save it as UTF-8";
  return undefined;
}

/** The text of `file`, a regular UTF-8 file of at most `maxBytes` (a leading byte-order mark is kept). */
export function readTextFile(file: string, maxBytes: number): string {
  const bytes = readRegularFile(file, maxBytes);
  const problem = encodingProblem(bytes);
  if (problem !== undefined) throw new FileProblem(file, problem);
  const text = bytes.toString("utf8");
  readLog.getStore()?.push({ path: file, text });
  return text;
}
