// Where a use case writes: a directory named by the user (--out), or one derived from the scenario's
// name (results/<name>). A scenario may come from someone else, and its name is a label — "EU / US",
// "../../etc", "" — so a directory name is *derived* from it, one plain path segment under results/,
// never a path. And an output directory is checked before any work starts: an empty --out (which
// would write into the working directory), a file, a kernel pseudo file system (/proc, /sys) or a
// read-only place is refused, naming the option, instead of failing after a long simulation — or
// writing somewhere else.
import { accessSync, constants, existsSync, realpathSync, statfsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UserError } from "../errors.js";

/** Where results go by default, relative to the working directory. */
export const RESULTS_DIR = "results";

/** Longest directory name derived from a label (well under every file system's 255 bytes). */
const MAX_NAME = 100;

/**
 * One path segment for a label: letters, digits, ".", "_" and "-" kept, every other run of
 * characters (a "/", "..", spaces, control characters) one "-", no leading "." or "-" (no hidden
 * directory, nothing read as an option), at most 100 characters; "scenario" when nothing is left.
 * A plain name ("default", "us-east-1-2021") is its own directory name.
 */
export function dirNameFor(label: string): string {
  const name = [...label.normalize("NFC").replace(/[^\p{L}\p{N}._-]+/gu, "-")]
    .slice(0, MAX_NAME)
    .join("")
    .replace(/^[.-]+|-+$/g, "");
  return name === "" ? "scenario" : name;
}

/** results/<name><suffix>: the default directory of a study of the scenario called `name`. */
export function defaultOutDir(name: string, suffix = ""): string {
  return join(RESULTS_DIR, dirNameFor(`${name}${suffix}`));
}

// Kernel pseudo file systems (statfs f_type, linux/magic.h): writing there is never storing results.
const PSEUDO_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, "proc"],
  [0x62656572, "sysfs"],
  [0x64626720, "debugfs"],
  [0x74726163, "tracefs"],
  [0x27e0eb, "cgroup"],
  [0x63677270, "cgroup2"],
  [0x73636673, "securityfs"],
  [0x1cd1, "devpts"],
  [0xcafe4a11, "bpf"],
  [0x6165676c, "pstore"],
  [0xde5e81e4, "efivarfs"],
  [0x62656570, "configfs"],
]);

/**
 * Refuses an output directory that cannot hold results, before any work: `option` names what set it
 * ("--out"). The directory may not exist yet; its nearest existing ancestor must be a writable
 * directory on real storage.
 */
export function checkOutDir(dir: string, option = "--out"): void {
  if (dir.trim() === "") throw new UserError(`${option}: expected a directory, got an empty path`);
  let at = resolve(dir);
  while (!existsSync(at)) at = dirname(at);
  const stats = statSync(at);
  if (!stats.isDirectory()) {
    const what = at === resolve(dir) ? dir : at;
    throw new UserError(`${option}: ${what} is ${stats.isFile() ? "a file, not a directory" : "not a directory"}`);
  }
  const fs = PSEUDO_FILE_SYSTEMS.get(statfsSync(at).type);
  if (fs !== undefined) throw new UserError(`${option}: ${realpathSync(at)} is on a kernel pseudo file system (${fs}), not storage`);
  try {
    accessSync(at, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${option}: ${at} is not writable${code === "EROFS" ? " (a read-only file system)" : ""}`);
  }
}

/** Refuses an output directory that is one of the inputs (`merge --out` one of its shards would replace it). */
export function checkNotAnInput(out: string, inputs: readonly string[], option = "--out"): void {
  if (!existsSync(out)) return;
  const { dev, ino } = statSync(out);
  const same = inputs.find((input) => {
    if (!existsSync(input)) return false;
    const s = statSync(input);
    return s.dev === dev && s.ino === ino;
  });
  if (same !== undefined) {
    throw new UserError(`${option}: ${out} is ${same === out ? "" : `${same}, `}one of the directories being read; write into another directory`);
  }
}
