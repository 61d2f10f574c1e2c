// Chart 2: exceedance curves — for what a year can promise, the probability that the year exceeds x:
// its worst region-failure RTO and RPO (what a target is about: with the target drawn, a strategy
// keeps the promise where its curve passes under the crossing of the target and 1 − confidence),
// its full outage, and its data loss from region failures (corruption restores, alike for every
// strategy, apart). Log–log, one curve per strategy, each ending in a dot at its worst year.
import type { Chart, LayerChild, ViewSpec } from "./chart.js";
import { dimUnselected, legendSelection, strategyColorBelow, VEGA_LITE_SCHEMA } from "./chart.js";
import { confidencePercent, horizonAdjective, horizonNoun, targetDuration } from "../numbers.js";
import { decades, roundSig, sparseLogLabels } from "./scales.js";
import type { ChartedRun } from "./load/run.js";
import type { ReplicationDigest } from "./load/replications.js";
import { ecdfZeroShare, type Ecdf } from "../../stats/curve.js";
import { THEME } from "./theme.js";

export interface ExceedanceRow {
  readonly strategy: string;
  /** The year's value (> 0), in the panel's unit. */
  readonly x: number;
  /** P(value > x). */
  readonly p: number;
}

interface Panel {
  readonly rows: ExceedanceRow[];
  /** Each strategy's worst year: its maximum, at P = 1/n. */
  readonly worst: ExceedanceRow[];
  readonly ticks: number[];
  /** Strategies with no positive value in any horizon. */
  readonly none: string[];
}

function survivalPanel(run: ChartedRun, pick: (s: ReplicationDigest) => Ecdf, target: number | undefined): Panel {
  const curves: { label: string; zero: number; n: number; points: { x: number; p: number }[] }[] = [];
  let lo = Infinity;
  let hi = 0;
  for (const s of run.strategies) {
    const digest = run.replications.get(s.id);
    const ecdf = digest === undefined ? undefined : pick(digest);
    const n = ecdf?.n ?? 0;
    const points: { x: number; p: number }[] = [];
    for (const pt of ecdf?.points ?? []) {
      const p = 1 - pt.cdf;
      // P(X > max) = 0 cannot sit on a log axis: the last step holds 1/n out to the maximum (true
      // between the two largest years), and the maximum gets its own dot.
      points.push({ x: pt.x, p: p > 1e-12 ? p : (points[points.length - 1]?.p ?? 1 / Math.max(1, n)) });
    }
    if (points.length > 0) {
      lo = Math.min(lo, points[0]!.x);
      hi = Math.max(hi, points[points.length - 1]!.x);
    }
    curves.push({ label: s.label, zero: ecdf === undefined ? 0 : ecdfZeroShare(ecdf), n, points });
  }
  if (target !== undefined && target > 0) [lo, hi] = [Math.min(lo, target), Math.max(hi, target)];
  if (!Number.isFinite(lo)) [lo, hi] = [0.1, 10];
  const ticks = decades(lo, hi);
  const rows: ExceedanceRow[] = [];
  const worst: ExceedanceRow[] = [];
  const none: string[] = [];
  for (const c of curves) {
    if (c.points.length === 0) {
      none.push(c.label);
      continue;
    }
    rows.push({ strategy: c.label, x: ticks[0]!, p: roundSig(1 - c.zero, 5) });
    for (const pt of c.points) rows.push({ strategy: c.label, x: roundSig(pt.x), p: roundSig(pt.p, 5) });
    const last = c.points[c.points.length - 1]!;
    worst.push({ strategy: c.label, x: roundSig(last.x), p: roundSig(1 / Math.max(1, c.n), 5) });
  }
  return { rows, worst, ticks, none };
}

interface PanelSpec {
  readonly name: string;
  readonly title: string;
  readonly xTitle: string;
  /** The tooltip's name for x. */
  readonly unit: string;
  readonly panel: Panel;
  /** A target in the panel's unit, drawn with the share of years allowed over it; undefined: none. */
  readonly target?: { readonly x: number; readonly label: string };
}

/** The curves are those loadRun drew (its curvePoints): minutes for RTO and outage, seconds for RPO and loss. */
export function exceedanceChart(run: ChartedRun): Chart {
  const noun = horizonNoun(run.summary.horizonHours);
  const adjective = horizonAdjective(run.summary.horizonHours);
  const Adjective = adjective[0]!.toUpperCase() + adjective.slice(1);
  const n = run.summary.runs;
  const t = run.targets;
  const allowed = t === undefined ? undefined : 1 - t.confidence;
  const rtoTarget = t?.rto === undefined ? undefined : t.rto / 60;
  const rpoTarget = t?.rpo;
  const panels: PanelSpec[] = [
    {
      name: "rto",
      title: `Worst RTO of the ${noun}`,
      xTitle: `Longest recovery among a ${noun}'s region failures (min, log)`,
      unit: "Worst RTO (min)",
      panel: survivalPanel(run, (s) => s.worstRtoMinutes, rtoTarget),
      target: rtoTarget === undefined || rtoTarget <= 0 ? undefined : { x: rtoTarget, label: `RTO target ${targetDuration(t!.rto!)}` },
    },
    {
      name: "rpo",
      title: `Worst RPO of the ${noun}`,
      xTitle: `Largest data loss among a ${noun}'s region failures (s, log)`,
      unit: "Worst RPO (s of writes)",
      panel: survivalPanel(run, (s) => s.worstRpoSeconds, rpoTarget),
      target: rpoTarget === undefined || rpoTarget <= 0 ? undefined : { x: rpoTarget, label: `RPO target ${targetDuration(rpoTarget)}` },
    },
    {
      name: "downtime",
      title: `Full outage per ${noun}`,
      xTitle: `Minutes with no request served per ${noun} (log)`,
      unit: "Full outage (min)",
      panel: survivalPanel(run, (s) => s.downtimeMinutes, undefined),
    },
    {
      name: "loss",
      title: `Data loss from region failures per ${noun}`,
      xTitle: `Seconds of writes lost to failovers per ${noun} (log)`,
      unit: "Data loss (s of writes)",
      panel: survivalPanel(run, (s) => s.regionFailureDataLossSeconds, undefined),
    },
  ];
  // The y axis starts a decade below 1/n, so the last step (1/n: the worst year alone) is drawn
  // clear of the axis rather than along it.
  const yTicks = decades(0.5 / Math.max(n, 1), 1);
  const color = strategyColorBelow(run.strategies, 2, 24);
  const view = (spec: PanelSpec, yTitle: string | null): ViewSpec => {
    const p = spec.panel;
    const x = {
      field: "x",
      type: "quantitative" as const,
      title: spec.xTitle,
      scale: { type: "log" as const, domain: [p.ticks[0]!, p.ticks[p.ticks.length - 1]!] },
      axis: { values: p.ticks, format: ",~g", labelExpr: sparseLogLabels(p.ticks, 6), titleFontSize: 11 },
    };
    const y = { field: "p", type: "quantitative" as const, title: yTitle, scale: { type: "log" as const, domain: [yTicks[0]!, 1] }, axis: { values: yTicks, format: "~%" } };
    const layers: LayerChild[] = [
      {
        data: { values: p.rows },
        mark: { type: "line", interpolate: "step-after", clip: true, aria: false },
        ...(spec.name === "rto" ? { params: [legendSelection("strategy")] } : {}),
        encoding: {
          x,
          y,
          color,
          opacity: dimUnselected(),
          tooltip: [
            { field: "strategy", title: "Strategy" },
            { field: "x", title: spec.unit, format: ",.3~g" },
            { field: "p", title: `P(a ${noun} exceeds it)`, format: ".3~%" },
          ],
        },
      },
      {
        data: { values: p.worst },
        mark: { type: "point", filled: true, size: 36, clip: true },
        encoding: {
          x,
          y,
          color,
          opacity: dimUnselected(),
          tooltip: [
            { field: "strategy", title: "Strategy" },
            { field: "x", title: `Worst ${noun}: ${spec.unit}`, format: ",.3~g" },
          ],
        },
      },
    ];
    if (spec.target !== undefined && allowed !== undefined) {
      const rule = { color: "#222222", strokeDash: [5, 3], strokeWidth: 1.25 };
      layers.push(
        { data: { values: [{ x: spec.target.x }] }, mark: { type: "rule", ...rule }, encoding: { x: { field: "x", type: "quantitative" } } },
        { data: { values: [{ p: allowed }] }, mark: { type: "rule", ...rule }, encoding: { y: { field: "p", type: "quantitative" } } },
        {
          data: { values: [{ x: spec.target.x, p: 1, text: spec.target.label }] },
          mark: { type: "text", align: "left", baseline: "top", dx: 4, dy: 3, fontSize: 10.5 },
          encoding: { x: { field: "x", type: "quantitative" }, y: { field: "p", type: "quantitative" }, text: { field: "text" } },
        },
        {
          data: { values: [{ x: p.ticks[p.ticks.length - 1]!, p: allowed, text: `${confidencePercent(allowed)} of ${noun}s` }] },
          mark: { type: "text", align: "right", baseline: "bottom", dx: -3, dy: -3, fontSize: 10.5 },
          encoding: { x: { field: "x", type: "quantitative" }, y: { field: "p", type: "quantitative" }, text: { field: "text" } },
        },
      );
    }
    return {
      name: spec.name,
      title: { text: spec.title, anchor: "start", fontSize: 12.5, fontWeight: "bold", offset: 6 },
      width: 250,
      height: 200,
      layer: layers,
    };
  };
  const yTitle = `P(a ${noun} exceeds x) (log)`;
  const subtitle = [
    `Share of ${n.toLocaleString("en-US")} simulated ${noun}s whose value exceeded x; both axes logarithmic; a dot marks each strategy's worst ${noun}.`,
  ];
  if (allowed !== undefined && (panels[0]!.target !== undefined || panels[1]!.target !== undefined)) {
    subtitle.push(`Dashed: the target and the ${confidencePercent(allowed)} of ${noun}s allowed over it — a curve under their crossing keeps the promise (on the estimate).`);
  }
  if (t?.rpo === 0) subtitle.push(`RPO target 0 s: every ${noun} that loses any write breaks it (the curve's height at the left edge).`);
  const never = panels.flatMap((p) => p.panel.none.map((s) => `${s} (${p.title.toLowerCase()})`));
  if (never.length > 0) subtitle.push(`No curve where nothing happened in any ${noun}: ${never.join("; ")}.`);
  return {
    name: "exceedance",
    heading: `What a ${noun} can promise: how often each level is exceeded`,
    howToRead: [
      `Each curve gives, for every level x, the share of ${noun}s that exceeded x (P(X > x)). Both axes are logarithmic, so the rare bad ${noun}s in the tail are visible; the dot is the worst ${noun} of the run.`,
      `The top row is what a target is about: the longest recovery and the largest data loss among a ${noun}'s region failures. With the targets drawn, a strategy keeps a promise where its curve crosses the target line below the allowed share of ${noun}s.`,
      `The bottom row gives the ${noun}'s full outage and its data loss from region failures; corruption restores, which discard writes alike for every strategy, are summed apart (data loss by cause, above).`,
      `A curve lower and further left is better. A strategy with nothing to exceed (no region failure ever lost a write) has no curve; the subtitle names it.`,
    ],
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: THEME,
      title: { text: `${Adjective} worst recovery, data loss and outage: how often is x exceeded?`, subtitle },
      vconcat: [
        { hconcat: [view(panels[0]!, yTitle), view(panels[1]!, null)], spacing: 24 },
        { hconcat: [view(panels[2]!, yTitle), view(panels[3]!, null)], spacing: 24 },
      ],
      spacing: 18,
      resolve: { scale: { color: "shared" } },
    },
  };
}
