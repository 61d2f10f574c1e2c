// Chart 1: the distribution of full downtime per horizon (year), one ECDF per strategy on a log
// axis. Years without downtime cannot sit on a log axis: each curve starts at the left edge at the
// share of such years, which the legend also states.
import type { Chart } from "./chart.js";
import { dimUnselected, labelLookup, legendSelection, strategyColorScale, strategyDashScale, VEGA_LITE_SCHEMA } from "./chart.js";
import { horizonAdjective, horizonNoun, sharePercent } from "../numbers.js";
import { decades, roundSig } from "./scales.js";
import type { ChartedRun } from "./load/run.js";
import { ecdfZeroShare } from "../../stats/curve.js";
import { PLOT_HEIGHT, PLOT_WIDTH, THEME } from "./theme.js";

export interface EcdfRow {
  readonly strategy: string;
  /** Downtime in minutes (> 0; the left domain edge for the zero-downtime share). */
  readonly minutes: number;
  /** Share of horizons with at most this downtime. */
  readonly share: number;
}

/** The curves are those loadRun drew (its curvePoints). */
export function downtimeEcdfChart(run: ChartedRun): Chart {
  const rows: EcdfRow[] = [];
  const zero = new Map<string, number>();
  let lo = Infinity;
  let hi = 0;
  const curves = run.strategies.map((s) => {
    const ecdf = run.replications.get(s.id)?.downtimeMinutes;
    const points = ecdf?.points ?? [];
    zero.set(s.label, ecdf === undefined ? 0 : ecdfZeroShare(ecdf));
    if (points.length > 0) {
      lo = Math.min(lo, points[0]!.x);
      hi = Math.max(hi, points[points.length - 1]!.x);
    }
    return { s, points };
  });
  if (!Number.isFinite(lo)) [lo, hi] = [0.1, 10];
  const ticks = decades(lo, hi);
  const left = ticks[0]!;
  const right = ticks[ticks.length - 1]!;
  for (const { s, points } of curves) {
    rows.push({ strategy: s.label, minutes: left, share: roundSig(zero.get(s.label)!, 5) });
    for (const p of points) rows.push({ strategy: s.label, minutes: roundSig(p.x), share: roundSig(p.cdf, 5) });
    rows.push({ strategy: s.label, minutes: right, share: 1 });
  }

  const noun = horizonNoun(run.summary.horizonHours);
  const adjective = horizonAdjective(run.summary.horizonHours);
  const labels = new Map(
    run.strategies.map((s) => [s.label, `${s.label}: no downtime in ${sharePercent(zero.get(s.label)!)} of ${noun}s`]),
  );
  // Most years often have no downtime at all: start the y axis at the last 10 % step below the
  // smallest zero-downtime share so the part where the strategies differ fills the plot.
  const minZero = Math.min(...[...zero.values()], 1);
  const yFloor = Math.max(0, Math.floor(minZero * 10 - 1e-9) / 10);
  const yTicks = Array.from({ length: Math.round((1 - yFloor) * 20) + 1 }, (_, i) => roundSig(yFloor + i * 0.05, 3));
  const yTitle =
    yFloor > 0
      ? `Share of ${noun}s with at most x downtime (axis from ${sharePercent(yFloor)})`
      : `Share of ${noun}s with at most x downtime (%)`;
  const Adjective = adjective[0]!.toUpperCase() + adjective.slice(1);
  return {
    name: "downtime-ecdf",
    heading: `${Adjective} downtime per strategy`,
    howToRead: [
      `Each curve is the cumulative distribution of full downtime over ${run.summary.runs.toLocaleString("en-US")} simulated ${noun}s: read across from a downtime on the x axis to the share of ${noun}s with at most that much.`,
      `The x axis is logarithmic, so ${noun}s with no downtime cannot be drawn; each curve starts at the left edge at the share of such ${noun}s, given in the legend. Where curves coincide their dash patterns tell them apart.`,
      "A curve further up and to the left is better. Where a curve reaches 99 % tells the downtime you exceed once in a hundred " + noun + "s.",
    ],
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: THEME,
      title: {
        text: `${Adjective} downtime per strategy`,
        subtitle: [
          `Cumulative share of simulated ${noun}s with at most x minutes of full downtime (${run.summary.runs.toLocaleString("en-US")} ${noun}s).`,
          `Curves start at the share of ${noun}s with no downtime at all (stated in the legend).`,
        ],
      },
      width: PLOT_WIDTH,
      height: PLOT_HEIGHT,
      data: { values: rows },
      mark: { type: "line", interpolate: "step-after", clip: true, aria: false },
      params: [legendSelection("strategy")],
      encoding: {
        x: {
          field: "minutes",
          type: "quantitative",
          title: `Full downtime per ${noun} (minutes, log scale)`,
          scale: { type: "log", domain: [left, right] },
          axis: { values: ticks, format: ",~g" },
        },
        y: {
          field: "share",
          type: "quantitative",
          title: yTitle,
          scale: { domain: [yFloor, 1] },
          axis: { format: ".0%", values: yFloor > 0.5 ? yTicks : yTicks.filter((_, i) => i % 2 === 0) },
        },
        color: {
          field: "strategy",
          type: "nominal",
          title: null,
          scale: strategyColorScale(run.strategies),
          legend: { orient: "bottom", direction: "vertical", labelExpr: labelLookup(labels), symbolStrokeWidth: 2.5 },
        },
        // Curves that coincide (years without downtime) stay distinguishable by their dashes.
        strokeDash: {
          field: "strategy",
          type: "nominal",
          title: null,
          scale: strategyDashScale(run.strategies),
          legend: { orient: "bottom", direction: "vertical", labelExpr: labelLookup(labels), symbolStrokeWidth: 2.5 },
        },
        opacity: dimUnselected(),
        tooltip: [
          { field: "strategy", title: "Strategy" },
          { field: "minutes", title: "Downtime (min)", format: ",.3~g" },
          { field: "share", title: `Share of ${noun}s at or below`, format: ".2%" },
        ],
      },
    },
  };
}
