// Chart 3: cost against risk — each strategy's mean annual cost of risk against its mean and 99th
// percentile downtime: the Pareto picture of the decision (lower left is better).
import type { Chart } from "./chart.js";
import { dimUnselected, legendSelection, strategyColorBelow, VEGA_LITE_SCHEMA } from "./chart.js";
import { horizonAdjective, horizonNoun, trimNumber } from "../numbers.js";
import { decades, niceStep, roundSig, ticksBetween, usdLabels } from "./scales.js";
import { placeLabels } from "./labels.js";
import { strategySummary, type ChartedRun } from "./load/run.js";
import { PLOT_HEIGHT, PLOT_WIDTH, THEME } from "./theme.js";

export const MEAN = "Mean downtime";
export const P99 = "99th-percentile downtime";

export interface CostRiskPoint {
  readonly strategy: string;
  readonly statistic: typeof MEAN | typeof P99;
  /** Mean total cost of risk per horizon, USD. */
  readonly cost: number;
  readonly standing: number;
  /** Downtime minutes per horizon, clamped to the axis floor when zero. */
  readonly minutes: number;
  readonly actualMinutes: number;
  readonly verdict: string;
}

/** Strategies beaten on both mean cost and mean downtime by another one → the one beating them. */
export function dominated(points: readonly { label: string; cost: number; downtime: number }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of points) {
    const by = points.find(
      (b) => b !== a && b.cost <= a.cost && b.downtime <= a.downtime && (b.cost < a.cost || b.downtime < a.downtime),
    );
    if (by !== undefined) out.set(a.label, by.label);
  }
  return out;
}

const LABEL_FONT = { fontSize: 11.5, fontWeight: "bold" } as const;

export function costRiskChart(run: ChartedRun): Chart {
  const noun = horizonNoun(run.summary.horizonHours);
  const adjective = horizonAdjective(run.summary.horizonHours);
  const raw = run.strategies.map((s) => {
    const sum = strategySummary(run, s.id);
    return {
      label: s.label,
      cost: sum.costUSD.mean,
      standing: sum.standingCostUSD.mean,
      downtime: sum.downtimeMinutes.mean,
      p99: sum.downtimeMinutes.p99,
    };
  });
  const beaten = dominated(raw);
  const positives = raw.flatMap((r) => [r.downtime, r.p99]).filter((x) => x > 0);
  const ticks = decades(
    positives.length > 0 ? Math.min(...positives) : 1,
    positives.length > 0 ? Math.max(...positives) : 10,
  );
  const clamped = raw.some((r) => !(r.downtime > 0) || !(r.p99 > 0));
  if (clamped) ticks.unshift(ticks[0]! / 10);
  const floor = ticks[0]!;
  const top = ticks[ticks.length - 1]!;
  const clamp = (x: number): number => (x > 0 ? roundSig(x) : floor);
  // The cost axis spans the strategies (it need not start at $0: positions, not lengths, matter in a
  // scatter), padded so that the direct labels fit.
  const costs = raw.map((r) => r.cost);
  const cMax = Math.max(1, ...costs);
  const cMin = Math.min(cMax, ...costs);
  const pad = Math.max(cMax - cMin, 0.2 * cMax) * 0.15;
  const step = niceStep((cMax - cMin + 2 * pad) / 6);
  const xMin = Math.max(0, Math.floor((cMin - pad) / step) * step);
  const xMax = Math.ceil((cMax + pad) / step) * step;

  // Direct labels beside each mean dot, placed in pixels so that none collides.
  const toPx = (cost: number, minutes: number): { x: number; y: number } => ({
    x: ((cost - xMin) / (xMax - xMin)) * PLOT_WIDTH,
    y: PLOT_HEIGHT * (1 - (Math.log10(minutes) - Math.log10(floor)) / (Math.log10(top) - Math.log10(floor))),
  });
  // The rules from mean to p99 are soft obstacles (text may cross them), the triangles nearly hard.
  const obstacles = raw.flatMap((r) => {
    const lo = toPx(r.cost, clamp(r.downtime));
    const hi = toPx(r.cost, clamp(r.p99));
    const triangle = { x0: hi.x - 7, x1: hi.x + 7, y0: hi.y - 8, y1: hi.y + 7 };
    return [{ x0: lo.x - 2, x1: lo.x + 2, y0: Math.min(lo.y, hi.y), y1: Math.max(lo.y, hi.y) }, triangle, triangle];
  });
  const placed = placeLabels(
    raw.map((r) => ({ text: r.label, ...toPx(r.cost, clamp(r.downtime)) })),
    { width: PLOT_WIDTH, height: PLOT_HEIGHT },
    LABEL_FONT,
    obstacles,
  );
  const fromPx = (x: number, y: number): { cost: number; minutes: number } => ({
    cost: roundSig(xMin + (x / PLOT_WIDTH) * (xMax - xMin), 6),
    minutes: roundSig(
      Math.pow(10, Math.log10(floor) + (1 - y / PLOT_HEIGHT) * (Math.log10(top) - Math.log10(floor))),
      6,
    ),
  });
  const labels = placed.map((p, i) => ({ strategy: raw[i]!.label, align: p.align, ...fromPx(p.x, p.y) }));

  const points: CostRiskPoint[] = raw.flatMap((r) => {
    const verdict = beaten.has(r.label) ? `dominated by ${beaten.get(r.label)!}` : "on the Pareto front";
    const base = { strategy: r.label, cost: roundSig(r.cost), standing: roundSig(r.standing), verdict };
    return [
      { ...base, statistic: MEAN, minutes: clamp(r.downtime), actualMinutes: roundSig(r.downtime) },
      { ...base, statistic: P99, minutes: clamp(r.p99), actualMinutes: roundSig(r.p99) },
    ];
  });
  const spans = raw.map((r) => ({ strategy: r.label, cost: roundSig(r.cost), lo: clamp(r.downtime), hi: clamp(r.p99) }));

  const subtitle = [
    `Mean ${adjective} cost of risk against full downtime per ${noun}: the dot is the mean, the triangle the`,
    `99th percentile (one ${noun} in a hundred is worse). Lower left is better.`,
  ];
  if (beaten.size > 0) {
    subtitle.push(
      `Dominated (another is cheaper with less mean downtime): ${[...beaten].map(([a, b]) => `${a} (by ${b})`).join(", ")}.`,
    );
  }
  if (clamped) subtitle.push(`Zero downtime is drawn at ${trimNumber(floor, 2)} min, the bottom of the log axis.`);
  const color = strategyColorBelow(run.strategies, 4, 18);
  const x = {
    field: "cost",
    type: "quantitative" as const,
    title: `Mean ${adjective} cost of risk (USD: infrastructure + incidents + penalties)`,
    scale: { domain: [xMin, xMax], nice: false, zero: false },
    axis: { labelExpr: usdLabels(xMax), values: ticksBetween(xMin, xMax, step) },
  };
  return {
    name: "cost-risk",
    heading: "Cost against risk",
    howToRead: [
      `Each strategy is a vertical segment at its mean ${adjective} cost of risk (standing infrastructure, surge compute during incidents and any penalties): the dot is its mean downtime per ${noun}, the triangle the 99th percentile (one ${noun} in a hundred is worse).`,
      "The downtime axis is logarithmic: one grid step is ten times less downtime.",
      "Lower left is better. A strategy is dominated when another is both cheaper and has less mean downtime; the others form the Pareto front, and the choice among them is how much each step to the right is worth in avoided downtime.",
    ],
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: THEME,
      title: { text: "Cost against risk: what each strategy buys", subtitle },
      width: PLOT_WIDTH,
      height: PLOT_HEIGHT,
      layer: [
        {
          data: { values: spans },
          mark: { type: "rule", strokeWidth: 2.5 },
          encoding: {
            x,
            y: {
              field: "lo",
              type: "quantitative",
              title: `Full downtime per ${noun} (minutes, log scale)`,
              scale: { type: "log", domain: [floor, top] },
              axis: { values: ticks, format: ",~g" },
            },
            y2: { field: "hi" },
            color,
            opacity: dimUnselected(0.7, 0.1),
          },
        },
        {
          data: { values: points },
          mark: { type: "point", filled: true, size: 130, stroke: "white", strokeWidth: 1 },
          params: [legendSelection("strategy")],
          encoding: {
            x,
            y: { field: "minutes", type: "quantitative" },
            color,
            shape: {
              field: "statistic",
              type: "nominal",
              title: null,
              scale: { domain: [MEAN, P99], range: ["circle", "triangle-up"] },
              legend: null,
            },
            opacity: dimUnselected(),
            tooltip: [
              { field: "strategy", title: "Strategy" },
              { field: "statistic", title: "Statistic" },
              { field: "actualMinutes", title: `Downtime (min/${noun})`, format: ",.3~g" },
              { field: "cost", title: "Mean cost of risk (USD)", format: "$,.0f" },
              { field: "standing", title: "of which standing (USD)", format: "$,.0f" },
              { field: "verdict", title: "Verdict" },
            ],
          },
        },
        ...(["left", "right"] as const).map((align) => ({
          data: { values: labels.filter((l) => l.align === align) },
          mark: { type: "text" as const, align, baseline: "middle" as const, ...LABEL_FONT },
          encoding: {
            x,
            y: { field: "minutes", type: "quantitative" as const },
            text: { field: "strategy" },
            color,
            opacity: dimUnselected(),
          },
        })),
      ],
    },
  };
}
