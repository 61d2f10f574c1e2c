// Files a scenario names may be anything: a FIFO, a device, a symlink to /dev/zero, a huge file, a
// UTF-16 file, a private file. Every read must end quickly (vitest's timeout is the hang detector),
// refuse with a located ScenarioError, and never quote the file's content.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileProblem, readRegularFile, readTextFile, withReadLog } from "../../src/files.js";
import { BASE, loadError } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "drsim-hostile-"));
let counter = 0;
function file(name: string, content: string | Buffer): string {
  const sub = join(dir, String(++counter));
  mkdirSync(sub);
  const path = join(sub, name);
  writeFileSync(path, content);
  return path;
}
function fifo(name: string): string {
  const sub = join(dir, String(++counter));
  mkdirSync(sub);
  const path = join(sub, name);
  execFileSync("mkfifo", [path]);
  return path;
}
function link(name: string, target: string): string {
  const sub = join(dir, String(++counter));
  mkdirSync(sub);
  const path = join(sub, name);
  symlinkSync(target, path);
  return path;
}
function problem(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(FileProblem);
    return (error as FileProblem).problem;
  }
  throw new Error("read without a problem");
}

const SECRET = "hunter2-SECRET-TOKEN";

describe("readTextFile: regular UTF-8 files only, bounded", () => {
  it("refuses a FIFO without waiting for a writer, and devices that never end", () => {
    expect(problem(() => readTextFile(fifo("pipe.yaml"), 1024))).toBe("is a FIFO (named pipe), not a regular file");
    expect(problem(() => readTextFile("/dev/zero", 1024))).toBe("is a character device, not a regular file");
    expect(problem(() => readTextFile(link("zero.yaml", "/dev/zero"), 1024))).toBe("is a character device, not a regular file");
    expect(problem(() => readTextFile(link("random.csv", "/dev/urandom"), 1024))).toBe("is a character device, not a regular file");
    expect(problem(() => readTextFile(dir, 1024))).toBe("is a directory");
    expect(problem(() => readTextFile(join(dir, "nope.yaml"), 1024))).toBe("not found");
  });

  it("reads up to the limit and refuses one byte more", () => {
    expect(readRegularFile(file("at.txt", "x".repeat(100)), 100)).toHaveLength(100);
    expect(problem(() => readRegularFile(file("over.txt", "x".repeat(101)), 100))).toBe("is larger than the 100 bytes allowed");
    // A file that says it is empty but is not (/proc files do) is read to its end, within the limit.
    expect(readTextFile("/proc/self/status", 1 << 20)).toMatch(/^Name:/);
    expect(problem(() => readTextFile("/proc/self/status", 16))).toBe("is larger than the 16 bytes allowed");
  });

  it("names UTF-16 and UTF-32, binary and non-UTF-8 files, and keeps a UTF-8 byte-order mark", () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("name: x\n", "utf16le")]);
    const utf16be = Buffer.from(Buffer.from("\ufeffname: x\n", "utf16le").swap16());
    const utf32le = Buffer.from([0xff, 0xfe, 0, 0, 0x6e, 0, 0, 0]);
    expect(problem(() => readTextFile(file("le.yaml", utf16le), 1024))).toBe("is UTF-16 text; save it as UTF-8");
    expect(problem(() => readTextFile(file("be.yaml", utf16be), 1024))).toBe("is UTF-16 text; save it as UTF-8");
    expect(problem(() => readTextFile(file("nobom.yaml", Buffer.from("name: x\n", "utf16le")), 1024))).toMatch(/looks like UTF-16/);
    expect(problem(() => readTextFile(file("le32.yaml", utf32le), 1024))).toBe("is UTF-32 text; save it as UTF-8");
    expect(problem(() => readTextFile(file("bin.yaml", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), 1024))).toBe(
      "is binary, not text",
    );
    expect(problem(() => readTextFile(file("latin1.yaml", Buffer.from("name: caf\xe9\n", "latin1")), 1024))).toBe(
      "is not UTF-8 text; save it as UTF-8",
    );
    expect(readTextFile(file("bom.yaml", "\ufeffname: x\n"), 1024)).toBe("\ufeffname: x\n");
  });

  it("records what it read while a read log runs, and only then", async () => {
    const a = file("a.txt", "A");
    readTextFile(a, 10);
    const { value, reads } = await withReadLog(async () => {
      await Promise.resolve();
      return readTextFile(a, 10);
    });
    expect(value).toBe("A");
    expect(reads).toEqual([{ path: a, text: "A" }]);
  });
});

describe("a scenario naming hostile files", () => {
  it("refuses a FIFO, a device or a UTF-16 file as the scenario, extends target or CSV, at the entry naming it", async () => {
    expect((await loadError(fifo("pipe.yaml"))).message).toMatch(/^scenario file is a FIFO \(named pipe\), not a regular file: /);
    expect((await loadError(file("u16.yaml", Buffer.from("\ufeffname: x\n", "utf16le")))).message).toMatch(
      /^scenario file is UTF-16 text; save it as UTF-8: /,
    );
    const pipe = fifo("base.yaml");
    const viaFifo = await loadError(file("s.yaml", `extends: [${pipe}]\n`));
    expect(viaFifo).toMatchObject({ line: 1, column: 11, fieldPath: "extends" });
    expect(viaFifo.message).toContain("file is a FIFO (named pipe), not a regular file:");
    const zero = link("zero.yaml", "/dev/zero");
    expect((await loadError(file("s.yaml", `extends: ${zero}\n`))).message).toContain("file is a character device");

    for (const target of [fifo("data.csv"), link("random.csv", "/dev/urandom")]) {
      const error = await loadError(
        file("s.yaml", `extends: ${BASE}\nbackup: { restoreThroughput: { dist: empirical, file: ${target}, column: x } }\n`),
      );
      expect(error).toMatchObject({ line: 2, column: 55, fieldPath: "backup.restoreThroughput.file" });
      expect(error.message).toMatch(/file is a (FIFO|character device)/);
    }
  });

  it("refuses files over the limits: 1 MiB for a scenario file, 16 MiB for a CSV", async () => {
    const big = file("big.yaml", `name: ${"x".repeat(1 << 20)}\n`);
    expect((await loadError(big)).message).toMatch(/^scenario file is larger than the 1 MiB allowed: /);
    const viaExtends = await loadError(file("s.yaml", `extends: ${big}\n`));
    expect(viaExtends).toMatchObject({ line: 1, column: 10, fieldPath: "extends" });
    const csv = file("big.csv", `x\n${"1\n".repeat(8 << 20)}1\n`);
    const error = await loadError(file("s.yaml", `extends: ${BASE}\nbackup: { restoreThroughput: { dist: empirical, file: ${csv}, column: x } }\n`));
    expect(error.message).toContain("file is larger than the 16 MiB allowed:");
  });

  it("extends only .yaml/.yml files and reads data only from .csv files: anything else is refused unopened", async () => {
    const secret = file("id_rsa", `-----BEGIN ${SECRET}-----\n`);
    const error = await loadError(file("s.yaml", `extends: [${BASE}, ${secret}]\n`));
    expect(error).toMatchObject({ line: 1, fieldPath: "extends" });
    expect(error.message).toContain("expected the path of a .yaml or .yml file");
    expect(error.message).not.toContain(SECRET);
    // A FIFO under a name that is refused is never opened: opening it would not block, but reading would.
    const pipe = fifo("notes.txt");
    expect((await loadError(file("s.yaml", `extends: ${pipe}\n`))).message).toContain(".yaml or .yml");
    const data = await loadError(
      file("s.yaml", `extends: ${BASE}\nbackup: { restoreThroughput: { dist: empirical, file: ${secret}, column: x } }\n`),
    );
    expect(data.fieldPath).toBe("backup.restoreThroughput.file");
    expect(data.message).toContain("a data file must be a .csv file");
    expect(data.message).not.toContain(SECRET);
  });

  // Broken YAML with the secret where the parser's own message would quote it.
  const BROKEN_YAML = [
    `${SECRET}: x y: z`,
    `key: |${SECRET} extra\n  body`,
    `key: "${SECRET} \\q"`,
    `key: @${SECRET}`,
    `key: [${SECRET}, `,
    `key: {${SECRET}: 1, ${SECRET}: 1}`,
    `key: *${SECRET}`,
    `a:\n  ${SECRET}: 1\n b: 2`,
    `key: !${SECRET} x\nother: [a, b`,
    `a: 1\n---\n${SECRET}: 2`,
    `\t${SECRET}: 1`,
  ];

  it("reports a file that is not valid YAML by position and kind, never by its text", async () => {
    for (const text of BROKEN_YAML) {
      const extended = file("private.yaml", `${text}\n`);
      const error = await loadError(file("s.yaml", `extends: ${extended}\n`));
      expect(error.file, text).toBe(extended);
      expect(error.line, text).toBeGreaterThan(0);
      expect(error.message, text).toMatch(/YAML syntax error: /);
      expect(error.message, text).not.toContain(SECRET);
    }
  });

  it("never quotes a CSV's header, cells or lines", async () => {
    const CSVS = [
      `${SECRET},other\n1,2\n3,4\n`, // no column "x": the header is not echoed
      `x\n1\n${SECRET}\n`, // not a number
      `x\n1\n"${SECRET}\n`, // unclosed quote
      `x\n1\n"1"${SECRET}\n`, // text after a closing quote
      `x,y\n1,2\n3,4,${SECRET}\n`, // ragged row
      `x,x\n${SECRET},1\n`, // duplicate header
    ];
    for (const text of CSVS) {
      const csv = file("data.csv", text);
      const error = await loadError(file("s.yaml", `extends: ${BASE}\nbackup: { restoreThroughput: { dist: empirical, file: ${csv}, column: x } }\n`));
      expect(error.fieldPath, text).toBe("backup.restoreThroughput.file");
      expect(error.message, text).toMatch(/data\.csv:\d+: /);
      expect(error.message, text).not.toContain(SECRET);
    }
  });
});

describe("YAML that expands without bound", () => {
  /** Nine aliases of nine aliases …, `levels` deep: 9^levels values from a few hundred bytes. */
  function laughs(levels: number): string {
    const lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(", ")}]`);
    return `${lines.join("\n")}\n`;
  }

  it("refuses alias bombs of 4.8 million and 390 million values at once, at an alias", async () => {
    for (const levels of [7, 9]) {
      const error = await loadError(file("bomb.yaml", laughs(levels)));
      expect(error.message).toMatch(/expands to more than 100000 values/);
      expect(error.line).toBeGreaterThan(1);
    }
  });

  it("refuses recursive aliases and deep nesting as located errors", async () => {
    const list = await loadError(file("rec.yaml", "a: &a [1, *a]\n"));
    expect(list).toMatchObject({ line: 1, column: 11 });
    expect(list.message).toContain("recursive alias");
    expect((await loadError(file("rec.yaml", "a: &a { b: { c: *a } }\n"))).message).toContain("recursive alias");
    const deep = await loadError(file("deep.yaml", `a: ${"[".repeat(100)}${"]".repeat(100)}\n`));
    expect(deep.message).toMatch(/nested more than 64 levels|too deeply nested/);
  });

  it("still reads aliases that repeat a value a few times", async () => {
    const ok = file("ok.yaml", `extends: ${BASE}\nregions: { us-east-1: &r { outage: { rate: 0.2/year } }, us-west-2: *r }\n`);
    const { loadScenario } = await import("../../src/replication/scenario.js");
    const scenario = await loadScenario(ok);
    expect(scenario.regions.map((r) => r.outage.rate)).toEqual([0.2 / (365.25 * 86_400), 0.2 / (365.25 * 86_400)]);
  });
});

describe("a --set value", () => {
  it("holding a recursive alias is a located error, not a stack overflow", async () => {
    const error = await loadError(BASE, { overrides: [{ path: "regions", value: "&a [*a]" }] });
    expect(error.message).toBe("--set regions: YAML syntax error: an alias (*name) inside the value it names (a recursive alias)");
  });
});
