// report.html: the whole story of one run on one self-contained page — scenario and seed, the
// summary table, and every chart interactive (tooltips; click a legend entry to isolate it) with
// notes on how to read it. vega, vega-lite and vega-embed are inlined: it opens from disk offline.
import type { Chart } from "../charts/chart.js";
import type { RunData } from "../charts/load/run.js";
import { escapeHtml, inlineScript, scriptJson } from "./escape.js";
import { interactiveSpec } from "./interactive.js";
import { REPORT_CSS } from "./style.js";
import { summaryTableHtml } from "./summaryTable.js";
import { vendorScripts } from "./vendor.js";

/** The id of the element a chart is embedded into. */
export function chartElementId(name: string): string {
  return `vis-${name}`;
}

/** Runs in the page: embed every spec, then flag completion for readers and tests. */
const BOOTSTRAP = `
(function () {
  var specs = JSON.parse(document.getElementById("drsim-specs").textContent);
  var options = {
    renderer: "svg",
    actions: { export: true, source: false, compiled: false, editor: false },
  };
  window.drsimViews = {};
  var pending = Object.keys(specs).map(function (id) {
    return vegaEmbed("#" + id, specs[id], options).then(function (result) {
      window.drsimViews[id] = result.view;
    }, function (error) {
      console.error("chart " + id + " failed: " + error);
      document.getElementById(id).textContent = "This chart could not be drawn: " + error;
    });
  });
  Promise.all(pending).then(function () {
    document.body.setAttribute("data-charts-rendered", String(Object.keys(window.drsimViews).length));
  });
})();
`;

function horizonText(hours: number): string {
  const years = hours / (365.25 * 24);
  if (Math.abs(years - 1) < 0.01) return `1 year (${Math.round(hours).toLocaleString("en-US")} h)`;
  if (years >= 1) return `${Number(years.toPrecision(3))} years`;
  if (hours >= 48) return `${Number((hours / 24).toPrecision(3))} days`;
  return `${Number(hours.toPrecision(3))} hours`;
}

function chartSection(chart: Chart): string {
  const files = ["svg", "png", "vl.json"].map((ext) => `<a href="charts/${chart.name}.${ext}">${chart.name}.${ext}</a>`);
  return [
    `<section id="${chart.name}">`,
    `<h2>${escapeHtml(chart.heading)}</h2>`,
    `<div class="chart" id="${chartElementId(chart.name)}" role="figure" aria-label="${escapeHtml(chart.heading)}"></div>`,
    '<div class="how">',
    "<h3>How to read it</h3>",
    `<ul>\n${chart.howToRead.map((s) => `<li>${escapeHtml(s)}</li>`).join("\n")}\n</ul>`,
    `<p class="files">Static copies for documents: ${files.join(" · ")}</p>`,
    "</div>",
    "</section>",
  ].join("\n");
}

export function reportHtml(run: RunData, charts: readonly Chart[]): string {
  const s = run.summary;
  const specs = Object.fromEntries(charts.map((c) => [chartElementId(c.name), interactiveSpec(c.spec)]));
  const title = `drsim report: ${run.scenario.name}`;
  const md =
    run.summaryMarkdown === undefined
      ? ""
      : `<details><summary>The same table as Markdown (summary.md), to paste into a design doc</summary>\n<pre>${escapeHtml(run.summaryMarkdown)}</pre>\n</details>`;
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    "<header>",
    `<h1>Disaster-recovery strategies compared: ${escapeHtml(run.scenario.name)}</h1>`,
    run.scenario.description === "" ? "" : `<p class="desc">${escapeHtml(run.scenario.description)}</p>`,
    '<dl class="meta">',
    `<dt>Scenario</dt><dd>${escapeHtml(run.scenario.name)}</dd>`,
    `<dt>Seed</dt><dd>${escapeHtml(String(s.seed))}</dd>`,
    `<dt>Replications</dt><dd>${s.runs.toLocaleString("en-US")} per strategy, with common random numbers</dd>`,
    `<dt>Horizon</dt><dd>${horizonText(s.horizonHours)}</dd>`,
    `<dt>Strategies</dt><dd>${run.strategies.map((x) => `<span class="swatch" style="background:${x.color}"></span>${escapeHtml(x.label)}`).join(" &nbsp; ")}</dd>`,
    `<dt>drsim</dt><dd>${escapeHtml(s.drsim)}</dd>`,
    "</dl>",
    "</header>",
    '<section id="summary">',
    "<h2>Summary</h2>",
    summaryTableHtml(s, run.strategies),
    '<p class="hint">Per-year figures are over simulated years (replications); RTO and RPO are over incidents. p50 / p99: median and 99th percentile. Cost of risk = standing infrastructure + surge compute during incidents + penalties.</p>',
    md,
    "</section>",
    "<nav>",
    "<h2>Charts</h2>",
    '<p class="hint">Hover a mark or a curve for its values. Click a legend entry to show only that strategy (shift-click to add more, double-click the chart to show all again). The ⋯ menu of each chart saves it as SVG or PNG.</p>',
    `<ol>\n${charts.map((c) => `<li><a href="#${c.name}">${escapeHtml(c.heading)}</a></li>`).join("\n")}\n</ol>`,
    "</nav>",
    ...charts.map(chartSection),
    "</main>",
    ...vendorScripts().map((v) => `<script data-bundle="${v.name}">${inlineScript(v.source)}</script>`),
    `<script type="application/json" id="drsim-specs">${scriptJson(specs)}</script>`,
    `<script>${BOOTSTRAP}</script>`,
    "</body>",
    "</html>",
  ]
    .filter((line) => line !== "")
    .join("\n")
    .concat("\n");
}
