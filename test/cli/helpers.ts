// Runs the built CLI (dist/cli.js; `npm test` builds it first) as a child process.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CLI = join(ROOT, "dist/cli.js");
export const DEFAULT_SCENARIO = join(ROOT, "scenarios/default.yaml");
export const FIXTURES = join(ROOT, "test/cli/fixtures");

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function checkBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
}

/** Environment without a shard engine's variables (they would turn --shard auto on). */
function cleanEnv(): NodeJS.ProcessEnv {
  const { JOB_COMPLETION_INDEX: _k, SLURM_ARRAY_TASK_ID: _s, ...env } = process.env;
  return env;
}

/** `timeout` (ms, default none) kills a run that hangs, so a hang fails its test rather than the suite. */
export function drsim(args: readonly string[], cwd = ROOT, timeout?: number): CliResult {
  checkBuilt();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(), encoding: "utf8", maxBuffer: 256 << 20, timeout, killSignal: "SIGKILL" });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function drsimAsync(args: readonly string[], cwd = ROOT): ChildProcess {
  checkBuilt();
  return spawn(process.execPath, [CLI, ...args], { cwd, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `drsim-cli-${prefix}-`));
}

/** Every file under a directory (recursively), relative path → bytes, in sorted order. */
export function readDir(dir: string): Map<string, Buffer> {
  const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
  return new Map(files.map((name) => [name, readFileSync(join(dir, name))]));
}

/** A stack trace line ("    at foo (file.js:1:2)"): never shown without --debug. */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
