// Chart 4: per region-failure incident, the realized RTO (impact start → full service) against the
// realized RPO (seconds of writes lost), log–log, one colour per strategy, with the RTO and RPO
// targets drawn. Zeros (no data lost, as with synchronous replication) are drawn on a floor line at
// the bottom, which the chart labels. Corruption restores, alike for every strategy and not what a
// DR strategy answers, are counted in the subtitle, not drawn.
import type { Chart, LayerChild } from "./chart.js";
import { dimUnselected, legendSelection, strategyColorScale, VEGA_LITE_SCHEMA } from "./chart.js";
import { targetDuration, trimNumber } from "../numbers.js";
import { decades, roundSig } from "./scales.js";
import type { ChartedRun } from "./load/run.js";
import type { IncidentPoint } from "./load/incidents.js";
import { PLOT_HEIGHT, PLOT_WIDTH, THEME } from "./theme.js";

export interface RtoRpoRow {
  readonly strategy: string;
  /** Minutes, clamped to the axis floor when zero. */
  readonly rto: number;
  /** Seconds, clamped to the axis floor when zero. */
  readonly rpo: number;
  readonly cause: string;
  readonly outcome: string;
  readonly replication: number;
}

function outcome(p: IncidentPoint): string {
  if (p.failedOver) return p.attempts > 1 ? `failed over (${p.attempts} attempts)` : "failed over";
  if (p.aborted) return "aborted: primary returned";
  return "no failover";
}

function axisRange(values: readonly number[], target: number | undefined): AxisRange {
  const positive = values.filter((v) => v > 0);
  if (target !== undefined && target > 0) positive.push(target);
  const lo = positive.length > 0 ? Math.min(...positive) : 1;
  const hi = positive.length > 0 ? Math.max(...positive) : 10;
  const ticks = decades(lo, hi);
  const clamped = values.some((v) => !(v > 0));
  if (clamped) ticks.unshift(ticks[0]! / 10);
  return { ticks, floor: ticks[0]!, clamped };
}

interface AxisRange {
  readonly ticks: number[];
  readonly floor: number;
  readonly clamped: boolean;
}

/** Dashed lines (with a label) where zeros are drawn on each log axis. */
function floorRules(xr: AxisRange, yr: AxisRange): LayerChild[] {
  const rule = { type: "rule" as const, strokeDash: [4, 3], color: "#888888", strokeWidth: 1 };
  const text = { type: "text" as const, color: "#555555", fontSize: 10.5, fontStyle: "italic" };
  const out: LayerChild[] = [];
  if (yr.clamped) {
    out.push(
      { data: { values: [{ rpo: yr.floor }] }, mark: rule, encoding: { y: { field: "rpo", type: "quantitative" } } },
      {
        data: { values: [{ rpo: yr.floor, rto: xr.ticks[xr.ticks.length - 1]!, text: "RPO = 0: no writes lost" }] },
        mark: { ...text, align: "right", baseline: "bottom", dx: -4, dy: -4 },
        encoding: {
          x: { field: "rto", type: "quantitative" },
          y: { field: "rpo", type: "quantitative" },
          text: { field: "text" },
        },
      },
    );
  }
  if (xr.clamped) {
    out.push(
      { data: { values: [{ rto: xr.floor }] }, mark: rule, encoding: { x: { field: "rto", type: "quantitative" } } },
      {
        data: { values: [{ rto: xr.floor, rpo: yr.ticks[yr.ticks.length - 1]!, text: "RTO = 0" }] },
        mark: { ...text, align: "left", baseline: "top", dx: 5, dy: 4 },
        encoding: {
          x: { field: "rto", type: "quantitative" },
          y: { field: "rpo", type: "quantitative" },
          text: { field: "text" },
        },
      },
    );
  }
  return out;
}

/** The RTO and RPO targets as dashed lines with their labels. */
function targetRules(run: ChartedRun, xr: AxisRange, yr: AxisRange): LayerChild[] {
  const t = run.targets;
  const rule = { type: "rule" as const, strokeDash: [6, 3], color: "#222222", strokeWidth: 1.25 };
  const text = { type: "text" as const, color: "#222222", fontSize: 10.5 };
  const out: LayerChild[] = [];
  if (t?.rto !== undefined && t.rto > 0) {
    out.push(
      { data: { values: [{ rto: t.rto / 60 }] }, mark: rule, encoding: { x: { field: "rto", type: "quantitative" } } },
      {
        data: { values: [{ rto: t.rto / 60, rpo: yr.ticks[yr.ticks.length - 1]!, text: `RTO target ${targetDuration(t.rto)}` }] },
        mark: { ...text, align: "right", baseline: "top", dx: -4, dy: 3 },
        encoding: { x: { field: "rto", type: "quantitative" }, y: { field: "rpo", type: "quantitative" }, text: { field: "text" } },
      },
    );
  }
  if (t?.rpo !== undefined && t.rpo > 0) {
    out.push(
      { data: { values: [{ rpo: t.rpo }] }, mark: rule, encoding: { y: { field: "rpo", type: "quantitative" } } },
      {
        data: { values: [{ rto: xr.ticks[0]!, rpo: t.rpo, text: `RPO target ${targetDuration(t.rpo)}` }] },
        mark: { ...text, align: "left", baseline: "bottom", dx: 4, dy: -3 },
        encoding: { x: { field: "rto", type: "quantitative" }, y: { field: "rpo", type: "quantitative" }, text: { field: "text" } },
      },
    );
  }
  return out;
}

export function rtoRpoChart(run: ChartedRun): Chart {
  const all = run.strategies.flatMap((s) =>
    (run.incidents.get(s.id)?.sample ?? []).map((p) => ({ s, p, rto: p.rto / 60, rpo: p.rpo })),
  );
  const sample = all.filter((d) => d.p.cause !== "corruption");
  const restores = all.length - sample.length;
  const xr = axisRange(sample.map((d) => d.rto), run.targets?.rto === undefined ? undefined : run.targets.rto / 60);
  const yr = axisRange(sample.map((d) => d.rpo), run.targets?.rpo);
  const rows: RtoRpoRow[] = sample.map(({ s, p, rto, rpo }) => ({
    strategy: s.label,
    rto: rto > 0 ? roundSig(rto) : xr.floor,
    rpo: rpo > 0 ? roundSig(rpo) : yr.floor,
    cause: p.cause,
    outcome: outcome(p),
    replication: p.replication,
  }));
  const shown = run.strategies.map((s) => {
    const d = run.incidents.get(s.id);
    return d === undefined ? 0 : d.impactful;
  });
  const total = shown.reduce((a, b) => a + b, 0);
  const subtitle = [
    "Each dot is one region-failure incident: time to full service against seconds of writes lost. Both axes logarithmic.",
    total > all.length
      ? `An even sample of the ${total.toLocaleString("en-US")} incidents with downtime or data loss, plus each strategy's worst.`
      : "Every incident with downtime or data loss.",
    `Corruption restores (${restores.toLocaleString("en-US")} of these, alike for every strategy) are not drawn.`,
  ];
  if (run.targets?.rto !== undefined || run.targets?.rpo !== undefined) subtitle.push("Dashed: the RTO and RPO targets; a dot right of or above them breaks its year's promise.");
  const floors: string[] = [];
  if (yr.clamped) floors.push(`RPO = 0 is drawn on the dashed bottom line (${trimNumber(yr.floor, 2)} s)`);
  if (xr.clamped) floors.push(`RTO = 0 on the dashed left line`);
  if (floors.length > 0) subtitle.push(`Zeros cannot sit on a log axis: ${floors.join(", ")}.`);

  return {
    name: "rto-rpo",
    heading: "Per-incident RTO against RPO, with the targets",
    howToRead: [
      "Each dot is one incident of one strategy: how long until full service at adequate capacity (RTO, x) and how many seconds of writes were lost (RPO, y). Both axes are logarithmic.",
      yr.clamped
        ? `Incidents without data loss (always the case with synchronous replication, and whenever the primary came back before a failover) are drawn on the bottom line at ${trimNumber(yr.floor, 2)} s, which stands for zero.`
        : "Every incident shown lost some data.",
      "The dashed lines are the targets: a dot right of the RTO target or above the RPO target breaks the promise for its year (a target is about every region failure of a year). Hover a dot for its cause and outcome.",
      "Corruption restores are left out: they restore the last clean backup whatever the strategy; the report's data loss by cause gives them.",
    ],
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: THEME,
      title: { text: "Recovery time against data loss, per incident", subtitle },
      width: PLOT_WIDTH,
      height: PLOT_HEIGHT,
      layer: [
        ...floorRules(xr, yr),
        ...targetRules(run, xr, yr),
        {
          data: { values: rows },
          transform: [
            { calculate: `datum.rto <= ${xr.floor} ? 0 : datum.rto`, as: "rtoMinutes" },
            { calculate: `datum.rpo <= ${yr.floor} ? 0 : datum.rpo`, as: "rpoSeconds" },
          ],
          mark: { type: "point", filled: true, size: 30, strokeWidth: 0, aria: false },
          params: [legendSelection("strategy")],
          encoding: {
            x: {
              field: "rto",
              type: "quantitative",
              title: "RTO realized: impact start to full service (minutes, log scale)",
              scale: { type: "log", domain: [xr.ticks[0]!, xr.ticks[xr.ticks.length - 1]!] },
              axis: { values: xr.ticks, format: ",~g" },
            },
            y: {
              field: "rpo",
              type: "quantitative",
              title: "RPO realized: writes lost (seconds, log scale)",
              scale: { type: "log", domain: [yr.ticks[0]!, yr.ticks[yr.ticks.length - 1]!] },
              axis: { values: yr.ticks, format: ",~g" },
            },
            color: {
              field: "strategy",
              type: "nominal",
              title: null,
              scale: strategyColorScale(run.strategies),
              legend: { orient: "bottom", direction: "horizontal", columns: 4, columnPadding: 18 },
            },
            opacity: dimUnselected(0.6, 0.05),
            tooltip: [
              { field: "strategy", title: "Strategy" },
              { field: "cause", title: "Cause" },
              { field: "outcome", title: "Outcome" },
              { field: "rtoMinutes", title: "RTO (min)", format: ",.3~g" },
              { field: "rpoSeconds", title: "RPO (s)", format: ",.3~g" },
              { field: "replication", title: "Replication" },
            ],
          },
        },
      ],
    },
  };
}
