// report.html: the whole story of one run on one self-contained page — the decision first, then the
// headline metrics, where the impact comes from, every chart interactive (tooltips; click a legend
// entry to isolate it) with notes on how to read it, the method and the inputs with their sources.
// vega, vega-lite and vega-embed are inlined: it opens from disk offline.
import type { Chart } from "../charts/chart.js";
import type { RunData } from "../charts/load/run.js";
import { breakdownHtml } from "./breakdown.js";
import { decisionHtml } from "./decision.js";
import { escapeHtml, inlineScript, scriptJson } from "./escape.js";
import { inputsHtml } from "./inputs.js";
import { interactiveSpec } from "./interactive.js";
import { el, html, join, list, swatchName, text, type Html } from "./markup.js";
import { methodHtml } from "./method.js";
import { REPORT_CSS } from "./style.js";
import { headlineDefinitionsHtml, summaryTableHtml } from "./summaryTable.js";
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

function chartSection(chart: Chart): Html {
  const files = ["svg", "png", "vl.json"].map((ext) => el("a", { href: `charts/${chart.name}.${ext}` }, `${chart.name}.${ext}`));
  return join(
    [
      html(`<section id="${escapeHtml(chart.name)}" class="figure">`),
      el("h2", {}, chart.heading),
      el("div", { class: "chart", id: chartElementId(chart.name), role: "figure", "aria-label": chart.heading }),
      html('<div class="how">'),
      el("h3", {}, "How to read it"),
      list(chart.howToRead),
      el("p", { class: "files" }, "Static copies for documents: ", join(files, " · ")),
      html("</div>"),
      html("</section>"),
    ],
    "\n",
  );
}

/** The report's contents, in page order. */
function contents(charts: readonly Chart[], sections: readonly { id: string; title: string }[]): Html {
  const items = sections.map((s) => el("a", { href: `#${s.id}` }, s.title));
  const chartItems = charts.map((c) => el("a", { href: `#${c.name}` }, c.heading));
  return join([html("<nav>"), el("h2", {}, "Contents"), el("ol", {}, ...items.slice(0, 3).map((i) => el("li", {}, i)), el("li", {}, "Charts", el("ol", {}, ...chartItems.map((i) => el("li", {}, i)))), ...items.slice(3).map((i) => el("li", {}, i))), html("</nav>")], "\n");
}

/**
 * report.html: the decision first — the question, the targets, the recommendation and its evidence,
 * what each other strategy misses — then the headline metrics with their definitions, where the
 * impact comes from, the charts, the method with its Monte Carlo errors, and every input with its
 * source. Reads at 700 px and prints to A4 or Letter.
 */
export function reportHtml(run: RunData, charts: readonly Chart[]): string {
  const s = run.summary;
  const specs = Object.fromEntries(charts.map((c) => [chartElementId(c.name), interactiveSpec(c.spec)]));
  const title = `drsim report: ${run.scenario.name}`;
  const md =
    run.summaryMarkdown === undefined
      ? text("")
      : join([html("<details><summary>The same table as Markdown (summary.md), to paste into a design doc</summary>"), el("pre", {}, run.summaryMarkdown), html("</details>")], "\n");
  const breakdown = breakdownHtml(run);
  const sections = [
    { id: "decision", title: "Decision" },
    { id: "summary", title: "The headline metrics" },
    ...(breakdown === undefined ? [] : [{ id: "breakdown", title: "Where the impact comes from" }]),
    { id: "method", title: "Method and Monte Carlo error" },
    { id: "inputs", title: "Inputs and assumptions" },
  ];
  const body = join(
    [
      html("<header>"),
      el("p", { class: "kicker" }, "drsim report"),
      el("h1", {}, `Which disaster-recovery strategy for ${run.scenario.name}?`),
      html('<dl class="meta">'),
      el("dt", {}, "Scenario"),
      el("dd", {}, run.scenario.name),
      el("dt", {}, "Replications"),
      el("dd", {}, `${s.runs.toLocaleString("en-US")} simulated years per strategy, with common random numbers`),
      el("dt", {}, "Horizon"),
      el("dd", {}, horizonText(s.horizonHours)),
      el("dt", {}, "Seed"),
      el("dd", {}, String(s.seed)),
      el("dt", {}, "Strategies"),
      el("dd", {}, join(run.strategies.map((x) => swatchName(x.label, x.color)), " &nbsp; ")),
      el("dt", {}, "drsim"),
      el("dd", {}, s.drsim),
      html("</dl>"),
      html("</header>"),
      decisionHtml(run),
      contents(charts, sections),
      html('<section id="summary">'),
      el("h2", {}, "The headline metrics"),
      summaryTableHtml(s, run.strategies),
      headlineDefinitionsHtml(),
      md,
      html("</section>"),
      ...(breakdown === undefined ? [] : [html('<section id="breakdown">'), breakdown, html("</section>")]),
      html('<section id="charts-intro" class="charts-intro">'),
      el("h2", {}, "Charts"),
      el("p", { class: "hint interactive" }, "Hover a mark or a curve for its values. Click a legend entry to show only that strategy (shift-click to add more, double-click the chart to show all again). The ⋯ menu of each chart saves it as SVG or PNG."),
      html("</section>"),
      ...charts.map(chartSection),
      html('<section id="method">'),
      methodHtml(run),
      html("</section>"),
      html('<section id="inputs">'),
      inputsHtml(run),
      html("</section>"),
    ],
    "\n",
  );
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
    body.html,
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
