// drsim merge at scale: time and peak memory of merging the shards of one run, as a user runs it
// (the CLI in a child process). The point is that memory does not grow with the replications (the
// merge streams) while time grows linearly: run with --runs=200000 and --runs=1000000 and compare.
//
//   npm run bench -- merge [--runs=N]      (default 200,000 replications of the default scenario, 4 shards)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchContext } from "./index.js";
import { median, report } from "./report.js";

const SHARDS = 4;
const REPEATS = 3;

function runsFromArgv(): number {
  const arg = process.argv.find((a) => a.startsWith("--runs="));
  const n = arg === undefined ? 200_000 : Number(arg.slice("--runs=".length));
  if (!Number.isSafeInteger(n) || n < SHARDS) throw new Error(`--runs must be an integer ≥ ${SHARDS}: ${arg}`);
  return n;
}

const CLI = fileURLToPath(new URL("../src/cli.js", import.meta.url));

/**
 * Runs the CLI with `args` in a child that reports its peak RSS (bytes) on exit. The child is a
 * wrapper script (not --eval: worker threads inherit execArgv) that imports the CLI, which parses
 * process.argv.slice(2) as when run itself.
 */
function cli(wrapper: string, args: readonly string[]): { seconds: number; maxRssBytes: number } {
  const t = performance.now();
  const child = spawnSync(process.execPath, [wrapper, ...args], { encoding: "utf8" });
  const seconds = (performance.now() - t) / 1000;
  if (child.status !== 0) throw new Error(`drsim ${args.join(" ")} failed: ${child.stderr}`);
  const kib = /maxRSS=(\d+)/.exec(child.stderr);
  if (kib === null) throw new Error("the child did not report its peak RSS");
  return { seconds, maxRssBytes: Number(kib[1]) * 1024 };
}

function writeWrapper(dir: string): string {
  const file = join(dir, "drsim-rss.mjs");
  writeFileSync(file, `process.on("exit", () => process.stderr.write("maxRSS=" + process.resourceUsage().maxRSS + "\\n"));\nawait import(${JSON.stringify(pathToFileURL(CLI).href)});\n`);
  return file;
}

export function run(ctx: BenchContext): void {
  const runs = runsFromArgv();
  const root = mkdtempSync(join(tmpdir(), "drsim-bench-merge-"));
  try {
    const scenario = fileURLToPath(new URL("../../scenarios/default.yaml", import.meta.url));
    const wrapper = writeWrapper(root);
    const shards = Array.from({ length: SHARDS }, (_, i) => join(root, `shard-${i + 1}`));
    shards.forEach((dir, i) => cli(wrapper, ["run", scenario, "-n", String(runs), "--shard", `${i + 1}/${SHARDS}`, "--quiet", "--no-charts", "--out", dir]));
    ctx.note(`default scenario, ${runs.toLocaleString("en-US")} replications in ${SHARDS} shards; merge with --no-charts (CLI in a child process, wall clock)`);
    for (const [label, extra] of [["merge", []], ["merge-summary-only", ["--summary-only"]]] as const) {
      const rates: number[] = [];
      const rss: number[] = [];
      for (let r = 0; r < REPEATS; r++) {
        const out = join(root, `merged-${label}-${r}`);
        const { seconds, maxRssBytes } = cli(wrapper, ["merge", ...shards, "--out", out, "--quiet", "--no-charts", ...extra]);
        rmSync(out, { recursive: true, force: true });
        rates.push(runs / seconds);
        rss.push(maxRssBytes / 2 ** 20);
      }
      report(ctx, `${label}.replications-per-s`, median(rates), "replications/s", rates);
      report(ctx, `${label}.peak-rss`, median(rss), "MiB", rss);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
