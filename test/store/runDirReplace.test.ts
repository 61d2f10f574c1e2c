// Nothing stale, nothing lost: a run directory knows what run it holds. Writing a different run
// there replaces the earlier one as a whole — its charts, report, manifest and summary go with it —
// and says so; writing the same run again changes nothing and says nothing; a user's own files are
// never touched; temporary files a killed process left are removed by the next writer.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { interruptedMessage } from "../../src/cli/interrupted.js";
import { DEFAULT_SCENARIO, drsim, drsimAsync, tempDir } from "../cli/helpers.js";

const SMALL = ["-n", "60", "--strategies", "pilot-light,warm-standby", "--workers", "1", "--no-progress", "--quiet"];

function run(out: string, ...extra: string[]): string {
  const r = drsim(["run", DEFAULT_SCENARIO, ...SMALL, "--out", out, ...extra]);
  expect(r.status, r.stderr).toBe(0);
  return r.stderr;
}

const files = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

describe("a run written over a different run", () => {
  it("removes the earlier run's charts and report (a different seed, then --no-charts) and says so", { timeout: 240_000 }, () => {
    const out = join(tempDir("replace"), "run");
    expect(run(out, "--seed", "1")).toBe("");
    expect(files(out)).toContain("report.html");
    expect(files(out).some((f) => f.startsWith("charts/"))).toBe(true);
    const stderr = run(out, "--seed", "2", "--no-charts");
    expect(stderr).toMatch(/^drsim: .*run held a different run \(another scenario, seed, size or horizon\); it is replaced by a whole run, and the earlier files the new one does not write are removed: report\.html, lossExceedance\.csv, charts\/ \(\d+ chart files\)\n$/);
    expect(files(out)).toEqual(["incidents.parquet", "replications.parquet", "scenario.json", "summary.json", "summary.md"]);
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8"))).toMatchObject({ seed: 2 });
  });

  it("the same run again: nothing said, nothing removed (its charts are still its own)", { timeout: 240_000 }, () => {
    const out = join(tempDir("same"), "run");
    run(out, "--seed", "3");
    const before = files(out);
    expect(run(out, "--seed", "3", "--no-charts")).toBe("");
    expect(files(out)).toEqual(before);
  });

  it("a shard over a whole run: the run's summary and charts go, shard.json comes; and back", { timeout: 240_000 }, () => {
    const out = join(tempDir("shard-over-run"), "dir");
    run(out);
    const shard = run(out, "--shard", "1/2");
    expect(shard).toMatch(/held a whole run; it is replaced by a shard, and the earlier files the new one does not write are removed: summary\.md, summary\.json, report\.html, lossExceedance\.csv, charts\//);
    expect(files(out)).toEqual(["incidents.parquet", "replications.parquet", "scenario.json", "shard.json"]);
    // A whole run over the shard: shard.json goes (else `drsim merge` would take the run for a shard).
    expect(run(out, "--no-charts")).toMatch(/held a shard; it is replaced by a whole run, and the earlier files the new one does not write are removed: shard\.json\n$/);
    expect(files(out)).not.toContain("shard.json");
  });

  it("rows of another format are the earlier run's too: a Parquet run over a different CSV run removes the CSVs", { timeout: 240_000 }, () => {
    const out = join(tempDir("formats"), "run");
    run(out, "--seed", "4", "--csv", "--no-charts");
    expect(files(out)).toEqual(["incidents.csv", "replications.csv", "scenario.json", "summary.json", "summary.md"]);
    expect(run(out, "--seed", "5", "--no-charts")).toMatch(/the earlier files the new one does not write are removed: replications\.csv, incidents\.csv\n$/);
    expect(files(out)).toEqual(["incidents.parquet", "replications.parquet", "scenario.json", "summary.json", "summary.md"]);
  });

  it("leaves a user's own files alone, and a directory that holds no run untouched", { timeout: 240_000 }, () => {
    const out = join(tempDir("user-files"), "dir");
    mkdirSync(join(out, "charts"), { recursive: true });
    writeFileSync(join(out, "notes.txt"), "mine\n");
    writeFileSync(join(out, "report.html"), "<p>my own report, no run here</p>\n");
    writeFileSync(join(out, "charts", "sketch.svg"), "<svg/>\n");
    writeFileSync(join(out, "charts", "todo.txt"), "mine\n");
    // No scenario.json: not a run directory; only the files the run writes are written.
    expect(run(out, "--no-charts")).toBe("");
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("my own report");
    expect(existsSync(join(out, "charts", "sketch.svg"))).toBe(true);
    // Now it holds a run: a different one replaces it, charts/ keeps what is not a chart.
    run(out, "--seed", "9", "--no-charts");
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine\n");
    expect(readdirSync(join(out, "charts"))).toEqual(["todo.txt"]);
  });
});

describe("temporary files a killed process left", () => {
  it("are removed by the next writer into the directory, which says so; a live process's are kept", { timeout: 120_000 }, () => {
    const out = join(tempDir("abandoned"), "run");
    mkdirSync(out, { recursive: true });
    // A process that is gone: its pid, once it has exited.
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const left = join(out, `.replications.parquet.tmp-${dead}-0123abcd`);
    writeFileSync(left, Buffer.alloc(3 << 20, 49));
    const live = join(out, `.incidents.parquet.tmp-${process.pid}-89abcdef`);
    writeFileSync(live, "being written by a live process\n");
    const stderr = run(out, "--no-charts");
    expect(stderr).toContain(`removed ${left} (3.0 MiB), a temporary file left by an interrupted drsim (process ${dead})`);
    expect(existsSync(left)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(statSync(join(out, "replications.parquet")).size).toBeGreaterThan(0);
  });
});

describe("what an interrupted command says it kept", () => {
  it("nothing: says so", () => {
    expect(interruptedMessage("SIGINT", [])).toBe("drsim: interrupted (SIGINT); no output was written\n");
  });

  it("a run's data without its charts: lists it, and how to draw them", () => {
    const dir = join(process.cwd(), "results", "x");
    const message = interruptedMessage("SIGTERM", [
      ...["replications.csv", "incidents.csv", "scenario.json", "summary.md", "summary.json"].map((f) => join(dir, f)),
      join(dir, "charts", "downtime-ecdf.vl.json"),
      join(dir, "charts", "downtime-ecdf.svg"),
    ]);
    expect(message).toBe(
      "drsim: interrupted (SIGTERM); no file was left half-written. Kept, each file complete:\n" +
        "  results/x/ (replications.csv, incidents.csv, scenario.json, summary.md, summary.json, charts/ (2 files))\n" +
        "    its charts and report.html were not all drawn: drsim chart results/x draws them\n",
    );
  });

  it("end to end: the first scenario's run kept whole, the second's nothing, said exactly", { timeout: 180_000 }, async () => {
    const root = tempDir("interrupt-kept");
    const slow = join(root, "slow.yaml");
    writeFileSync(slow, `extends: ${DEFAULT_SCENARIO}\nname: slow\nrun: { horizon: 6000y }\n`);
    const fast = join(root, "fast.yaml");
    writeFileSync(fast, `extends: ${DEFAULT_SCENARIO}\nname: fast\n`);
    const child = drsimAsync(["run", fast, slow, "-n", "8", "--workers", "1", "--no-progress", "--no-charts", "--quiet", "--out", join(root, "out")]);
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    for (let waited = 0; !existsSync(join(root, "out", "fast", "summary.json")) && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1_000));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/^drsim: interrupted \(SIGINT\); no file was left half-written\. Kept, each file complete:\n {2}.*out\/fast\/ \(replications\.parquet, incidents\.parquet, scenario\.json, summary\.md, summary\.json\)\n/);
    expect(stderr).not.toMatch(/slow/);
    expect(existsSync(join(root, "out", "slow")) ? readdirSync(join(root, "out", "slow")) : []).toEqual([]);
  });
});
