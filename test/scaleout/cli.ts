// Runs the built CLI (dist/cli.js; `npm test` builds it first).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export const CLI = "dist/cli.js";

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function drsim(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd?: string): CliResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const { JOB_COMPLETION_INDEX: _k, SLURM_ARRAY_TASK_ID: _s, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [resolve(CLI), ...args], {
    cwd,
    env: { ...inherited, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
