// report.html as a document: self-contained (the three bundles inline, nothing loaded from
// anywhere), the specs embedded equal the chart files, the scenario, seed and summary table shown.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { renderRunReport } from "../../src/report/charts/index.js";
import type { TopLevelSpec } from "vega-lite";
import { escapeHtml, inlineScript, scriptJson } from "../../src/report/html/escape.js";
import { interactiveSpec } from "../../src/report/html/interactive.js";
import { availability, nines } from "../../src/report/html/summaryTable.js";
import { writeSyntheticRun } from "./fixture.js";

let dir: string;
let html: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "drsim-html-"));
  writeSyntheticRun(dir, { runs: 400, seed: 5 });
  await renderRunReport(dir);
  html = readFileSync(join(dir, "report.html"), "utf8");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("vega, vega-lite and vega-embed are inlined; nothing is loaded from elsewhere", () => {
  for (const b of ["vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"]) {
    expect(html).toContain(`<script data-bundle="${b}">`);
  }
  // The markup outside the inline scripts loads nothing: no src, no link, no image, no CSS url().
  const markup = html.replace(/<script\b[^>]*>.*?<\/script>/gs, "<script></script>");
  expect(markup.length).toBeLessThan(60_000);
  for (const pattern of [/\ssrc=/, /<link\b/, /<img\b/, /<iframe\b/, /@import/, /url\(/, /https?:\/\//]) {
    expect(pattern.test(markup), String(pattern)).toBe(false);
  }
  expect(html.length).toBeGreaterThan(800_000);
});

test("the embedded specs are the charts' .vl.json files, plus hover read-outs on lines", () => {
  const m = /<script type="application\/json" id="drsim-specs">(.*?)<\/script>/s.exec(html);
  expect(m).not.toBeNull();
  const specs = JSON.parse(m![1]!) as Record<string, unknown>;
  expect(Object.keys(specs)).toEqual(["vis-exceedance", "vis-rto-rpo", "vis-loss-exceedance", "vis-cost-risk", "vis-downtime-ecdf", "vis-recovery-steps"]);
  for (const [id, spec] of Object.entries(specs)) {
    const file = JSON.parse(readFileSync(join(dir, "charts", `${id.slice(4)}.vl.json`), "utf8")) as unknown;
    expect(spec).toEqual(interactiveSpec(file as TopLevelSpec));
    expect(html).toContain(`id="${id}"`);
  }
});

test("scenario, seed, replications and the summary table with one row per strategy", () => {
  expect(html).toContain("<title>drsim report: synthetic</title>");
  expect(html).toMatch(/<dt>Seed<\/dt>\s*<dd>5<\/dd>/);
  expect(html).toMatch(/<dt>Replications<\/dt>\s*<dd>400 simulated years per strategy/);
  const body = /<table class="summary">.*?<tbody>(.*?)<\/tbody>/s.exec(html)![1]!;
  expect(body.match(/<tr>/g)).toHaveLength(4);
  for (const label of ["Backup &amp; restore", "Pilot light", "Warm standby 30 %", "Active–active"]) expect(body).toContain(label);
  expect(html).toContain("summary.md");
  expect((html.match(/<h3>How to read it<\/h3>/g) ?? []).length).toBe(6);
});

test("escaping keeps markup and scripts intact", () => {
  expect(escapeHtml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  expect(scriptJson({ s: "</script><!--" })).not.toMatch(/<\/script|<!--/);
  expect(inlineScript('var s = "</script>"; // <!--')).not.toMatch(/<\/script|<!--/);
});

test("availability shows its nines", () => {
  expect(availability(0.99987)).toBe("99.987\u202f%");
  expect(nines(0.999)).toBe("3.00");
  expect(availability(1)).toBe("100 %");
});

test("interactiveSpec turns each line view into line + hover points, leaving the static spec alone", () => {
  const file = JSON.parse(readFileSync(join(dir, "charts", "exceedance.vl.json"), "utf8")) as TopLevelSpec;
  const before = JSON.stringify(file);
  type Unit = { name?: string; mark: unknown; transform?: unknown[]; encoding: Record<string, unknown>; layer?: Unit[] };
  const out = interactiveSpec(file) as unknown as { vconcat: { hconcat: { name?: string; layer: Unit[] }[] }[] };
  expect(JSON.stringify(file)).toBe(before);
  const panels = out.vconcat.flatMap((row) => row.hconcat);
  expect(panels.map((p) => p.name)).toEqual(["rto", "rpo", "downtime", "loss"]);
  for (const panel of panels) {
    // The panel's first layer, its curves, became a line and its hover points.
    const [line, hover] = panel.layer[0]!.layer!;
    expect(line!.encoding.tooltip).toBeUndefined();
    expect(hover!.mark).toMatchObject({ type: "point" });
    expect(hover!.encoding.tooltip).toBeDefined();
    expect(hover!.transform).toEqual([{ filter: { param: "legendPick" } }]);
  }
  expect(interactiveSpec(file)).toEqual(out); // deterministic
});
