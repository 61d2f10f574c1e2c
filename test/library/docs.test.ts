// docs/library.md's example, run as a user would: from a project whose node_modules/drsim is this
// package, so `import … from "drsim"` resolves through package.json "exports" to the built
// dist/index.js and its types to dist/index.d.ts. The example must type-check under strict, run,
// and print exactly the output the page shows.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const PAGE = join(ROOT, "docs/library.md");

/** The fenced blocks of a Markdown page with the given info string, in order. */
function blocks(markdown: string, info: string): string[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === info).map((m) => m[2]!);
}

/** A project directory that depends on drsim (a symlink to this checkout, as `npm link` makes). */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "drsim-library-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "drsim"), "dir");
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "uses-drsim", private: true, type: "module" })}\n`);
  return dir;
}

function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ["node"],
    typeRoots: [join(ROOT, "node_modules/@types")],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

const dir = project();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("docs/library.md", () => {
  const page = readFileSync(PAGE, "utf8");
  const [example, ...more] = blocks(page, "ts");
  const [printed] = blocks(page, "text");

  it("has one TypeScript example and the output it prints", () => {
    expect(example).toBeDefined();
    expect(more).toEqual([]);
    expect(printed).toBeDefined();
  });

  it("type-checks against the built declarations, runs, and prints what the page shows", () => {
    if (!existsSync(join(ROOT, "dist/index.d.ts"))) throw new Error("dist/index.d.ts is missing: run `npm run build` first (npm test does)");
    const source = join(dir, "example.mts");
    writeFileSync(source, example!);
    expect(typeErrors(source)).toEqual([]);
    const js = ts.transpileModule(example!, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(join(dir, "example.mjs"), js);
    const r = spawnSync(process.execPath, ["example.mjs"], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(printed);
  });

  it("resolves only through package.json \"exports\": deep imports are closed", () => {
    const probe = `import("drsim/dist/index.js").then(() => console.log("open"), (e) => console.log(e.code))`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", probe], { cwd: dir, encoding: "utf8" });
    expect(r.stdout.trim()).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });
});
