// Docker can't run here; check what can be checked from the files: the stages, that every COPY
// source exists and gets past .dockerignore, and that the entrypoint is the built CLI.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";

const dockerfile = readFileSync("Dockerfile", "utf8");
const lines = dockerfile.split("\n").filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
const stages = dockerfile.split(/^FROM /m).slice(1);

/** Whether .dockerignore (`*` then `!path` exceptions, last match wins) lets `path` into the context. */
function inContext(path: string): boolean {
  let included = true;
  for (const raw of readFileSync(".dockerignore", "utf8").split("\n")) {
    const rule = raw.trim();
    if (rule === "" || rule.startsWith("#")) continue;
    const negated = rule.startsWith("!");
    const pattern = negated ? rule.slice(1) : rule;
    if (pattern === "*" || pattern === path || path.startsWith(`${pattern}/`)) included = negated;
  }
  return included;
}

describe("Dockerfile", () => {
  it("builds in one Node 20 slim stage and runs in another", () => {
    expect(stages).toHaveLength(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-[a-z]*-?slim$/m);
    const [build, runtime] = stages as [string, string];
    expect(build).toMatch(/RUN npm ci\b/);
    expect(build).toMatch(/RUN npm run build/);
    expect(runtime).toMatch(/RUN npm ci --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
  });

  it("copies only sources that exist and that .dockerignore lets through", () => {
    const sources = lines
      .filter((l) => l.startsWith("COPY ") && !l.includes("--from="))
      .flatMap((l) => l.split(/\s+/).slice(1, -1));
    expect(sources).toEqual(expect.arrayContaining(["package-lock.json", "src", "models", "scenarios", "assets"]));
    for (const source of sources) {
      expect(existsSync(source), source).toBe(true);
      expect(inContext(source), source).toBe(true);
    }
    expect(inContext("node_modules")).toBe(false);
    expect(inContext("results")).toBe(false);
  });

  it("runs the built CLI as a non-root user", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { bin: { drsim: string } };
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(entrypoint!)).toEqual([`/app/${pkg.bin.drsim}`]);
    const user = /^USER (\S+)$/m.exec(stages[1]!)?.[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
  });
});

// The image's runtime stage, replayed without Docker: the files its COPY lines bring (dist/ from this
// checkout's build), `npm ci --omit=dev`, then the CLI as the image runs it — a sharded run, a merge
// with charts. Catches a runtime import of a devDependency or a data folder the image does not copy.
describe("the runtime stage, replayed", () => {
  it("runs shards and merges them with charts from production dependencies only", { timeout: 240_000 }, () => {
    const app = mkdtempSync(join(tmpdir(), "drsim-image-"));
    try {
      for (const line of stages[1]!.split("\n").filter((l) => l.startsWith("COPY "))) {
        const parts = line.split(/\s+/).slice(1);
        const fromBuild = parts[0] === "--from=build";
        const [target, ...sources] = (fromBuild ? parts.slice(1) : parts).reverse();
        for (const source of sources.reverse()) {
          const local = fromBuild ? source.replace(/^\/app\//, "") : source;
          cpSync(local, target === "./" ? join(app, basename(local)) : join(app, target!), { recursive: true });
        }
      }
      const npm = spawnSync("npm", ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: app, encoding: "utf8" });
      expect(npm.status, npm.stderr).toBe(0);
      expect(existsSync(join(app, "node_modules", "typescript"))).toBe(false);
      const drsim = (...args: string[]) => spawnSync(join(app, "bin", "drsim"), args, { cwd: app, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
      for (const i of [1, 2]) {
        const r = drsim("run", "scenarios/default.yaml", "-n", "200", "--shard", `${i}/2`, "--out", `results/shards/${i}`, "--quiet");
        expect(r.status, r.stderr).toBe(0);
      }
      const merged = drsim("merge", "results/shards/1", "results/shards/2", "--out", "results/merged", "--quiet");
      expect(merged.status, merged.stderr).toBe(0);
      for (const file of ["summary.json", "report.html", "charts/downtime-ecdf.png"]) expect(existsSync(join(app, "results/merged", file)), file).toBe(true);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});
