// Atomic output files: each file is written under a hidden temporary name in its final directory,
// and only when every file of the set is complete are they renamed into place (rename is atomic
// within a directory). Temporary files still pending when the process is interrupted or crashes are
// removed by `removePendingTempFiles`, which the CLI calls from its signal and exit handlers — so no
// half-written file is ever left behind.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, unlinkSync } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/**
 * One output file: its name and its content — bytes (PNG), a string, or string chunks (a generator,
 * possibly async, streams large files; it runs only when its file's turn to be written comes).
 */
export interface OutputFile {
  readonly name: string;
  readonly content: Uint8Array | string | Iterable<string> | AsyncIterable<string>;
}

const pending = new Set<string>();

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
 * under an existing parent (e.g. in /proc); this fails with that error instead.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) missing.push(at);
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (error) {
      // Another process (a parallel shard) created it first.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
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

async function writeTemp(path: string, content: OutputFile["content"]): Promise<void> {
  const handle = await open(path, "w");
  try {
    if (content instanceof Uint8Array) await handle.writeFile(content);
    else if (typeof content === "string") await handle.writeFile(content, "utf8");
    else {
      // Chunks are gathered to ~1 MB per write: few syscalls, bounded memory for any file size.
      let buffer: string[] = [];
      let size = 0;
      for await (const chunk of content) {
        buffer.push(chunk);
        size += chunk.length;
        if (size >= FLUSH_BYTES) {
          await handle.writeFile(buffer.join(""), "utf8");
          buffer = [];
          size = 0;
        }
      }
      if (size > 0) await handle.writeFile(buffer.join(""), "utf8");
    }
  } finally {
    await handle.close();
  }
}

/**
 * Writes `files` into `dir` (created if needed) all-or-nothing: every file goes to a temporary name
 * first; only when all are written are they renamed to their final names. On failure the temporary
 * files are removed and no final file of the set is created or replaced. Returns the final paths.
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  ensureDir(dir);
  const staged: { temp: string; final: string }[] = [];
  try {
    for (const file of files) {
      const final = join(dir, file.name);
      const temp = tempPathFor(final);
      pending.add(temp);
      staged.push({ temp, final });
      await writeTemp(temp, file.content);
    }
    for (const { temp, final } of staged) {
      await rename(temp, final);
      pending.delete(temp);
    }
  } catch (error) {
    await Promise.all(
      staged.map(async ({ temp }) => {
        if (!pending.delete(temp)) return;
        await unlink(temp).catch(() => undefined);
      }),
    );
    throw error;
  }
  return staged.map((s) => s.final);
}

/** One file, atomically (a set of one): `path` is its final path. */
export async function writeFileAtomic(path: string, content: OutputFile["content"]): Promise<void> {
  await writeFilesAtomically(dirname(path), [{ name: basename(path), content }]);
}
