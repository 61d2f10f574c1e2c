// Golden outputs: every file drsim writes for every shipped scenario and for each analysis command,
// at a fixed seed and size, reduced to SHA-256 hashes. A refactor must change no byte of them; a
// deliberate change regenerates them (GOLDEN_UPDATE=1 npm run golden) with the reason in the commit.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const HASHES_FILE = join(ROOT, "test", "golden", "hashes.json");
const CLI = join(ROOT, "dist", "cli.js");

const RUNS = "1500";
const SEED = "7";

/**
 * The shipped single-service scenarios, each run with its default outputs (charts and report
 * included). Portfolios (portfolio*.yaml) are planned, not run: their job is `plan-*` below.
 */
export function shippedScenarios(): string[] {
  return readdirSync(join(ROOT, "scenarios"))
    .filter((f) => f.endsWith(".yaml") && !f.startsWith("portfolio"))
    .sort();
}

interface Job {
  /** Name of the job's directory under the output root, and of its captured stdout. */
  readonly name: string;
  /** CLI arguments; `{out}` is replaced by the job's directory. */
  readonly args: readonly string[];
}

export function jobs(): Job[] {
  const out: Job[] = shippedScenarios().map((file) => ({
    name: `run-${file.replace(/\.yaml$/, "")}`,
    args: ["run", `scenarios/${file}`, "-n", RUNS, "--seed", SEED, "--out", "{out}", "--no-progress"],
  }));
  out.push(
    { name: "shard-1", args: ["run", "scenarios/default.yaml", "-n", RUNS, "--seed", SEED, "--shard", "1/2", "--out", "{out}", "--no-progress"] },
    { name: "shard-2", args: ["run", "scenarios/default.yaml", "-n", RUNS, "--seed", SEED, "--shard", "2/2", "--out", "{out}", "--no-progress"] },
    { name: "merge", args: ["merge", "{root}/shard-1", "{root}/shard-2", "--out", "{out}", "--no-progress"] },
    // The rows as CSV, written directly and exported from the Parquet run: the same bytes, and
    // the CSV bytes drsim wrote before Parquet became the default.
    { name: "run-default-csv", args: ["run", "scenarios/default.yaml", "-n", RUNS, "--seed", SEED, "--out", "{out}", "--no-progress", "--csv"] },
    { name: "export", args: ["export", "{root}/run-default", "--out", "{out}", "--no-progress"] },
    { name: "trace", args: ["trace", "scenarios/default.yaml", "--strategy", "warm-standby", "--replication", "42", "--seed", SEED, "--set", "regionDefaults.outage.rate=3/year"] },
    { name: "trace-chart", args: ["trace", "scenarios/default.yaml", "--strategy", "pilot-light", "--replication", "3", "--seed", SEED, "--set", "regionDefaults.outage.rate=3/year", "--chart", "{out}/timeline"] },
    {
      name: "sweep",
      args: ["sweep", "scenarios/default.yaml", "--set", "backup.restoreThroughput=50MB/s,200MB/s", "--strategies", "warm-standby,active-active", "-n", "600", "--seed", SEED, "--out", "{out}", "--no-progress"],
    },
    {
      name: "sensitivity",
      args: ["sensitivity", "scenarios/default.yaml", "--metric", "costUSD.mean", "--strategies", "warm-standby", "--inputs", "outage.rate,steps.decide,backup.restoreThroughput", "-n", "600", "--seed", SEED, "--out", "{out}", "--no-progress"],
    },
    {
      // A portfolio is planned: every plan on the same years, the choice verified on a fresh seed.
      name: "plan-portfolio",
      args: ["plan", "scenarios/portfolio.yaml", "-n", "600", "--seed", SEED, "--out", "{out}", "--no-progress"],
    },
    {
      name: "recommend",
      args: ["recommend", "scenarios/default.yaml", "--rto", "4h", "--rpo", "1m", "--availability", "99.9", "-n", RUNS, "--seed", SEED, "--out", "{out}", "--no-progress"],
    },
  );
  return out;
}

/** Runs every job into `root` (one directory each) and returns {relative path: sha256}. */
export function produce(root: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const job of jobs()) {
    const dir = join(root, job.name);
    mkdirSync(dir, { recursive: true });
    const args = job.args.map((a) => a.replaceAll("{out}", dir).replaceAll("{root}", root));
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "buffer", env: { ...process.env, NO_COLOR: "1" } });
    if (r.status !== 0) throw new Error(`${job.name}: drsim ${args.join(" ")} exited ${r.status}: ${r.stderr.toString()}`);
    // stdout names the output directory: make it independent of where the run happened.
    hashes[`${job.name}/stdout`] = sha256(Buffer.from(r.stdout.toString("utf8").replaceAll(root, "<root>")));
    for (const file of walk(dir)) hashes[relative(root, file)] = sha256(readFileSync(file));
  }
  return Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
