// Shared by the scenario tests: fixture paths, throwaway scenario files, and catching the error.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect } from "vitest";
import { loadScenario } from "../../src/replication/scenario.js";
import { ScenarioError, type LoadOptions } from "../../src/scenario/load.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/scenarios/", import.meta.url));
export const fixture = (name: string): string => join(FIXTURES, name);
/** The complete fixture scenario that throwaway files extend. */
export const BASE = fixture("base.yaml");

export const YEAR = 365.25 * 86_400;

// Created when a test file imports this module; removed after that file's tests.
const dir = mkdtempSync(join(tmpdir(), "drsim-scenario-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

/**
 * Writes `lines` (joined with newlines, so line N of the file is lines[N - 1]) to a new file in a
 * temporary directory removed after the test file, and returns its absolute path.
 */
export function scenarioFile(...lines: string[]): string {
  const file = join(dir, `scenario-${++counter}.yaml`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/** The ScenarioError loading `file` throws (fails the test if it loads or throws something else). */
export async function loadError(file: string, options?: LoadOptions): Promise<ScenarioError> {
  try {
    await loadScenario(file, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error(`${file} loaded without an error`);
}
