// Hostile input through the built CLI: every case ends quickly (spawnSync's timeout is the hang
// detector) with exit 2, one `drsim: …` line naming the file, field or option, no stack trace, and
// nothing written.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, ROOT, STACK_LINE, drsim, tempDir } from "./helpers.js";

const BASE = join(ROOT, "test/fixtures/scenarios/base.yaml");
const dir = tempDir("hostile");

function refused(args: readonly string[], pattern: RegExp): string {
  const result = drsim(args, dir, 30_000); // a hang fails here, after 30 s
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toMatch(/^drsim: |^error: /);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(STACK_LINE);
  return result.stderr;
}

function write(name: string, text: string | Buffer): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe("hostile scenario files", () => {
  it("a FIFO, /dev/zero behind a .yaml name, a UTF-16 file", () => {
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    refused(["validate", "pipe.yaml"], /scenario file is a FIFO/);
    symlinkSync("/dev/zero", join(dir, "zero.yaml"));
    refused(["validate", write("z.yaml", "extends: zero.yaml\n")], /^drsim: z\.yaml:1:10: extends: file is a character device/);
    refused(["validate", write("u16.yaml", Buffer.from("\ufeffname: x\n", "utf16le"))], /is UTF-16 text/);
  });

  it("an alias bomb and a recursive alias (exit 2, not 1)", () => {
    const lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(", ")}]`);
    refused(["validate", write("bomb.yaml", `${lines.join("\n")}\n`)], /^drsim: bomb\.yaml:\d+:\d+: the file expands to more than 100000 values/);
    refused(["validate", write("rec.yaml", "a: &a [*a]\n")], /^drsim: rec\.yaml:1:8: YAML syntax error: .*recursive alias/);
  });

  it("a private file named by extends or as a CSV is never quoted", () => {
    const secret = "hunter2-SECRET-TOKEN";
    write("private.yml", `${secret}: is: not: yaml\n`);
    const yaml = refused(["validate", write("a.yaml", "extends: private.yml\n")], /private\.yml:1:\d+: YAML syntax error/);
    write("private.csv", `${secret},a\n1,2\n3,4\n`);
    const csv = refused(
      ["validate", write("b.yaml", `extends: ${BASE}\nbackup: { restoreThroughput: { dist: empirical, file: private.csv, column: x } }\n`)],
      /b\.yaml:2:55: backup\.restoreThroughput\.file: private\.csv:1: no column "x" in the header row/,
    );
    for (const message of [yaml, csv]) expect(message).not.toContain(secret);
  });

  it("a value that overflows, at its field", () => {
    refused(
      ["validate", write("big.yaml", `extends: ${BASE}\nworkload: { datasetSize: 1e400GB }\n`)],
      /^drsim: big\.yaml:2:26: workload\.datasetSize: "1e400GB" is too large to compute with\n$/,
    );
  });
});

describe("options beyond what the model can run", () => {
  it("-n 1e12: refused before any work, naming the option, writing nothing", () => {
    const out = join(dir, "never");
    refused(["run", DEFAULT_SCENARIO, "-n", "1e12", "--out", out], /option '-n, --runs <n>' argument '1e12' is invalid\. Expected at most 1e10\./);
    // Within the study limit, but not for an analysis that holds its replications in one process of
    // any machine (4.5 TB of metric columns alone). A run streams them: its memory is flat in -n.
    refused(["recommend", DEFAULT_SCENARIO, "-n", "1e10", "--rto", "4h", "--rpo", "1m", "--availability", "99.9", "--out", out], /^drsim: -n: 10000000000 replications in one process need at least 7\.28 TiB/);
    refused(["sweep", DEFAULT_SCENARIO, "-n", "1e10", "--set", "costs.downtimeUSDPerMinute=1,2"], /-n: 10000000000 replications in one process/);
    const file = write("huge.yaml", `extends: ${BASE}\nrun: { runs: 1e10 }\n`);
    refused(["sweep", file, "--set", "costs.downtimeUSDPerMinute=1,2"], /huge\.yaml:2:14: run\.runs: 10000000000 replications in one process/);
    expect(existsSync(out)).toBe(false);
  });

  it("--workers 100000, --shard 1/1e20, --shards 1e6: refused as too large", () => {
    refused(["run", DEFAULT_SCENARIO, "-n", "10", "--workers", "100000"], /option '--workers <n>' argument '100000' is invalid\. Expected at most \d+ \(two per core/);
    refused(["run", DEFAULT_SCENARIO, "-n", "10", "--shard", "1/1e20"], /the shard count must be at most 100000/);
    refused(["run", DEFAULT_SCENARIO, "-n", "10", "--shard", "1/100000000000000000000"], /the shard count must be at most 100000/);
    refused(["k8s", DEFAULT_SCENARIO, "--shards", "1e6", "--runs", "1e8", "--image", "i"], /'--shards <n>' argument '1e6' is invalid\. Expected at most 100000/);
    refused(["slurm", DEFAULT_SCENARIO, "--shards", "10", "--runs", "1e12"], /'-n, --runs <n>' argument '1e12' is invalid\. Expected at most 1e10/);
  });

  it("a sharded run may be large as a study if each shard fits", () => {
    // 1e10 in 1e5 shards is 1e5 replications here: accepted (then cut short by a missing scenario, before running).
    mkdirSync(join(dir, "empty"), { recursive: true });
    refused(["run", "nope.yaml", "-n", "1e10", "--shard", "1/100000", "--out", "empty/x"], /^drsim: scenario file not found: nope\.yaml/);
  });
});
