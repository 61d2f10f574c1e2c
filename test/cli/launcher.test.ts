// bin/drsim, the executable npm links: it must find dist/cli.js through any symlink, hand every
// argument to node verbatim (a scenario path or label is data, never shell words), and set glibc's
// MALLOC_MMAP_THRESHOLD_ unless the environment already has one. A stand-in `node` first in PATH
// prints what it was given.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const LAUNCHER = join(ROOT, "bin", "drsim");
const dir = mkdtempSync(join(tmpdir(), "drsim-launcher-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The stand-in node: its environment's threshold, then each argument on a line of its own.
const fakeBin = join(dir, "fakebin");
mkdirSync(fakeBin);
writeFileSync(join(fakeBin, "node"), `#!/bin/sh\nprintf 'threshold=%s\\n' "$MALLOC_MMAP_THRESHOLD_"\nfor a in "$@"; do printf '[%s]\\n' "$a"; done\n`);
chmodSync(join(fakeBin, "node"), 0o755);

function launch(command: string, args: readonly string[], env: Record<string, string | undefined> = {}): string[] {
  const base: NodeJS.ProcessEnv = { ...process.env, PATH: `${fakeBin}:${process.env.PATH ?? ""}` };
  delete base.MALLOC_MMAP_THRESHOLD_;
  const out = spawnSync(command, args, { cwd: dir, env: { ...base, ...env }, encoding: "utf8" });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout.split("\n").slice(0, -1);
}

describe("bin/drsim", () => {
  it("runs dist/cli.js with the arguments verbatim, whatever they hold", () => {
    const payloads = ["run", "a b.yaml", "$(touch pwned)", "`touch pwned`", "; touch pwned", "'\"", "*", "--label=x\ny", ""];
    const lines = launch(LAUNCHER, payloads);
    expect(lines[0]).toBe("threshold=131072");
    expect(lines.slice(1).join("\n")).toBe([join(ROOT, "dist", "cli.js"), ...payloads].map((a) => `[${a}]`).join("\n"));
    expect(existsSync(join(dir, "pwned"))).toBe(false);
  });

  it("finds dist/ through absolute and relative symlinks, as npm links it", () => {
    const absolute = join(dir, "abs-link");
    symlinkSync(LAUNCHER, absolute);
    // A relative link to a link, from another directory (node_modules/.bin/drsim → ../drsim/bin/drsim).
    const nested = join(dir, "nested");
    mkdirSync(nested);
    const relative = join(nested, "rel-link");
    symlinkSync("../abs-link", relative);
    for (const link of [absolute, relative]) expect(launch(link, ["--version"])[1]).toBe(`[${join(ROOT, "dist", "cli.js")}]`);
  });

  it("keeps a threshold the environment already sets", () => {
    expect(launch(LAUNCHER, ["--version"], { MALLOC_MMAP_THRESHOLD_: "65536" })[0]).toBe("threshold=65536");
  });

  it("starts the real CLI", () => {
    const out = spawnSync(LAUNCHER, ["--version"], { encoding: "utf8" });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
