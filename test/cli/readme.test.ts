// The README's worked example ("From a scenario to a decision") is a decision a reader can repeat:
// each `$ npx drsim …` command shown there is run as written (its files go to a temporary
// directory), and every output line the README shows — "…" stands for lines left out — must be
// printed, in that order. A README that no longer matches what drsim prints fails here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { drsim, ROOT, tempDir } from "./helpers.js";

interface Example {
  readonly args: string[];
  readonly shown: string[];
}

function examples(): Example[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("## From a scenario to a decision");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  const blocks = [...section.matchAll(/```\n(\$ npx drsim [^\n]*)\n([\s\S]*?)```/g)];
  return blocks.map(([, command, output]) => ({
    args: command!.replace(/^\$ npx drsim /, "").split(" "),
    shown: output!.split("\n").filter((line) => line !== "" && line !== "…"),
  }));
}

describe("the README's worked example", () => {
  const cases = examples();

  test("shows the decision: a run with targets, a harder question and what drives the miss", () => {
    expect(cases.map((c) => c.args[0])).toEqual(["run", "recommend", "sensitivity"]);
    expect(cases[0]!.shown).toContain("Recommendation: Active–active, the only strategy that keeps every promise.");
  });

  test.each(cases.map((c) => [c.args.join(" "), c] as const))("drsim %s prints what the README shows", (_name, { args, shown }) => {
    const out = args[0] === "recommend" ? [] : ["--out", tempDir("readme")];
    const r = drsim([...args, ...out, "--no-progress"], ROOT, 600_000);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const printed = r.stdout.split("\n");
    let at = 0;
    for (const line of shown) {
      const found = printed.indexOf(line, at);
      expect(found, `not printed (in this order): ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  }, 600_000);
});
