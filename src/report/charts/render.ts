// Vega-Lite spec → Vega (vega-lite compile) → SVG (a headless vega View, renderer "none") → PNG at
// 2× (resvg with only the committed font files). Text is laid out with the same font's metrics, so
// the three outputs agree and depend on nothing installed on the machine.
import { renderAsync } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { compactJson } from "./json.js";
import { FONT_FAMILY, FONT_FILES, installTextMetrics } from "./fonts.js";

export interface RenderedChart {
  /** The Vega-Lite spec as written to <name>.vl.json (2-space JSON, trailing newline). */
  readonly vegaLite: string;
  readonly svg: string;
  readonly png: Buffer;
  /** Warnings from vega-lite and vega (a correct chart has none). */
  readonly warnings: readonly string[];
}

export const PNG_SCALE = 2;

function collectingLogger(sink: string[], where: string): vega.LoggerInterface {
  return vega.logger(vega.Warn, undefined, (method: string, _level: string, input: unknown[]) => {
    if (method === "warn" || method === "error") sink.push(`${where}: ${input.map(String).join(" ")}`);
  });
}

/** The .vl.json text: compact-pretty JSON with a trailing newline. */
export function specJson(spec: TopLevelSpec): string {
  return `${compactJson(spec)}\n`;
}

/** The SVG Vega draws for a Vega-Lite spec, at 1×. */
export async function renderSvg(spec: TopLevelSpec, warnings: string[] = []): Promise<string> {
  installTextMetrics();
  const { spec: vgSpec } = compile(spec, { logger: collectingLogger(warnings, "vega-lite") });
  const view = new vega.View(vega.parse(vgSpec), {
    renderer: "none",
    logger: collectingLogger(warnings, "vega"),
    logLevel: vega.Warn,
  });
  try {
    // Clip-path and gradient ids come from module-level counters: reset them so equal specs give equal bytes.
    vega.resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterise an SVG at `scale`× with the committed fonts only, on libuv's thread pool (resvg's
 * renderAsync: the same bytes as its synchronous render), so the main thread lays out the next
 * chart meanwhile.
 */
export async function svgToPng(svg: string, scale = PNG_SCALE): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: {
      loadSystemFonts: false,
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "off",
  });
  return image.asPng();
}

export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  const [chart] = await renderCharts([spec]);
  return chart!;
}

/**
 * Charts in order, each one's PNG rasterised off the main thread while the next one's SVG is laid
 * out on it: six charts take about the time of their SVGs, not of their SVGs and PNGs.
 */
export async function renderCharts(specs: readonly TopLevelSpec[]): Promise<RenderedChart[]> {
  const charts: Promise<RenderedChart>[] = [];
  for (const spec of specs) {
    const warnings: string[] = [];
    const svg = await renderSvg(spec, warnings);
    const chart = svgToPng(svg).then((png) => ({ vegaLite: specJson(spec), svg, png, warnings }));
    // Awaited below with the others; a failure is not "unhandled" while a later SVG is laid out.
    chart.catch(() => undefined);
    charts.push(chart);
  }
  return Promise.all(charts);
}
