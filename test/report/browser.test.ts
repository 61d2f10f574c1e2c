// report.html in a real browser (Debian's chromium through playwright-core): it loads from file://
// with no console error and no network request, every chart draws its marks, a legend click
// isolates a strategy, and a screenshot is kept in test-artifacts/report.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderRunReport } from "../../src/report/charts/index.js";
import { writeSyntheticRun } from "./fixture.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHART_NAMES = ["downtime-ecdf", "exceedance", "cost-risk", "rto-rpo", "recovery-steps"];

describe.skipIf(!existsSync(CHROMIUM))("report.html in chromium", () => {
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  let runDir: string;
  const consoleErrors: string[] = [];
  const network: string[] = [];

  beforeAll(async () => {
    runDir = mkdtempSync(join(tmpdir(), "drsim-report-"));
    writeSyntheticRun(runDir, { runs: 800 });
    await renderRunReport(runDir);
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
      const url = r.url();
      if (!url.startsWith("file:") && !url.startsWith("data:")) network.push(url);
    });
    await page.goto(pathToFileURL(join(runDir, "report.html")).href);
    await page.waitForSelector(`body[data-charts-rendered="${CHART_NAMES.length}"]`, { timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(runDir, { recursive: true, force: true });
  });

  test("loads with no console error and no network request", () => {
    expect(consoleErrors).toEqual([]);
    expect(network).toEqual([]);
  });

  test("shows the scenario, the seed and the summary table", async () => {
    const header = await page.locator("header").innerText();
    expect(header).toContain("synthetic");
    expect(header).toMatch(/Seed\s+7/);
    expect(await page.locator("table.summary tbody tr").count()).toBe(4);
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

  test("keeps a screenshot", async () => {
    const out = resolve("test-artifacts");
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: join(out, "report.png"), fullPage: true });
    expect(existsSync(join(out, "report.png"))).toBe(true);
  });
});
