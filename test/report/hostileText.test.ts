// What a scenario says — its name, description, strategy labels — lands in Markdown, HTML and SVG
// as text: never as markup, a link, a table cell boundary or a script. Payloads go through the
// built CLI into every output that shows them.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { markdownText } from "../../src/report/markdownText.js";
import { DEFAULT_SCENARIO, drsim, tempDir } from "../cli/helpers.js";

/** The "|" that end a table cell: those not escaped by a backslash (itself not escaped). */
function cellBreaks(line: string): number {
  return [...line.matchAll(/(?<!\\)(?:\\\\)*\|/g)].length;
}

/** Markdown text back to what it reads as, for the escapes markdownText makes. */
function unescape(markdown: string): string {
  return markdown.replace(/\\([\\`*_[\]~|\-+#=.)])/g, "$1").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

describe("markdownText", () => {
  const PAYLOADS = [
    "<script>alert(1)</script>",
    "</td><td>x",
    "a | b",
    "`code` and ``more``",
    "[click](javascript:alert(1))",
    "![img](http://x/y.png)",
    "*bold* _it_ ~~gone~~",
    "&lt;script&gt; &#60;",
    "a\\",
    "- not a list",
    "# not a heading",
    "1. not a list",
    "2) nor this",
    "= not a rule",
  ];
  for (const payload of PAYLOADS) {
    it(`reads as itself: ${payload}`, () => {
      const md = markdownText(payload);
      expect(md).not.toMatch(/<[a-z/!]/i);
      expect(md).not.toMatch(/(?<!\\)(?:\\\\)*[`*_[\]~]/);
      expect(md).not.toMatch(/^(\s*)([-+#=]|\d+[.)])/);
      expect(unescape(md)).toBe(payload);
    });
  }

  it("leaves ordinary text as it is (summary.md of the shipped scenarios is unchanged)", () => {
    for (const text of ["Backup & restore, drilled yearly", "Warm standby 20 %", "us-east-1 with control-plane impairment (2021 / 2025 events)", "Tier-0 service: us-east-1 + us-west-2"]) {
      expect(markdownText(text)).toBe(text);
    }
  });

  it("makes a description one paragraph: a line break cannot start a block", () => {
    expect(markdownText("first line\n- item\n# heading")).toBe("first line - item # heading");
  });
});

describe("a scenario's text in every output", () => {
  const SCRIPT = "<script>alert(1)</script>";
  const NAME = `x</td><td>${SCRIPT} | \`tick\` [l](javascript:alert(1))`;
  const LABEL = `WS </td>${SCRIPT} |a|b| *em*`;
  const DESCRIPTION = `${SCRIPT}\n- item\n| c | d |\n<img src=x onerror=alert(1)>`;
  const dir = tempDir("hostile-text");
  const scenario = join(dir, "s.yaml");
  writeFileSync(
    scenario,
    [
      `extends: ${DEFAULT_SCENARIO}`,
      `name: ${JSON.stringify(NAME)}`,
      `description: ${JSON.stringify(DESCRIPTION)}`,
      "strategies:",
      `  warm-standby: { label: ${JSON.stringify(LABEL)} }`,
      "",
    ].join("\n"),
  );

  it("run: summary.md tables keep their cells, report.html and the SVGs hold no markup from the scenario", { timeout: 240_000 }, () => {
    const out = join(dir, "run");
    const r = drsim(["run", scenario, "-n", "300", "--strategies", "pilot-light,warm-standby", "--workers", "1", "--no-progress", "--quiet", "--out", out]);
    expect(r.status, r.stderr).toBe(0);

    const md = readFileSync(join(out, "summary.md"), "utf8");
    expect(md).not.toContain("<script");
    expect(md).not.toContain("<img");
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md.split("\n")[0]).toBe(`## ${markdownText(NAME)}`);
    // Every row of a table has as many cell boundaries as its header.
    const tables = md.split("\n\n").filter((block) => block.startsWith("|"));
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      const lines = table.trim().split("\n");
      for (const line of lines) expect(cellBreaks(line), line).toBe(cellBreaks(lines[0]!));
    }
    expect(md).toContain(markdownText(LABEL).replaceAll("|", "\\|"));

    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("</td><td>x");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");

    const svgs = readdirSync(join(out, "charts")).filter((f) => f.endsWith(".svg"));
    expect(svgs.length).toBeGreaterThan(0);
    for (const svg of svgs) {
      const text = readFileSync(join(out, "charts", svg), "utf8");
      expect(text, svg).not.toContain("<script");
      expect(text, svg).not.toContain("</td>");
    }
    // The label is drawn (in a legend or an axis) as escaped text.
    expect(svgs.some((svg) => readFileSync(join(out, "charts", svg), "utf8").includes("WS &lt;/td&gt;&lt;script&gt;"))).toBe(true);
  });

  it("recommend --out: recommendation.md escapes the name and the labels", { timeout: 240_000 }, () => {
    const out = join(dir, "rec");
    const r = drsim(["recommend", scenario, "--rto", "4h", "--rpo", "1h", "-n", "300", "--strategies", "pilot-light,warm-standby", "--workers", "1", "--no-progress", "--quiet", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    const md = readFileSync(join(out, "recommendation.md"), "utf8");
    expect(md).not.toContain("<script");
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    const table = md.split("\n").filter((line) => line.startsWith("|"));
    for (const line of table) expect(cellBreaks(line), line).toBe(cellBreaks(table[0]!));
    const svg = readFileSync(join(out, "charts", "loss-exceedance.svg"), "utf8");
    expect(svg).not.toContain("<script");
  });
});
