// An analysis directory (a sweep's, a sensitivity ranking's) holds one analysis. Its files have
// fixed names except the ones that depend on what was asked: a grid point per combination, a chart
// per metric, parameter or strategy. Written again with a smaller grid or other strategies, the
// earlier analysis' extra points and charts would sit beside the new ones and read as part of them.
// So after an analysis commits, the files of its own naming that it did not write this time are
// removed, and stderr says so; anything else in the directory (the user's) is never touched.
import { existsSync, readdirSync, rmdirSync, unlinkSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { notice } from "./notices.js";

/** The removed files as a notice names them: a folder's several files counted, a lone file by its path. */
function described(names: readonly string[]): string {
  const byFolder = new Map<string, string[]>();
  for (const name of names) {
    const folder = name.includes("/") ? name.slice(0, name.indexOf("/")) : name;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), name]);
  }
  return [...byFolder].map(([folder, files]) => (files.length === 1 ? files[0]! : `${folder}/ (${files.length} files)`)).join(", ");
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"));
}

/**
 * Removes the files below `dir` whose path relative to it (with "/") `owned` claims and that are not
 * among `written` (final paths), then the directories that leaves empty, and says so naming `what`
 * ("sweep"). Returns the relative paths removed.
 */
export function removeStaleOutputs(dir: string, written: readonly string[], owned: RegExp, what: string): string[] {
  const kept = new Set(written.map((path) => relative(dir, path).split(sep).join("/")));
  const stale = filesUnder(dir).filter((name) => owned.test(name) && !kept.has(name)).sort();
  for (const name of stale) {
    unlinkSync(join(dir, name));
    const parent = name.includes("/") ? join(dir, name.slice(0, name.lastIndexOf("/"))) : undefined;
    if (parent !== undefined && readdirSync(parent).length === 0) rmdirSync(parent);
  }
  if (stale.length > 0) notice(`${dir} held an earlier ${what}; its files this one does not write are removed: ${described(stale)}`);
  return stale;
}
