// report.html in a real browser (Debian's chromium through playwright-core), on a real run of the
// default scenario with its targets: it loads from file:// with no console error and no network
// request; it opens with the executive summary — the question, the targets, the recommendation and
// its evidence — and has the inputs table with the sources; every chart draws its marks; a legend
// click isolates a strategy; it reads at 700 px (nothing wider than the window but the tables and
// charts' own scrolling boxes) and prints (A4, interactive parts hidden). Screenshots are kept in
// test-artifacts/: report.png, report-700.png, report-print.png and report.pdf.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runStudy } from "../../src/app/runStudy.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ROOT = resolve(import.meta.dirname, "../..");
const CHART_NAMES = ["exceedance", "rto-rpo", "loss-exceedance", "cost-risk", "downtime-ecdf", "recovery-steps"];
const ARTIFACTS = resolve("test-artifacts");
// Run in the page; the project compiles without the DOM library, so page globals are reached as the page's window.
const PAGE_WIDTH = "document.documentElement.scrollWidth";
function computedStyle(e: { ownerDocument: { defaultView: unknown } }, property: string): string {
  const view = e.ownerDocument.defaultView as { getComputedStyle(el: unknown): Record<string, string> };
  return view.getComputedStyle(e)[property]!;
}

/** The executive summary, the recommendation and the inputs table are shown, within `width`, first the decision. */
async function expectDecisionAndInputs(p: Page, width: number): Promise<void> {
  for (const selector of ["#decision", "#recommended", "#decision table.evidence", "#inputs table.inputs"]) {
    const box = await p.locator(selector).first().boundingBox();
    expect(box, selector).not.toBeNull();
    expect(box!.width, selector).toBeGreaterThan(0);
    expect(box!.x + box!.width, selector).toBeLessThanOrEqual(width);
  }
  expect(["Backup & restore", "Pilot light", "Warm standby", "Active–active"]).toContain(await p.locator("#recommended").innerText());
  const top = async (selector: string): Promise<number> => (await p.locator(selector).boundingBox())!.y;
  expect(await top("#decision")).toBeLessThan(await top("#inputs"));
  expect(await p.locator("#inputs table.inputs tbody tr").count()).toBeGreaterThan(50);
}

describe.skipIf(!existsSync(CHROMIUM))("report.html in chromium", () => {
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  let runDir: string;
  let url: string;
  const consoleErrors: string[] = [];
  const network: string[] = [];

  beforeAll(async () => {
    runDir = mkdtempSync(join(tmpdir(), "drsim-report-"));
    // The default scenario states tier-0 targets: the run decides, and report.html opens with it.
    await runStudy({ scenario: join(ROOT, "scenarios/default.yaml"), runs: 800, seed: 7, workers: 1, out: runDir });
    profile = mkdtempSync(join(tmpdir(), "drsim-chromium-"));
    // A new, empty profile directory: nothing cached, nothing synced.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      viewport: { width: 1100, height: 900 },
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    page.on("request", (r) => {
      const u = r.url();
      if (!u.startsWith("file:") && !u.startsWith("data:")) network.push(u);
    });
    url = pathToFileURL(join(runDir, "report.html")).href;
    await page.goto(url);
    await page.waitForSelector(`body[data-charts-rendered="${CHART_NAMES.length}"]`, { timeout: 60_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(runDir, { recursive: true, force: true });
  });

  test("loads with no console error and no network request", () => {
    expect(consoleErrors).toEqual([]);
    expect(network).toEqual([]);
  });

  test("opens with the executive summary: the question, the targets, the recommendation and its evidence", async () => {
    // The decision comes first, before any table or chart.
    const order = await page.$$eval("main > section, main > nav", (els) => els.map((e) => e.id || e.tagName.toLowerCase()));
    expect(order[0]).toBe("decision");
    const decision = await page.locator("#decision").innerText();
    expect(decision).toMatch(/The question\./);
    expect(decision).toMatch(/The targets\. Every region failure of a year back at full service within 1 h \(RTO\)/);
    const recommended = await page.locator("#recommended").innerText();
    expect(["Backup & restore", "Pilot light", "Warm standby", "Active–active"]).toContain(recommended);
    // Its evidence: each promise with the share of years that keep it and its interval, and the cost.
    const evidence = await page.locator("#decision table.evidence tbody tr").allInnerTexts();
    expect(evidence.map((r) => r.split("\t")[0])).toEqual(["RTO ≤ 1 h", "RPO ≤ 1 min", "avail. ≥ 99.9 %", "Mean cost of risk a year"]);
    for (const row of evidence.slice(0, 3)) expect(row).toMatch(/\d\.\d{3} \[\d\.\d+, \d\.\d+\] ✓/);
    // Every strategy against the promises and, paired, against the recommended one's cost.
    const compare = await page.locator("#decision table.compare tbody tr").allInnerTexts();
    expect(compare).toHaveLength(4);
    expect(compare.filter((r) => /recommended/.test(r))).toHaveLength(1);
    expect(compare.filter((r) => /[+-]\$[\d.]+[kM]? \[/.test(r))).toHaveLength(3);
    expect(decision).toMatch(/What the others miss/);
  });

  test("has the inputs table: every value with its unit, where it was written and its cited source", async () => {
    const rows = await page.locator("#inputs table.inputs tbody tr").allInnerTexts();
    expect(rows.length).toBeGreaterThan(50);
    const rate = rows.find((r) => r.startsWith("regionDefaults.outage.rate"))!;
    expect(rate.split("\t")).toEqual(["regionDefaults.outage.rate", "0.1", "/year", expect.stringMatching(/^\.\.\/models\/outages\.yaml:\d+$/), expect.stringMatching(/reference\/SOURCES\.md/)]);
    expect(await page.locator("#inputs .assumption").count()).toBeGreaterThan(5);
  });

  test("shows the method with its Monte Carlo errors, and the per-cause breakdown", async () => {
    expect(await page.locator("#method").innerText()).toMatch(/800 replications[\s\S]*Common random numbers[\s\S]*± SE/);
    expect(await page.locator("#breakdown table.breakdown").count()).toBe(3);
  });

  test.each(CHART_NAMES)("chart %s is drawn as SVG with its marks", async (name) => {
    const svg = page.locator(`#vis-${name} svg.marks`);
    await expect(svg.count()).resolves.toBe(1);
    const marks = await page.locator(`#vis-${name} svg .role-mark path, #vis-${name} svg .role-mark line`).count();
    expect(marks).toBeGreaterThan(0);
    expect(await page.locator(`#vis-${name} + .how li`).count()).toBeGreaterThan(0);
  });

  test("a legend click isolates a strategy, a double click restores all", async () => {
    const chart = "#vis-downtime-ecdf";
    const opaque = (): Promise<number> =>
      page.$$eval(`${chart} svg .mark-line path`, (paths) =>
        paths.filter((p) => Number(p.getAttribute("opacity") ?? "1") > 0.5).length,
      );
    expect(await opaque()).toBe(4);
    await page.locator(`${chart} svg .role-legend-label text`).nth(1).click({ timeout: 5000 });
    await page.waitForTimeout(100);
    expect(await opaque()).toBe(1);
    await page.locator(`${chart} svg.marks`).dblclick({ position: { x: 300, y: 200 }, timeout: 5000 });
    await page.waitForTimeout(100);
    expect(await opaque()).toBe(4);
  });

  test("hovering shows tooltips: a point's values, and a line's value nearest the pointer", async () => {
    const tooltip = page.locator("#vg-tooltip-element");
    await page.locator("#vis-cost-risk").scrollIntoViewIfNeeded();
    await page.locator("#vis-cost-risk svg .mark-symbol path").nth(3).hover({ force: true, timeout: 5000 });
    await expect.poll(() => tooltip.innerText(), { timeout: 5000 }).toMatch(/Mean cost of risk/);
    await page.locator("#vis-downtime-ecdf").scrollIntoViewIfNeeded();
    const box = (await page.locator("#vis-downtime-ecdf svg.marks").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.62, box.y + box.height * 0.45);
    await expect.poll(() => tooltip.innerText(), { timeout: 5000 }).toMatch(/Share of years at or below/);
  });

  test("reads at 700 px: the page is no wider than the window; tables and charts fit or scroll in their own box", async () => {
    await page.screenshot({ path: join(ARTIFACTS, "report.png") });
    const narrow = await browser.newPage();
    try {
      await narrow.setViewportSize({ width: 700, height: 1000 });
      await narrow.goto(url);
      await narrow.waitForSelector(`body[data-charts-rendered="${CHART_NAMES.length}"]`, { timeout: 60_000 });
      expect(await narrow.evaluate<number>(PAGE_WIDTH)).toBeLessThanOrEqual(700);
      // Every chart's drawing is scaled to the column.
      const widths = await narrow.$$eval(".chart svg.marks", (svgs) => svgs.map((s) => s.getBoundingClientRect().width));
      for (const w of widths) expect(w).toBeLessThanOrEqual(700);
      await expectDecisionAndInputs(narrow, 700);
      await narrow.screenshot({ path: join(ARTIFACTS, "report-700.png") });
    } finally {
      await narrow.close();
    }
  });

  test("prints to A4: the interactive parts are hidden and the decision fills the first page", async () => {
    const printed = await browser.newPage();
    try {
      await printed.setViewportSize({ width: 794, height: 1123 });
      await printed.emulateMedia({ media: "print" });
      await printed.goto(url);
      await printed.waitForSelector(`body[data-charts-rendered="${CHART_NAMES.length}"]`, { timeout: 60_000 });
      for (const hidden of ["nav", ".interactive", ".files"]) {
        expect(await printed.locator(hidden).first().evaluate(computedStyle, "display"), hidden).toBe("none");
      }
      expect(await printed.locator("#decision").evaluate(computedStyle, "breakAfter")).toBe("page");
      expect(await printed.evaluate<number>(PAGE_WIDTH)).toBeLessThanOrEqual(794);
      await expectDecisionAndInputs(printed, 794);
      await printed.screenshot({ path: join(ARTIFACTS, "report-print.png") });
      await printed.pdf({ path: join(ARTIFACTS, "report.pdf"), format: "A4" });
      expect(statSync(join(ARTIFACTS, "report.pdf")).size).toBeGreaterThan(50_000);
    } finally {
      await printed.close();
    }
  });
});
