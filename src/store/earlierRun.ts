// A run directory knows what run it holds: its scenario.json (every setting of the run — scenario,
// seed, replications, horizon, strategies — whose sha256 is the run's identity, as in shard.json)
// and whether it holds a whole run (summary.json), a shard (shard.json) or a summary only. When a
// run is committed into a directory that holds a *different* run, that run is replaced as a whole:
// its files that the new run does not write — charts and report.html drawn from the old data, a
// shard's manifest under a whole run, rows of another format — are removed in the same synchronous
// step that renames the new files into place, and the replacement is said on stderr. Nothing stale
// is left to be mistaken for part of the new run, and no run is replaced silently. A directory
// that holds no run (no scenario.json) is a user's directory: nothing in it is touched but the
// files written.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { notice } from "./notices.js";

/** Where the charts drawn from a run's data go, and the files drawn beside them. */
export const CHARTS_DIR = "charts";
export const DRAWN_FILES = ["report.html", "lossExceedance.csv"] as const;
const CHART_FILE = /\.(vl\.json|svg|png)$/;

/** A run directory's layout, as the run store defines it (runDir.ts). */
export interface RunDirLayout {
  /** Every top-level file a run directory may hold, of any kind, besides charts/. */
  readonly names: readonly string[];
  readonly scenario: string;
  readonly summary: string;
  readonly manifest: string;
}

type Kind = "run" | "shard" | "summary";

/** What a directory holds: kind and identity, from the files `exists` says are there and `read` reads. */
function identify(exists: (name: string) => boolean, read: (name: string) => Buffer, layout: RunDirLayout, rows: boolean): { kind: Kind; id: string } {
  const kind: Kind = exists(layout.manifest) ? "shard" : rows ? "run" : "summary";
  const hash = createHash("sha256").update(read(layout.scenario));
  // A shard's identity includes which shard it is (its manifest holds the range).
  if (kind === "shard") hash.update(read(layout.manifest));
  return { kind, id: `${kind}:${hash.digest("hex")}` };
}

const KIND_NAMES: Readonly<Record<Kind, string>> = { run: "a whole run", shard: "a shard", summary: "a merged summary" };

/**
 * Called with the directory about to receive `names` (staged: `staged(name)` is a staged file's
 * path) just before they are renamed into place: if it holds a different run, removes that run's
 * files the new one does not write, and says so. `rowFiles` are the names of rows (any format).
 */
export function replaceEarlierRun(dir: string, names: readonly string[], staged: (name: string) => string, layout: RunDirLayout, rowFiles: readonly string[]): void {
  if (!existsSync(join(dir, layout.scenario)) || !names.includes(layout.scenario)) return;
  const here = (name: string): string => join(dir, name);
  const earlier = identify((n) => existsSync(here(n)), (n) => readFileSync(here(n)), layout, existsSync(here(layout.summary)) && rowFiles.some((n) => existsSync(here(n))));
  const next = identify((n) => names.includes(n), (n) => readFileSync(staged(n)), layout, names.some((n) => rowFiles.includes(n)));
  if (earlier.id === next.id) return;

  const gone = (path: string): boolean => {
    try {
      unlinkSync(path);
      return true;
    } catch {
      return false; // already gone
    }
  };
  const removed = layout.names.filter((name) => !names.includes(name) && existsSync(here(name)) && gone(here(name)));
  const charts = here(CHARTS_DIR);
  if (existsSync(charts)) {
    const drawn = readdirSync(charts).filter((name) => CHART_FILE.test(name) && gone(join(charts, name))).length;
    if (drawn > 0) removed.push(`${CHARTS_DIR}/ (${drawn} chart file${drawn === 1 ? "" : "s"})`);
    try {
      rmdirSync(charts); // only if nothing else is in it
    } catch {
      // Not empty: the user's files stay.
    }
  }
  const what =
    earlier.kind === next.kind
      ? `a different ${earlier.kind === "summary" ? "merged summary" : earlier.kind} (another scenario, seed, size or horizon${earlier.kind === "shard" ? ", or another shard" : ""})`
      : KIND_NAMES[earlier.kind];
  notice(
    `${dir} held ${what}; it is replaced by ${KIND_NAMES[next.kind]}` +
      (removed.length > 0 ? `, and the earlier files the new one does not write are removed: ${removed.join(", ")}` : ""),
  );
}
