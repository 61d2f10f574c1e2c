// An 80-column terminal, checked under a real pseudo-terminal (util-linux `script`): `stty cols 80`
// sets the width the CLI reads from its tty, as a user's terminal would. Every printed line fits
// (a line of exactly 80 columns ends at the margin without wrapping), every progress frame stays
// on its one line — narrower than the width, so the terminal never wraps it into a staircase — and
// the frames are redrawn in place (carriage return + erase), never stacked on new lines.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { CLI, DEFAULT_SCENARIO } from "./helpers.js";

const COLUMNS = 80;
const out = mkdtempSync(join(tmpdir(), "drsim-pty-"));
const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

/** What the terminal shows for a run under a pty `columns` wide: the raw bytes, ANSI sequences kept. */
function underPty(args: readonly string[]): string {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const r = spawnSync("script", ["-qfec", `stty cols ${COLUMNS} rows 40; ${quoted}`, "/dev/null"], { encoding: "utf8", timeout: 180_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Terminal control sequences (ESC [ … letter) take no column. */
const CONTROL = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, "g");
const visible = (s: string): number => [...s.replace(CONTROL, "")].length;

describe.skipIf(!hasScript || !existsSync(CLI))(`a ${COLUMNS}-column terminal`, () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test("drsim run: no line wider than the terminal, progress redrawn in place on one line", () => {
    const shown = underPty(["run", DEFAULT_SCENARIO, "-n", "3000", "--seed", "7", "--workers", "1", "--out", join(out, "run")]);
    const lines = shown.split(/\r?\n/);
    // Progress frames: "\r\u001b[K" then the frame; what a line finally shows is its last frame.
    const frames = lines.flatMap((l) => l.split("\r\u001b[K"));
    const progress = frames.filter((f) => /\d+% [\d,]+\/[\d,]+ replications/.test(f));
    expect(progress.length).toBeGreaterThan(1);
    for (const f of progress) expect(visible(f), f).toBeLessThan(COLUMNS);
    // Never stacked: every frame sits on the first line of the output, redrawn there.
    expect(lines.findIndex((l) => /replications,/.test(l))).toBe(0);
    expect(lines.filter((l) => /\d+% [\d,]+\/[\d,]+ replications/.test(l))).toHaveLength(1);
    for (const line of lines) {
      const last = line.split("\r").at(-1)!;
      expect(visible(last), last).toBeLessThanOrEqual(COLUMNS);
    }
    // The decision is printed, fitted, not left out.
    expect(shown).toMatch(/Recommendation: /);
  });
});
