// The look shared by every chart: one font, sizes readable at 100 % in a ~700 px doc column,
// light grids, a white background (PNG and SVG paste onto any page), titles anchored left.
import type { Config } from "vega-lite";
import { FONT_STACK } from "./fonts.js";
import { GRID, INK, MUTED_INK } from "./palette.js";

/** Plot-area width of a single-panel chart; axes and padding bring the figure to ~680 px. */
export const PLOT_WIDTH = 540;
export const PLOT_HEIGHT = 300;

export const THEME: Config = {
  font: FONT_STACK,
  background: "white",
  padding: 12,
  view: { stroke: "#bbbbbb" },
  title: {
    anchor: "start",
    fontSize: 15,
    fontWeight: "bold",
    color: INK,
    subtitleFontSize: 11.5,
    subtitleColor: MUTED_INK,
    subtitlePadding: 6,
    offset: 14,
  },
  axis: {
    labelFontSize: 11,
    labelColor: INK,
    titleFontSize: 12,
    titleFontWeight: "normal",
    titleColor: INK,
    gridColor: GRID,
    domainColor: "#888888",
    tickColor: "#888888",
    titlePadding: 8,
  },
  legend: {
    labelFontSize: 11.5,
    labelColor: INK,
    titleFontSize: 12,
    titleFontWeight: "normal",
    titleColor: INK,
    labelLimit: 420,
    symbolSize: 110,
    symbolStrokeWidth: 2.5,
  },
  header: { labelFontSize: 12, titleFontSize: 12, labelColor: INK },
  text: { fontSize: 11, color: INK },
  line: { strokeWidth: 2.25 },
};
