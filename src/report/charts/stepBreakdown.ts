// Chart 5: where the recovery time goes — per strategy, the mean time each pipeline step takes per
// region-failure incident that the strategy responded to (beyond detection), stacked in pipeline
// order up to full service: the wait for the primary apart from the human decision, and no failback
// (it comes after service is restored, so it is no part of the RTO). The bar's end is compared with
// the mean RTO of the same incidents.
import type { PipelineStep } from "../../outcomes/results.js";
import type { Chart } from "./chart.js";
import { dimUnselected, legendSelection, VEGA_LITE_SCHEMA } from "./chart.js";
import { duration } from "../numbers.js";
import { roundSig } from "./scales.js";
import type { ChartedRun } from "./load/run.js";
import { STEP_COLORS, STEP_LABELS } from "./palette.js";
import { PLOT_WIDTH, THEME } from "./theme.js";

export interface StepRow {
  readonly strategy: string;
  readonly step: string;
  /** Position in the pipeline (stack order). */
  readonly order: number;
  /** Mean minutes per responded incident (0 where the step did not run). */
  readonly minutes: number;
  /** Share of responded incidents in which the step ran. */
  readonly ran: number;
}

/** The steps up to full service, in the order they run (failback comes after: not part of the RTO). */
const TO_FULL_SERVICE: readonly PipelineStep[] = ["detect", "wait", "decide", "provision", "restore", "promote", "switchTraffic", "scale"];

export function stepBreakdownChart(run: ChartedRun): Chart {
  const rows: StepRow[] = [];
  const totals: { strategy: string; minutes: number; text: string }[] = [];
  for (const s of run.strategies) {
    const d = run.incidents.get(s.id);
    const n = d?.responded ?? 0;
    let total = 0;
    TO_FULL_SERVICE.forEach((step, order) => {
      if (d === undefined || n === 0 || d.stepRuns[step] === 0) return;
      // `decide` is recorded with the wait for the primary in it; the wait is drawn on its own.
      const seconds = step === "decide" ? d.stepSeconds.decide - d.stepSeconds.wait : d.stepSeconds[step];
      const minutes = seconds / n / 60;
      total += minutes;
      rows.push({ strategy: s.label, step: STEP_LABELS[step], order, minutes: roundSig(minutes), ran: roundSig(d.stepRuns[step] / n, 3) });
    });
    const rto = n === 0 ? 0 : d!.respondedRtoSeconds / n;
    totals.push({
      strategy: s.label,
      minutes: roundSig(total),
      text: n === 0 ? "no response needed" : `${duration(total * 60)}; mean RTO ${duration(rto)} (n = ${n.toLocaleString("en-US")})`,
    });
  }
  const present = TO_FULL_SERVICE.filter((step) => rows.some((r) => r.step === STEP_LABELS[step]));
  const labels = run.strategies.map((s) => s.label);
  const maxTotal = Math.max(1, ...totals.map((t) => t.minutes));
  const y = {
    field: "strategy",
    type: "nominal" as const,
    title: null,
    sort: labels,
    scale: { domain: labels },
    axis: { labelFontSize: 12, labelPadding: 6, ticks: false, domain: false },
  };
  return {
    name: "recovery-steps",
    heading: "Where the recovery time goes",
    howToRead: [
      "Each bar is one strategy's average response to an incident it had to act on (anything beyond detection), split into the pipeline's steps in the order they run.",
      "A segment's length is the step's mean duration over those incidents, counting 0 where the step did not run (for example when the primary came back during the wait), so the bar's length is the mean time spent in the pipeline up to full service; n is the number of such incidents.",
      "“Wait for the primary” is the policy's window (policy.waitForPrimary) before anyone decides to fail over; “Decide” is the human decision after it. Incidents that end during the wait (the primary came back) stop there, so the mean RTO at the end of each bar can differ from the bar's length.",
      "Failback, the planned switch back after the primary recovers, comes after service is restored: it is no part of the RTO and is not drawn (its window of downtime counts in the full outage).",
      "Click a step in the legend to show only it (shift-click for several).",
    ],
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: THEME,
      title: {
        text: "Where the recovery time goes",
        subtitle: [
          "Mean minutes per incident spent in each step up to full service, over the region failures each strategy responded to beyond detection",
          "(corruption restores, the same for every strategy, are left out; failback comes after full service and is not drawn).",
          "At the end of each bar: its total, the mean RTO of the same incidents, and their number (n).",
        ],
      },
      width: PLOT_WIDTH - 100,
      height: { step: 42 },
      layer: [
        {
          data: { values: rows },
          mark: { type: "bar", height: { band: 0.62 }, stroke: "white", strokeWidth: 0.75 },
          params: [legendSelection("step")],
          encoding: {
            y,
            x: {
              field: "minutes",
              type: "quantitative",
              stack: "zero",
              title: "Mean time per incident (minutes)",
              // An explicit domain (room for the totals' text): also fine when no incident needed a response.
              scale: { domain: [0, roundSig(maxTotal * 1.9)], nice: false },
              axis: { tickCount: 8 },
            },
            color: {
              field: "step",
              type: "nominal",
              title: null,
              scale: { domain: present.map((s) => STEP_LABELS[s]), range: present.map((s) => STEP_COLORS[s]) },
              legend: { orient: "bottom", direction: "horizontal", columns: 4, columnPadding: 16 },
            },
            order: { field: "order", type: "quantitative" },
            opacity: dimUnselected(1, 0.15),
            tooltip: [
              { field: "strategy", title: "Strategy" },
              { field: "step", title: "Step" },
              { field: "minutes", title: "Mean (min per incident)", format: ",.3~g" },
              { field: "ran", title: "Ran in (share of incidents)", format: ".0%" },
            ],
          },
        },
        {
          data: { values: totals },
          mark: { type: "text", align: "left", dx: 6, fontSize: 11 },
          encoding: { y, x: { field: "minutes", type: "quantitative" }, text: { field: "text" } },
        },
      ],
    },
  };
}
