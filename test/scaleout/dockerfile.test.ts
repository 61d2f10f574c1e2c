// Docker can't run here; check what can be checked from the files: the stages, that every COPY
// source exists and gets past .dockerignore, and that the entrypoint is the built CLI.
import { existsSync, readFileSync } from "node:fs";
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
    expect(JSON.parse(entrypoint!)).toEqual(["node", `/app/${pkg.bin.drsim}`]);
    const user = /^USER (\S+)$/m.exec(stages[1]!)?.[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
  });
});
