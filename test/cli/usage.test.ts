// Usage: version, help, and every class of bad input → exit 2 with a message naming the place,
// no stack trace.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, drsim, FIXTURES, ROOT, STACK_LINE, tempDir } from "./helpers.js";

const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

function expectUsageError(args: string[], message: RegExp): void {
  const r = drsim(args);
  expect(r.status, `${args.join(" ")}\n${r.stderr}`).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stdout).toBe("");
}

describe("drsim usage", () => {
  it("--version prints package.json's version", () => {
    const r = drsim(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it("--help lists every command; each command's help has an example", () => {
    const r = drsim(["--help"]);
    expect(r.status).toBe(0);
    for (const name of ["run", "validate", "schema", "merge", "trace"]) expect(r.stdout).toMatch(new RegExp(`^\\s+${name}\\b`, "m"));
    for (const name of ["run", "validate", "schema", "merge", "trace"]) {
      const help = drsim([name, "--help"]);
      expect(help.status, name).toBe(0);
      expect(help.stdout, name).toMatch(/Example/);
      expect(help.stdout, name).toMatch(new RegExp(`\\$ drsim ${name}`));
    }
  });

  it("a missing scenario file names the file", () => {
    expectUsageError(["run", "no/such/scenario.yaml", "-n", "10"], /no\/such\/scenario\.yaml/);
  });

  it("a YAML syntax error names file:line:column", () => {
    expectUsageError(["run", join(FIXTURES, "syntax-error.yaml"), "-n", "10"], /syntax-error\.yaml:\d+:\d+/);
  });

  it("a schema error names file:line:column and the field", () => {
    expectUsageError(["run", join(FIXTURES, "schema-error.yaml"), "-n", "10"], /schema-error\.yaml:4:\d+: workload\.requestsPerSecond/);
  });

  it("bad option values name the option", () => {
    expectUsageError(["run", "-n", "abc"], /--runs/);
    expectUsageError(["run", "-n", "0"], /--runs/);
    expectUsageError(["run", "--seed", "-1"], /--seed/);
    expectUsageError(["run", "--shard", "4/3"], /--shard/);
    expectUsageError(["run", "--shard", "x"], /--shard/);
    expectUsageError(["run", "--workers", "two"], /--workers/);
    expectUsageError(["run", "--horizon", "forever"], /--horizon/);
    expectUsageError(["run", "--set", "novalue"], /--set/);
    expectUsageError(["run", "--bogus"], /unknown option '--bogus'/);
    expectUsageError(["runn"], /unknown command 'runn'[\s\S]*run/);
  });

  it("an unknown strategy id is refused with a suggestion", () => {
    expectUsageError(["run", DEFAULT_SCENARIO, "-n", "10", "--strategies", "warm-standy"], /unknown strategy "warm-standy" \(did you mean "warm-standby"\?\)/);
    expectUsageError(["trace", DEFAULT_SCENARIO, "--strategy", "pilot", "--replication", "0"], /unknown strategy "pilot"/);
  });

  it("--set overrides are checked like the file, naming the override", () => {
    expectUsageError(["run", DEFAULT_SCENARIO, "-n", "10", "--set", "workload.requestsPerSecond=lots"], /--set workload\.requestsPerSecond/);
  });

  it("merge refuses a directory that is not a shard", () => {
    expectUsageError(["merge", tempDir("empty"), "--out", tempDir("out")], /not a shard directory/);
  });

  it("--debug shows the stack trace", () => {
    const r = drsim(["run", "no/such/file.yaml", "--debug"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(STACK_LINE);
  });

  it("validate: ok per valid file, the error per invalid one, exit 2 if any fails", () => {
    const good = drsim(["validate", DEFAULT_SCENARIO]);
    expect(good.status).toBe(0);
    expect(good.stdout).toBe("ok default (4 strategies)\n");
    const mixed = drsim(["validate", DEFAULT_SCENARIO, join(FIXTURES, "schema-error.yaml")]);
    expect(mixed.status).toBe(2);
    expect(mixed.stdout).toBe("ok default (4 strategies)\n");
    expect(mixed.stderr).toMatch(/schema-error\.yaml:4:\d+/);
  });

  it("schema prints a JSON Schema", () => {
    const r = drsim(["schema"]);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as { type?: string; properties?: Record<string, unknown> };
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties ?? {})).toContain("strategies");
  });
});
