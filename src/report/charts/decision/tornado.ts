// Tornado chart of one strategy: for each input (largest swing on top), a bar from the base value
// of the metric to its value with the input at its low end, and one to its value at the high end.
// Long bars are where better data or a better runbook would pay most.
import type { Effect, StrategySensitivity } from "../../../analysis/sensitivity.js";
import { rangeText } from "../../sensitivity.js";
import { VEGA_LITE_SCHEMA, type Chart } from "../chart.js";
import { OKABE_ITO } from "../palette.js";
import { count, trimNumber } from "../../numbers.js";
import { roundSig } from "../scales.js";
import { PLOT_WIDTH, THEME } from "../theme.js";
import { axisFormat, metricTitle, slug } from "./write.js";

const LOW = "input at its low value";
const HIGH = "input at its high value";

/** "962,816" for large values, "0.000624" (4 significant digits) for small ones. */
function baseText(x: number): string {
  return Math.abs(x) >= 1000 ? count(Math.round(x)) : trimNumber(x, 4);
}

export function tornadoChart(metric: string, s: StrategySensitivity, top = 12): Chart {
  const shown = s.effects.filter((e) => Number.isFinite(e.swing) && e.swing !== 0).slice(0, top);
  const name = (e: Effect): string => {
    const { lowText, highText } = rangeText(e.range);
    return `${e.label} (${lowText} → ${highText})`;
  };
  const rows = shown.flatMap((e) => {
    const { lowText, highText } = rangeText(e.range);
    return [
      { input: name(e), side: LOW, from: roundSig(s.base, 6), to: roundSig(e.low, 6), value: lowText },
      { input: name(e), side: HIGH, from: roundSig(s.base, 6), to: roundSig(e.high, 6), value: highText },
    ];
  });
  const order = shown.map(name);
  const format = axisFormat(metric, [s.base, ...shown.flatMap((e) => [e.low, e.high])]);
  const what = metricTitle(metric);
  const hidden = s.effects.length - shown.length;
  const subtitle = [
    `Each input moved alone to its low and high value (p10/p90 of its distribution, ×0.5/×2 of a rate, or as given), all other inputs at base.`,
    `Ranked by |swing|; the vertical line is the base value (${baseText(s.base)}). Same seed in every case (common random numbers).`,
  ];
  if (shown.length === 0) subtitle.push(`No input moved ${metric} for this strategy.`);
  else if (hidden > 0) subtitle.push(`${hidden} input${hidden === 1 ? "" : "s"} with no or smaller effect not shown (see sensitivity.csv).`);
  return {
    name: `tornado-${slug(s.id)}`,
    heading: `${s.label}: what moves ${metric} most`,
    howToRead: [
      "Each row is one uncertain input; its bars reach the metric's value with that input at its low end (blue) and its high end (orange).",
      "The longest bars are the inputs whose uncertainty matters most: better data about them, or a runbook that narrows them, pays most.",
    ],
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: THEME,
      title: { text: `${s.label}: sensitivity of the ${what}`, subtitle },
      width: PLOT_WIDTH,
      height: { step: 26 },
      layer: [
        {
          data: { values: rows },
          mark: { type: "bar", height: { band: 0.7 } },
          encoding: {
            y: { field: "input", type: "nominal", sort: order, title: null, axis: { labelLimit: 360 } },
            // An empty tornado (nothing moved) still gets an axis around the base value.
            x: { field: "from", type: "quantitative", title: `${what.charAt(0).toUpperCase()}${what.slice(1)} [${metric}]`, scale: shown.length === 0 ? { domain: [s.base - 1, s.base + 1] } : { zero: false }, axis: { format } },
            x2: { field: "to" },
            color: {
              field: "side",
              type: "nominal",
              title: null,
              scale: { domain: [LOW, HIGH], range: [OKABE_ITO.blue, OKABE_ITO.orange] },
              legend: { orient: "bottom", direction: "horizontal" },
            },
            tooltip: [
              { field: "input", title: "Input" },
              { field: "side", title: "Case" },
              { field: "value", title: "Input value" },
              { field: "to", title: what, format },
            ],
          },
        },
        {
          data: { values: [{ base: roundSig(s.base, 6) }] },
          mark: { type: "rule", color: "#222222", strokeWidth: 1.5 },
          encoding: { x: { field: "base", type: "quantitative" } },
        },
      ],
    },
  };
}
