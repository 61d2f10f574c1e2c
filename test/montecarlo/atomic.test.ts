// Atomic output sets: all files or none, and no temporary file left behind.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { atomic, tempDir } from "./helpers.js";

describe("writeFilesAtomically", () => {
  it("writes every file, streaming chunked content", async () => {
    const dir = join(tempDir("atomic"), "nested", "run");
    function* big(): Generator<string> {
      for (let i = 0; i < 50_000; i++) yield `${i},${"x".repeat(40)}\n`;
    }
    await atomic.writeFilesAtomically(dir, [{ name: "a.txt", content: "hello\n" }, { name: "big.csv", content: big() }]);
    expect(readdirSync(dir).sort()).toEqual(["a.txt", "big.csv"]);
    expect(readFileSync(join(dir, "big.csv"), "utf8").split("\n")).toHaveLength(50_001);
  });

  it("on a failure leaves neither temporary files nor any file of the set, and keeps old files", async () => {
    const dir = tempDir("atomic-fail");
    writeFileSync(join(dir, "summary.json"), "old\n");
    function* failing(): Generator<string> {
      yield "partial row\n";
      throw new Error("disk on fire");
    }
    await expect(
      atomic.writeFilesAtomically(dir, [{ name: "summary.json", content: "new\n" }, { name: "b.csv", content: failing() }]),
    ).rejects.toThrow("disk on fire");
    expect(readdirSync(dir)).toEqual(["summary.json"]);
    expect(readFileSync(join(dir, "summary.json"), "utf8")).toBe("old\n");
    expect(existsSync(join(dir, "b.csv"))).toBe(false);
  });
});
