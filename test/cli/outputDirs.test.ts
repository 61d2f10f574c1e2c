// Where drsim writes: a scenario's name is a label, never a path — every command that derives a
// directory from it writes under results/ and nowhere else — and an output directory that cannot
// hold results (--out '', a file, /proc, /sys) is refused before any work, naming the option, with
// nothing written anywhere.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dirNameFor } from "../../src/app/outputDir.js";
import { DEFAULT_SCENARIO, STACK_LINE, drsim, tempDir } from "./helpers.js";

/** Every path under `dir`, relative, sorted (directories end in "/"). */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .map((e) => `${join(e.parentPath, e.name).slice(dir.length + 1)}${e.isDirectory() ? "/" : ""}`)
    .sort();
}

function refused(args: readonly string[], cwd: string, pattern: RegExp): void {
  const r = drsim(args, cwd, 60_000);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

describe("a directory name derived from a scenario name", () => {
  it("is one plain path segment, whatever the name", () => {
    expect(dirNameFor("default")).toBe("default");
    expect(dirNameFor("us-east-1-2021")).toBe("us-east-1-2021");
    expect(dirNameFor("../x")).toBe("x");
    expect(dirNameFor("../../../../tmp/evil")).toBe("tmp-evil");
    expect(dirNameFor("/etc/cron.d/job")).toBe("etc-cron.d-job");
    expect(dirNameFor("..")).toBe("scenario");
    expect(dirNameFor(".")).toBe("scenario");
    expect(dirNameFor("")).toBe("scenario");
    expect(dirNameFor(".hidden")).toBe("hidden");
    expect(dirNameFor("-rf")).toBe("rf");
    expect(dirNameFor("EU / US split")).toBe("EU-US-split");
    expect(dirNameFor("Zürich")).toBe("Zürich");
    expect(dirNameFor("C:\\Windows\\x")).toBe("C-Windows-x");
    expect(dirNameFor("x".repeat(1000))).toHaveLength(100);
  });
});

describe("commands that derive a directory from the scenario's name write under results/ only", () => {
  const cwd = tempDir("names");
  // The working directory holds the scenario and results/; anything else appearing is an escape.
  const NAMES: [label: string, yaml: string][] = [
    ["a parent path", '"../../escaped"'],
    ["an absolute path", `"${join(cwd, "absolute")}"`],
    ["a dot-dot", '".."'],
    ["a name with slashes", '"a/b/c"'],
  ];
  for (const [what, yaml] of NAMES) {
    it(`${what}: run, --shard, sweep and sensitivity`, { timeout: 240_000 }, () => {
      const dir = join(cwd, what.replaceAll(" ", "-"));
      mkdirSync(dir);
      writeFileSync(join(dir, "s.yaml"), `extends: ${DEFAULT_SCENARIO}\nname: ${yaml}\n`);
      const common = ["-n", "20", "--strategies", "warm-standby", "--workers", "1", "--no-progress"];
      for (const args of [
        ["run", "s.yaml", ...common, "--no-charts", "--quiet"],
        ["run", "s.yaml", ...common, "--shard", "1/2", "--quiet"],
        ["sweep", "s.yaml", ...common, "--set", "costs.downtimeUSDPerMinute=1,2", "--no-charts", "--quiet"],
        ["sensitivity", "s.yaml", ...common, "--inputs", "outage.rate", "--no-charts", "--quiet"],
      ]) {
        const r = drsim(args, dir, 120_000);
        expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      }
      const name = JSON.parse(yaml) as string;
      const expected = ["", "-sweep", "-sensitivity"].map((suffix) => `results/${dirNameFor(`${name}${suffix}`)}/`);
      const written = tree(dir).filter((p) => p !== "s.yaml" && p !== "results/");
      expect(written.length).toBeGreaterThan(0);
      // Each file in one of the three directories the name gives, each a single segment under results/.
      for (const p of written) expect(expected.some((e) => p.startsWith(e)), `${p} (expected under ${expected.join(", ")})`).toBe(true);
      expect(tree(cwd).filter((p) => !p.includes("/") && p.endsWith("escaped"))).toEqual([]);
    });
  }

  it("an empty name is refused at the field (it is a label of nothing)", () => {
    writeFileSync(join(cwd, "empty.yaml"), `extends: ${DEFAULT_SCENARIO}\nname: ""\n`);
    refused(["validate", "empty.yaml"], cwd, /^drsim: empty\.yaml:2:7: name: expected a label: one line of text, without control characters, not an empty one/);
  });

  it("a name or label holding a control character (a terminal escape, a newline) is refused at the field", () => {
    writeFileSync(join(cwd, "esc.yaml"), `extends: ${DEFAULT_SCENARIO}\nname: "x\\e[2Jy"\n`);
    refused(["validate", "esc.yaml"], cwd, /^drsim: esc\.yaml:2:7: name: expected a label: one line of text, without control characters/);
    writeFileSync(join(cwd, "nl.yaml"), `extends: ${DEFAULT_SCENARIO}\nstrategies: { warm-standby: { label: "a\\nb" } }\n`);
    refused(["validate", "nl.yaml"], cwd, /^drsim: nl\.yaml:2:38: strategies\.warm-standby\.label: expected a label/);
  });
});

describe("an output directory that cannot hold results", () => {
  const cwd = tempDir("out");
  const run = (out: string): string[] => ["run", DEFAULT_SCENARIO, "-n", "10", "--workers", "1", "--no-progress", "--out", out];
  const before = (): string[] => tree(cwd);

  it("--out '': exit 2 naming the option, nothing written (it used to write into the working directory)", () => {
    const files = before();
    refused(run(""), cwd, /^drsim: --out: expected a directory, got an empty path\n$/);
    refused(["sweep", DEFAULT_SCENARIO, "-n", "10", "--set", "costs.downtimeUSDPerMinute=1,2", "--out", ""], cwd, /^drsim: --out: expected a directory/);
    refused(["recommend", DEFAULT_SCENARIO, "-n", "10", "--rto", "1h", "--rpo", "1m", "--out", ""], cwd, /^drsim: --out: expected a directory/);
    expect(before()).toEqual(files);
  });

  it("--out a file, or under a file: exit 2, the file untouched", () => {
    writeFileSync(join(cwd, "notes.txt"), "mine\n");
    refused(run("notes.txt"), cwd, /^drsim: --out: notes\.txt is a file, not a directory\n$/);
    refused(run("notes.txt/sub"), cwd, /^drsim: --out: .*notes\.txt is a file, not a directory\n$/);
    refused(["sensitivity", DEFAULT_SCENARIO, "-n", "10", "--inputs", "outage.rate", "--out", "notes.txt"], cwd, /^drsim: --out: notes\.txt is a file/);
    expect(readFileSync(join(cwd, "notes.txt"), "utf8")).toBe("mine\n");
  });

  it("--out under /proc or /sys: exit 2 (it used to be exit 1, or a hang in mkdir)", () => {
    refused(run("/proc/drsim-out"), cwd, /^drsim: --out: \/proc is on a kernel pseudo file system \(proc\), not storage\n$/);
    refused(run("/sys/kernel/drsim"), cwd, /^drsim: --out: \/sys\/kernel is on a kernel pseudo file system \(sysfs\), not storage\n$/);
    refused(["merge", "a", "--out", "/proc/self/x"], cwd, /^drsim: --out: \/proc\/\d+ is on a kernel pseudo file system \(proc\)/);
    expect(existsSync("/proc/drsim-out")).toBe(false);
  });
});

describe("merge --out one of its input shards", () => {
  it("is refused before anything is read or written: the shard still merges afterwards", { timeout: 120_000 }, () => {
    const root = tempDir("merge-into-shard");
    const shards = [1, 2].map((i) => join(root, `shard-${i}`));
    for (const [k, dir] of shards.entries()) {
      const r = drsim(["run", DEFAULT_SCENARIO, "-n", "100", "--shard", `${k + 1}/2`, "--workers", "1", "--quiet", "--out", dir]);
      expect(r.status, r.stderr).toBe(0);
    }
    const bytes = readFileSync(join(shards[0]!, "replications.parquet"));
    refused(["merge", ...shards, "--out", shards[0]!, "--no-progress"], root, /^drsim: --out: .*shard-1 is one of the directories being read; write into another directory\n$/);
    // The same directory written differently (a trailing slash, a relative path) is the same directory.
    refused(["merge", ...shards, "--out", "./shard-2/", "--no-progress"], root, /one of the directories being read/);
    expect(readFileSync(join(shards[0]!, "replications.parquet"))).toEqual(bytes);
    const merged = drsim(["merge", ...shards, "--out", join(root, "merged"), "--no-progress", "--no-charts", "--quiet"]);
    expect(merged.status, merged.stderr).toBe(0);
  });
});
