// Atomic output files: each file is written under a hidden temporary name in its final directory,
// and only when every file of the set is complete are they renamed into place (rename is atomic
// within a directory), all in one synchronous step — a signal handler cannot run between two
// renames, so an interrupt never leaves half a set. Temporary files still pending when the process
// is interrupted or crashes are removed by `removePendingTempFiles`, which the CLI calls from its
// signal and exit handlers — so no half-written file is ever left behind; those a killed process
// (SIGKILL) could not remove are removed by the next writer into the directory (abandonedTemp.ts).
// Every file committed is recorded, so an interrupted command can say exactly what it kept.
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmdirSync, unlinkSync } from "node:fs";
import { open, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { removeAbandonedTempFiles } from "./abandonedTemp.js";

/**
 * One output file: its name and its content — bytes (PNG), a string, or string chunks (a generator,
 * possibly async, streams large files; it runs only when its file's turn to be written comes).
 */
export interface OutputFile {
  readonly name: string;
  readonly content: Uint8Array | string | Iterable<string> | AsyncIterable<string>;
}

const pending = new Set<string>();
const committed: string[] = [];

/** Every file this process has committed (renamed into place), in order. */
export function committedFiles(): readonly string[] {
  return committed;
}

/** Synchronously removes every temporary file not yet renamed. Safe to call from 'exit' handlers. */
export function removePendingTempFiles(): void {
  for (const file of pending) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing to clean.
    }
  }
  pending.clear();
}

/** Whether a name is one of our temporary files (tests look for leftovers with it). */
export function isTempFileName(name: string): boolean {
  return /^\..+\.tmp-\d+-[0-9a-f]+$/.test(name);
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdirSync spins forever where mkdir answers ENOENT
 * under an existing parent (e.g. in /proc); this fails with that error instead. Returns the
 * directories it created, outermost first.
 */
export function ensureDir(dir: string): string[] {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) missing.push(at);
  const created: string[] = [];
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
      created.push(path);
    } catch (error) {
      // Another process (a parallel shard) created it first.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return created;
}

function tempPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/**
 * A scratch file in `dir` (created if needed) that is never an output: it has a temporary name, and
 * is removed by discardTempFile, or on interrupt or exit like every pending temporary file.
 */
export function scratchFile(dir: string, name: string): string {
  ensureDir(dir);
  removeAbandonedTempFiles(dir, pending);
  const path = tempPathFor(join(dir, name));
  pending.add(path);
  return path;
}

export function discardTempFile(path: string): void {
  pending.delete(path);
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to clean.
  }
}

const FLUSH_BYTES = 1 << 20;
/** Pieces per writev call (Linux's IOV_MAX). */
const IOV_MAX = 1024;

/** A staged file open for appending; chunks are gathered to ~1 MiB per write (few syscalls, bounded memory). */
export class StagedFile {
  private buffer: string[] = [];
  private size = 0;
  private closed = false;

  constructor(private readonly handle: FileHandle) {}

  async write(chunk: string): Promise<void> {
    this.buffer.push(chunk);
    this.size += chunk.length;
    if (this.size >= FLUSH_BYTES) await this.flush();
  }

  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    await this.handle.writeFile(bytes);
  }

  /** Byte pieces written in order with one system call per ~1,000 of them (no joining copy). */
  async writeParts(parts: readonly Uint8Array[]): Promise<void> {
    await this.flush();
    for (let at = 0; at < parts.length; at += IOV_MAX) {
      let rest = parts.slice(at, at + IOV_MAX);
      // writev may write less than asked (a signal, a full disk): the rest follows.
      while (rest.length > 0) {
        const { bytesWritten } = await this.handle.writev(rest);
        let skip = bytesWritten;
        while (rest.length > 0 && skip >= rest[0]!.length) skip -= rest.shift()!.length;
        if (skip > 0) rest = [rest[0]!.subarray(skip), ...rest.slice(1)];
      }
    }
  }

  private async flush(): Promise<void> {
    if (this.size === 0) return;
    const text = this.buffer.join("");
    this.buffer = [];
    this.size = 0;
    await this.handle.writeFile(text, "utf8");
  }

  /** Writes what is buffered and closes the file (idempotent). */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      await this.abandon();
    }
  }

  /** Closes the file without writing what is buffered (it is being discarded). */
  async abandon(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.buffer = [];
    await this.handle.close();
  }
}

/**
 * A set of output files written all-or-nothing into `dir` (created if needed): each is written
 * under a temporary name; `commit()` renames them all into place, in the order they were staged
 * (so the last one — a shard's shard.json — appears last); `discard()` removes them, and no final
 * file of the set is created or replaced.
 */
export class StagedFiles {
  private readonly staged: { readonly name: string; readonly temp: string; readonly final: string; readonly file: StagedFile }[] = [];
  /** Directories created for the set: a discarded set removes them again if they stayed empty. */
  private readonly created: string[];

  /**
   * `beforeRename`, if given, runs in the synchronous commit step just before the renames, with the
   * names committed and the path each is staged at (a run directory replaces an earlier run there).
   */
  constructor(
    readonly dir: string,
    private readonly beforeRename?: (names: readonly string[], staged: (name: string) => string) => void,
  ) {
    this.created = ensureDir(dir);
    removeAbandonedTempFiles(dir, pending);
  }

  /** Stages `name` and opens it for appending. */
  async open(name: string): Promise<StagedFile> {
    const final = join(this.dir, name);
    const temp = tempPathFor(final);
    // Created synchronously, then opened without O_CREAT: a signal handler that runs while the open
    // is in flight removes a file that exists, and the open cannot recreate it behind the handler.
    pending.add(temp);
    closeSync(openSync(temp, "wx"));
    const file = new StagedFile(await open(temp, "r+"));
    this.staged.push({ name, temp, final, file });
    return file;
  }

  /** Stages a whole file: bytes, a string, or string chunks (an iterable, possibly async: streamed). */
  async add(file: OutputFile): Promise<void> {
    const out = await this.open(file.name);
    const { content } = file;
    if (content instanceof Uint8Array) await out.writeBytes(content);
    else if (typeof content === "string") await out.write(content);
    else for await (const chunk of content) await out.write(chunk);
    await out.close();
  }

  /** Closes every file and renames them into place, in one synchronous step; returns their final paths. */
  async commit(): Promise<string[]> {
    for (const { file } of this.staged) await file.close();
    const temps = new Map(this.staged.map((s) => [s.name, s.temp]));
    this.beforeRename?.(
      this.staged.map((s) => s.name),
      (name) => temps.get(name) ?? join(this.dir, name),
    );
    for (const { temp, final } of this.staged) {
      renameSync(temp, final);
      pending.delete(temp);
      committed.push(final);
    }
    return this.staged.map((s) => s.final);
  }

  /**
   * Removes every staged file not yet renamed, and the directories the set created if nothing else
   * was put in them: a command that fails leaves no trace, not even an empty `--out`.
   */
  async discard(): Promise<void> {
    await Promise.all(
      this.staged.map(async ({ temp, file }) => {
        await file.abandon().catch(() => undefined);
        if (!pending.delete(temp)) return;
        await unlink(temp).catch(() => undefined);
      }),
    );
    for (const dir of [...this.created].reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        break; // Not empty (something else was written there), or gone: leave it and its parents.
      }
    }
  }
}

/**
 * Writes `files` into `dir` (created if needed) all-or-nothing (see StagedFiles). Returns the final paths.
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const staged = new StagedFiles(dir);
  try {
    for (const file of files) await staged.add(file);
    return await staged.commit();
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

/** One file, atomically (a set of one): `path` is its final path. */
export async function writeFileAtomic(path: string, content: OutputFile["content"]): Promise<void> {
  await writeFilesAtomically(dirname(path), [{ name: basename(path), content }]);
}
