// Chart 2: exceedance curves — the probability that a year's full downtime (left) or data loss
// (right) exceeds x, log–log, one curve per strategy. The tail is what a risk owner signs off.
import type { Chart, ViewSpec } from "./chart.js";
import { dimUnselected, legendSelection, strategyColorScale, VEGA_LITE_SCHEMA } from "./chart.js";
import { horizonAdjective, horizonNoun } from "../numbers.js";
import { decades, roundSig, sparseLogLabels } from "./scales.js";
import type { RunData } from "./load/run.js";
import type { ReplicationDigest } from "./load/replications.js";
import { ecdfZeroShare, type Ecdf } from "../../stats/curve.js";
import { THEME } from "./theme.js";

export interface ExceedanceRow {
  readonly strategy: string;
  /** Minutes of downtime or seconds of writes lost (> 0). */
  readonly x: number;
  /** P(value > x). */
  readonly p: number;
}

interface Panel {
  readonly rows: ExceedanceRow[];
  readonly ticks: number[];
  /** Strategies with no positive value in any horizon. */
  readonly none: string[];
}

function survivalPanel(
  run: RunData,
  pick: (s: ReplicationDigest) => Ecdf,
): Panel {
  const curves: { label: string; zero: number; points: { x: number; p: number }[] }[] = [];
  let lo = Infinity;
  let hi = 0;
  for (const s of run.strategies) {
    const digest = run.replications.get(s.id);
    const ecdf = digest === undefined ? undefined : pick(digest);
    const n = ecdf?.n ?? 0;
    const points: { x: number; p: number }[] = [];
    for (const pt of ecdf?.points ?? []) {
      const p = 1 - pt.cdf;
      // P(X > max) = 0 cannot sit on a log axis: hold the last level out to the maximum instead.
      points.push({ x: pt.x, p: p > 1e-12 ? p : (points[points.length - 1]?.p ?? 1 / Math.max(1, n)) });
    }
    if (points.length > 0) {
      lo = Math.min(lo, points[0]!.x);
      hi = Math.max(hi, points[points.length - 1]!.x);
    }
    curves.push({ label: s.label, zero: ecdf === undefined ? 0 : ecdfZeroShare(ecdf), points });
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0.1, 10];
  const ticks = decades(lo, hi);
  const rows: ExceedanceRow[] = [];
  const none: string[] = [];
  for (const c of curves) {
    if (c.points.length === 0) {
      none.push(c.label);
      continue;
    }
    rows.push({ strategy: c.label, x: ticks[0]!, p: roundSig(1 - c.zero, 5) });
    for (const pt of c.points) rows.push({ strategy: c.label, x: roundSig(pt.x), p: roundSig(pt.p, 5) });
  }
  return { rows, ticks, none };
}

/** The curves are those loadRun drew (its curvePoints): downtime in minutes, data loss in seconds. */
export function exceedanceChart(run: RunData): Chart {
  const noun = horizonNoun(run.summary.horizonHours);
  const adjective = horizonAdjective(run.summary.horizonHours);
  const down = survivalPanel(run, (s) => s.downtimeMinutes);
  const loss = survivalPanel(run, (s) => s.dataLossSeconds);
  const n = run.summary.runs;
  const yTicks = decades(1 / Math.max(n, 10), 1);
  const panel = (name: string, p: Panel, title: string, xTitle: string, yTitle: string | null, unit: string): ViewSpec => ({
    name,
    title: { text: title, anchor: "start", fontSize: 12.5, fontWeight: "bold", offset: 6 },
    width: 268,
    height: 250,
    data: { values: p.rows },
    mark: { type: "line", interpolate: "step-after", clip: true, aria: false },
    encoding: {
      x: {
        field: "x",
        type: "quantitative",
        title: xTitle,
        scale: { type: "log", domain: [p.ticks[0]!, p.ticks[p.ticks.length - 1]!] },
        axis: { values: p.ticks, format: ",~g", labelExpr: sparseLogLabels(p.ticks, 6) },
      },
      y: {
        field: "p",
        type: "quantitative",
        title: yTitle,
        scale: { type: "log", domain: [yTicks[0]!, 1] },
        axis: { values: yTicks, format: "~%" },
      },
      color: {
        field: "strategy",
        type: "nominal",
        title: null,
        scale: strategyColorScale(run.strategies),
        legend: { orient: "bottom", direction: "horizontal", columns: 2, columnPadding: 24 },
      },
      opacity: dimUnselected(),
      tooltip: [
        { field: "strategy", title: "Strategy" },
        { field: "x", title: unit, format: ",.3~g" },
        { field: "p", title: "P(exceeded)", format: ".3~%" },
      ],
    },
  });
  const subtitle = [
    `Share of ${n.toLocaleString("en-US")} simulated ${noun}s in which the ${adjective === "annual" ? "year's" : "horizon's"} total exceeded x; both axes logarithmic.`,
    `Read a target across: where a curve crosses 1 %, that much is exceeded once in a hundred ${noun}s.`,
  ];
  const never = [
    ...down.none.map((s) => `${s}: no downtime in any ${noun}`),
    ...loss.none.map((s) => `${s}: no data loss in any ${noun}`),
  ];
  if (never.length > 0) subtitle.push(`Not drawn (nothing to exceed): ${never.join("; ")}.`);
  const Adjective = adjective[0]!.toUpperCase() + adjective.slice(1);
  return {
    name: "exceedance",
    heading: `How often downtime and data loss exceed a level`,
    howToRead: [
      `Each curve gives, for every level x, the share of ${noun}s whose total exceeded x (P(X > x)). Both axes are logarithmic, so the rare bad ${noun}s in the tail are visible.`,
      `To check a target such as "no more than 60 minutes of downtime in 99 % of ${noun}s", find 60 on the x axis: the curve must be below 1 % there.`,
      `A curve lower and further left is better. Strategies that never had any downtime (or never lost data) have no curve; the subtitle names them.`,
    ],
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: THEME,
      title: { text: `${Adjective} downtime and data loss: how often is x exceeded?`, subtitle },
      params: [{ ...legendSelection("strategy"), views: ["downtime", "loss"] }],
      hconcat: [
        panel("downtime", down, "Full downtime", `Downtime per ${noun} (minutes, log)`, `P(${noun}'s total > x) (log)`, "Downtime (min)"),
        panel("loss", loss, "Data loss", `Writes lost per ${noun} (seconds, log)`, null, "Data loss (s of writes)"),
      ],
      spacing: 28,
      resolve: { scale: { color: "shared" } },
    },
  };
}
