// `npx drsim …` right after `npm ci`: npm ci runs the package's `prepare` script, which builds dist/
// when the sources and the compiler are there (a checkout) and does nothing where they are not (the
// image's runtime stage, `npm ci --omit=dev`: test/scaleout/dockerfile.test.ts replays it). Here a
// fresh copy of the checkout without dist/, with this checkout's node_modules, runs what npm ci runs
// after installing, then `npx drsim`.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

test("a fresh checkout builds on install, and npx drsim runs", { timeout: 240_000 }, () => {
  const app = mkdtempSync(join(tmpdir(), "drsim-npx-"));
  try {
    for (const entry of ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "bin", "src", "models", "scenarios", "assets"]) {
      cpSync(join(ROOT, entry), join(app, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, "node_modules"), join(app, "node_modules"), "dir");
    expect(existsSync(join(app, "dist"))).toBe(false);
    const prepare = spawnSync("npm", ["run", "prepare", "--silent"], { cwd: app, encoding: "utf8" });
    expect(prepare.status, prepare.stderr).toBe(0);
    const npx = spawnSync("npx", ["--no-install", "drsim", "validate", "scenarios/default.yaml"], { cwd: app, encoding: "utf8" });
    expect(npx.status, npx.stderr).toBe(0);
    expect(npx.stdout).toMatch(/^ok default \(4 strategies\)/);
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});
