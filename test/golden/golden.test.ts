// Every output byte of the shipped scenarios and analysis commands equals the recorded hashes
// (test/golden/hashes.json). After a deliberate output change: `GOLDEN_UPDATE=1 npm run golden`,
// and say in the commit why the bytes moved.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { HASHES_FILE, produce } from "./golden.js";

const root = mkdtempSync(join(tmpdir(), "drsim-golden-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Every shipped scenario and command, one after the other: ~2 min alone, more on a shared machine.
test("every output file is byte-identical to the recorded golden hashes", { timeout: 900_000 }, () => {
  const actual = produce(root);
  if (process.env.GOLDEN_UPDATE === "1") {
    writeFileSync(HASHES_FILE, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  const expected = JSON.parse(readFileSync(HASHES_FILE, "utf8")) as Record<string, string>;
  const changed = Object.keys({ ...expected, ...actual }).filter((k) => expected[k] !== actual[k]);
  expect(changed, "files whose bytes differ from test/golden/hashes.json (or appeared, or disappeared)").toEqual([]);
});
