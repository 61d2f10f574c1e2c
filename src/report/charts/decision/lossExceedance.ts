// The loss-exceedance curve: P(annual loss > $x) per strategy, both axes logarithmic, where the loss
// is what incidents cost beyond standing infrastructure (surge compute + penalties).
import type { LossCurve } from "../../../analysis/lossExceedance.js";
import { dimUnselected, legendSelection, strategyColorScale, VEGA_LITE_SCHEMA, type Chart } from "../chart.js";
import { count, horizonNoun, usdCompact } from "../../numbers.js";
import { decades, roundSig, sparseLogLabels } from "../scales.js";
import type { StrategyInfo } from "../load/run.js";
import { PLOT_HEIGHT, PLOT_WIDTH, THEME } from "../theme.js";

export function lossExceedanceChart(curves: readonly LossCurve[], strategies: readonly StrategyInfo[], horizonHours: number): Chart {
  const noun = horizonNoun(horizonHours);
  const label = new Map(strategies.map((s) => [s.id, s.label]));
  const rows: { strategy: string; x: number; p: number }[] = [];
  const none: string[] = [];
  let lo = Infinity;
  let hi = 0;
  let n = 10;
  for (const c of curves) {
    n = Math.max(n, c.n);
    const name = label.get(c.id) ?? c.id;
    if (c.points.length === 0) {
      none.push(name);
      continue;
    }
    lo = Math.min(lo, c.points[0]!.x);
    hi = Math.max(hi, c.points[c.points.length - 1]!.x);
  }
  if (!Number.isFinite(lo)) [lo, hi] = [1, 10];
  const ticks = decades(lo, hi);
  for (const c of curves) {
    if (c.points.length === 0) continue;
    const name = label.get(c.id) ?? c.id;
    // The curve starts at the left edge with P(loss > 0); P = 0 past the largest loss cannot sit on
    // a log axis, so the last level is held out to the maximum instead.
    rows.push({ strategy: name, x: ticks[0]!, p: roundSig(c.pAny, 5) });
    let last = c.pAny;
    for (const pt of c.points) {
      const p = pt.p > 0 ? pt.p : last;
      last = p;
      rows.push({ strategy: name, x: roundSig(pt.x), p: roundSig(p, 5) });
    }
  }
  // A decade below 1/n, so the last step (the worst year alone) is drawn clear of the axis; a dot
  // marks each strategy's worst year.
  const yTicks = decades(0.5 / n, 1);
  const worst = curves.flatMap((c) => (c.points.length === 0 ? [] : [{ strategy: label.get(c.id) ?? c.id, x: roundSig(c.points[c.points.length - 1]!.x), p: roundSig(1 / Math.max(1, c.n), 5) }]));
  const subtitle = [
    `Loss = incident surge compute + downtime and lost-write penalties (total cost of risk − standing infrastructure), per ${noun}.`,
    `Share of ${count(n)} simulated ${noun}s whose loss exceeded x; both axes logarithmic; a dot marks each strategy's worst ${noun}.`,
  ];
  if (none.length > 0) subtitle.push(`No loss in any ${noun} (not drawn): ${none.join(", ")}.`);
  const x = {
    field: "x",
    type: "quantitative" as const,
    title: `Loss per ${noun} (USD, log)`,
    scale: { type: "log" as const, domain: [ticks[0]!, ticks[ticks.length - 1]!] },
    axis: { values: ticks, format: "$,~s", labelExpr: sparseLogLabels(ticks, 8) },
  };
  const y = { field: "p", type: "quantitative" as const, title: "P(loss > x) (log)", scale: { type: "log" as const, domain: [yTicks[0]!, 1] }, axis: { values: yTicks, format: "~%" } };
  const color = {
    field: "strategy",
    type: "nominal" as const,
    title: null,
    scale: strategyColorScale(strategies.filter((s) => !none.includes(s.label))),
    legend: { orient: "bottom" as const, direction: "horizontal" as const, columns: 2, columnPadding: 24 },
  };
  const summary = curves.map((c) => `${label.get(c.id) ?? c.id}: mean ${usdCompact(c.mean)}, 1-in-100 ${usdCompact(c.p99)}`);
  return {
    name: "loss-exceedance",
    heading: "How often a year's loss exceeds $x",
    howToRead: [
      `Each curve gives, for every amount x, the share of ${noun}s in which incidents cost more than x beyond the standing infrastructure.`,
      "Read a risk appetite across: where a curve crosses 1 %, that loss is exceeded once in a hundred years. Lower and further left is better.",
      `The expected loss is the area under the curve; ${summary.join("; ")}.`,
    ],
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: THEME,
      title: { text: `Loss exceedance: P(${noun}'s loss > x)`, subtitle },
      width: PLOT_WIDTH,
      height: PLOT_HEIGHT,
      layer: [
        {
          data: { values: rows },
          params: [legendSelection("strategy")],
          mark: { type: "line", interpolate: "step-after", clip: true },
          encoding: {
            x,
            y,
            color,
            opacity: dimUnselected(),
            tooltip: [
              { field: "strategy", title: "Strategy" },
              { field: "x", title: "Loss (USD)", format: "$,.3~s" },
              { field: "p", title: "P(exceeded)", format: ".3~%" },
            ],
          },
        },
        {
          data: { values: worst },
          mark: { type: "point", filled: true, size: 36, clip: true },
          encoding: { x, y, color, opacity: dimUnselected(), tooltip: [{ field: "strategy", title: "Strategy" }, { field: "x", title: `Worst ${noun}: loss (USD)`, format: "$,.3~s" }] },
        },
      ],
    },
  };
}
