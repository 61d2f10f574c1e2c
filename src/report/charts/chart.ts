// What a chart builder returns, and the pieces every strategy chart shares: the strategy colour
// scale, the legend-bound selection that toggles a strategy, and the dimming it drives.
import type { TopLevelSpec } from "vega-lite";
import type { Field } from "vega-lite/types_unstable/channeldef.js";
import type { LayerSpec, NonNormalizedSpec, UnitSpec } from "vega-lite/types_unstable/spec/index.js";
import type { StrategyInfo } from "./load/run.js";

export interface Chart {
  /** File base name under charts/: <name>.vl.json, .svg, .png. */
  readonly name: string;
  /** The heading in report.html (the spec's own title says the same). */
  readonly heading: string;
  /** How to read it: plain sentences, shown under the chart in report.html. */
  readonly howToRead: readonly string[];
  readonly spec: TopLevelSpec;
}

/** A view inside a concat or layer (vega-lite's own type, exported only under types_unstable). */
export type ViewSpec = NonNormalizedSpec;
/** A view inside a layer. */
export type LayerChild = LayerSpec<Field> | UnitSpec<Field>;

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Name of the legend-bound selection in every chart (clicking a legend entry keeps only it). */
export const LEGEND_PARAM = "legendPick";

/** The colour scale that gives each strategy its colour, keyed by label, in scenario order. */
export function strategyColorScale(strategies: readonly StrategyInfo[]): { domain: string[]; range: string[] } {
  return { domain: strategies.map((s) => s.label), range: strategies.map((s) => s.color) };
}

/** The strategy colour channel of a chart whose legend sits below it, `columns` entries to a row. */
export function strategyColorBelow(strategies: readonly StrategyInfo[], columns: number, columnPadding: number) {
  return {
    field: "strategy",
    type: "nominal" as const,
    title: null,
    scale: strategyColorScale(strategies),
    legend: { orient: "bottom" as const, direction: "horizontal" as const, columns, columnPadding },
  };
}

/**
 * A dash pattern per strategy (solid, dashed, dotted, dash-dot, …), keyed by label: where curves
 * coincide — most years without downtime for every failover strategy — one line cannot hide another.
 */
export function strategyDashScale(strategies: readonly StrategyInfo[]): { domain: string[]; range: number[][] } {
  const patterns = [[1, 0], [7, 3], [2, 2.5], [9, 3, 2, 3], [4, 4], [12, 4]];
  return { domain: strategies.map((s) => s.label), range: strategies.map((_, i) => patterns[i % patterns.length]!) };
}

/**
 * A point selection bound to the legend over `field`: click an entry (or a mark) to keep only it,
 * shift-click for more, double-click anywhere in the chart to show all again.
 */
export function legendSelection(field: string): {
  name: string;
  select: { type: "point"; fields: string[]; on: string; clear: string };
  bind: "legend";
} {
  return { name: LEGEND_PARAM, select: { type: "point", fields: [field], on: "click", clear: "dblclick" }, bind: "legend" };
}

/** Opacity encoding: full for the selected entries (or all when none is), faint for the rest. */
export function dimUnselected(full = 1, faint = 0.12): {
  condition: { param: string; value: number; empty: boolean };
  value: number;
} {
  return { condition: { param: LEGEND_PARAM, value: full, empty: true }, value: faint };
}

/** A Vega expression mapping legend labels to longer text (chained ternaries; JSON strings are valid). */
export function labelLookup(map: ReadonlyMap<string, string>): string {
  let expr = "datum.label";
  for (const [from, to] of [...map].reverse()) {
    expr = `datum.label === ${JSON.stringify(from)} ? ${JSON.stringify(to)} : ${expr}`;
  }
  return expr;
}
