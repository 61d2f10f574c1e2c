// Sweep charts: one summary metric against one swept parameter, a line per strategy (mean metrics
// with their 95 % confidence band). When other parameters vary too, one panel per combination of
// their values, so no line silently averages over them.
import type { TopLevelSpec } from "vega-lite";
import { axisValue, SWEEP_METRIC_COLUMNS, type SweepTable } from "../../../analysis/sweepTable.js";
import { parseMetricPath, type MetricPath } from "../../../analysis/metricPath.js";
import { dimUnselected, legendSelection, strategyColorScale, VEGA_LITE_SCHEMA, type Chart, type LayerChild } from "../chart.js";
import { roundSig } from "../scales.js";
import type { StrategyInfo } from "../load/run.js";
import { PLOT_HEIGHT, PLOT_WIDTH, THEME } from "../theme.js";
import { axisFormat, parameterTitle, slug } from "./write.js";

/** The metrics charted against every swept parameter, with their axis titles. */
export const SWEEP_CHART_METRICS: readonly { readonly path: string; readonly title: string }[] = [
  { path: "downtimeMinutes.mean", title: "Mean downtime per year (min)" },
  { path: "downtimeMinutes.p99", title: "p99 downtime per year (min)" },
  { path: "dataLossSeconds.mean", title: "Mean data loss per year (s of writes)" },
  { path: "dataLossSeconds.p99", title: "p99 data loss per year (s of writes)" },
  { path: "availability.mean", title: "Mean availability" },
  { path: "incidents.regionFailures.rtoMinutes.p50", title: "Median RTO per region failure (min)" },
  { path: "incidents.regionFailures.rtoMinutes.p99", title: "p99 RTO per region failure (min)" },
  { path: "incidents.rpoSeconds.p99", title: "p99 RPO per incident (s)" },
  { path: "costUSD.mean", title: "Mean total cost of risk per year (USD)" },
];

function column(path: MetricPath): number {
  const i = SWEEP_METRIC_COLUMNS.findIndex((m) => m.text === path.text);
  if (i < 0) throw new Error(`sweep chart: ${path.text} is not a sweep.csv column`);
  return i;
}

interface Row {
  strategy: string;
  x: number | string;
  y: number;
  lo?: number;
  hi?: number;
  panel: string;
}

export function sweepChart(table: SweepTable, p: number, metric: { path: string; title: string }, strategies: readonly StrategyInfo[]): Chart {
  const param = table.parameters[p]!;
  const axis = table.axes[p]!;
  const path = parseMetricPath(metric.path);
  const yCol = column(path);
  const band = path.stat === "mean" && path.metric !== undefined;
  const loCol = band ? column(parseMetricPath(`${path.metric}.ci95lo`)) : -1;
  const hiCol = band ? column(parseMetricPath(`${path.metric}.ci95hi`)) : -1;
  const others = table.parameters.map((q, i) => ({ q, i })).filter(({ q, i }) => i !== p && q.values.length > 1);
  const label = new Map(strategies.map((s) => [s.id, s.label]));
  const rows: Row[] = [];
  for (const r of table.rows) {
    const y = r.metrics[yCol]!;
    if (!Number.isFinite(y)) continue;
    const row: Row = {
      strategy: label.get(r.strategy) ?? r.strategy,
      x: axis.kind === "quantitative" ? axisValue(table, p, r.values[p]!) : r.values[p]!,
      y: roundSig(y, 6),
      panel: others.map(({ q, i }) => `${q.path} = ${r.values[i]!}`).join(", "),
    };
    if (band) {
      row.lo = roundSig(r.metrics[loCol]!, 6);
      row.hi = roundSig(r.metrics[hiCol]!, 6);
    }
    rows.push(row);
  }
  const xTitle = parameterTitle(param.path, axis.kind === "quantitative" ? axis.unit : "");
  const x =
    axis.kind === "quantitative"
      ? { field: "x", type: "quantitative" as const, title: xTitle, scale: { zero: false } }
      : { field: "x", type: "ordinal" as const, title: xTitle, sort: [...param.values], axis: { labelAngle: 0, labelLimit: 160 } };
  const yFormat = axisFormat(path.text, rows.flatMap((r) => [r.y, ...(r.lo === undefined ? [] : [r.lo]), ...(r.hi === undefined ? [] : [r.hi])]));
  const color = {
    field: "strategy",
    type: "nominal" as const,
    title: null,
    scale: strategyColorScale(strategies),
    legend: { orient: "bottom" as const, direction: "horizontal" as const, columns: 2, columnPadding: 24 },
  };
  const layers: LayerChild[] = [];
  // The band layer goes after the line layer: the legend draws its symbols from the first layer, so
  // they stay solid; a 15 % band over the line hides nothing.
  const bands: LayerChild[] = [];
  if (band) {
    bands.push({
      mark: { type: "area", opacity: 0.15 },
      encoding: { x, y: { field: "lo", type: "quantitative", title: metric.title }, y2: { field: "hi" }, color },
    });
  }
  layers.push({
    params: [legendSelection("strategy")],
    mark: { type: "line", point: { size: 40, filled: true } },
    encoding: {
      x,
      y: { field: "y", type: "quantitative", title: metric.title, scale: { zero: false }, axis: { format: yFormat } },
      color,
      opacity: dimUnselected(),
      tooltip: [
        { field: "strategy", title: "Strategy" },
        { field: "x", title: param.path },
        { field: "y", title: metric.title, format: yFormat },
        ...(band ? [{ field: "lo", title: "95 % CI low", format: yFormat }, { field: "hi", title: "95 % CI high", format: yFormat }] : []),
      ],
    },
  });
  layers.push(...bands);
  const subtitle = [
    `One line per strategy${band ? "; shaded: the 95 % confidence interval of the mean" : ""}.`,
    "Every point uses the same seed (common random numbers), so neighbouring points are paired.",
  ];
  const title = { text: `${metric.title} vs ${xTitle.charAt(0).toLowerCase()}${xTitle.slice(1)}`, subtitle };
  const faceted = others.length > 0;
  const spec: TopLevelSpec = faceted
    ? {
        $schema: VEGA_LITE_SCHEMA,
        config: THEME,
        title,
        data: { values: rows },
        facet: { field: "panel", type: "nominal", title: null, sort: [...new Set(rows.map((r) => r.panel))] },
        columns: 3,
        spec: { width: 240, height: 180, layer: layers },
      }
    : { $schema: VEGA_LITE_SCHEMA, config: THEME, title, data: { values: rows }, width: PLOT_WIDTH, height: PLOT_HEIGHT, layer: layers };
  return {
    name: `sweep-${slug(metric.path)}-vs-${slug(param.path)}`,
    heading: `${metric.title} against ${param.path}`,
    howToRead: [
      `Each line follows one strategy as ${param.path} takes the swept values${faceted ? "; each panel holds the other swept parameters fixed" : ""}.`,
      "The points share their random numbers, so the shape of a line is sharper than each point's own confidence interval suggests.",
    ],
    spec,
  };
}

/**
 * Every metric against every parameter that takes more than one value — but a metric the sweep
 * leaves unchanged for every strategy (data loss against restore throughput, say) gets no chart:
 * flat lines say nothing sweep.csv does not.
 */
export function sweepCharts(table: SweepTable, strategies: readonly StrategyInfo[]): Chart[] {
  const out: Chart[] = [];
  table.parameters.forEach((param, p) => {
    if (param.values.length < 2) return;
    for (const metric of SWEEP_CHART_METRICS) if (!isFlat(table, metric.path)) out.push(sweepChart(table, p, metric, strategies));
  });
  return out;
}

function isFlat(table: SweepTable, path: string): boolean {
  const col = column(parseMetricPath(path));
  const first = new Map<string, number>();
  for (const r of table.rows) {
    const y = r.metrics[col]!;
    if (!Number.isFinite(y)) continue;
    const seen = first.get(r.strategy);
    if (seen === undefined) first.set(r.strategy, y);
    else if (Math.abs(y - seen) > 1e-9 * Math.max(1, Math.abs(seen))) return false;
  }
  return true;
}
