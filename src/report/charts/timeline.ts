// Chart 6: the timeline of one replication from `drsim trace`: a strip of the whole horizon with
// every incident, then a zoom on the longest incident — world events (outages, control-plane
// impairment, partitions, degradation), the incident, each pipeline step with its duration,
// instant events (failover, failed attempts…) — and the capacity served underneath.
import type { PipelineStep, TraceRecord } from "../../outcomes/results.js";
import type { Chart, LayerChild } from "./chart.js";
import { VEGA_LITE_SCHEMA } from "./chart.js";
import { measureText } from "./fonts.js";
import { duration } from "../numbers.js";
import { roundSig } from "./scales.js";
import { STEP_COLORS, STEP_LABELS } from "./palette.js";
import { THEME } from "./theme.js";
import { focusWindow, parseTrace, type IntervalKind, type ParsedTrace } from "./traceParse.js";

export interface TimelineOptions {
  /** Chart title, e.g. "Warm standby 30 %: replication 17". */
  readonly title?: string;
  /** Extra subtitle lines (strategy, seed…). */
  readonly subtitle?: readonly string[];
  /** Horizon length in seconds (default: the last record's time). */
  readonly horizon?: number;
}

const WORLD_COLORS: Readonly<Record<string, string>> = {
  outage: "#B2182B",
  "control-plane": "#E08214",
  partition: "#762A83",
  degradation: "#F4A582",
  incident: "#4D4D4D",
};

const EVENT_LABELS: Readonly<Record<string, string>> = {
  catastrophic: "Catastrophic outage",
  corruption: "Data corrupted",
  "corruption-detected": "Corruption found",
  "attempt-failed": "Failover attempt failed",
  abort: "Failover aborted",
  failover: "Failed over",
  failback: "Failed back",
};
const EVENT_SHAPES: Readonly<Record<string, string>> = {
  catastrophic: "diamond",
  corruption: "square",
  "corruption-detected": "square",
  "attempt-failed": "cross",
  abort: "triangle-down",
  failover: "triangle-right",
  failback: "triangle-left",
};

function kindColor(kind: IntervalKind): string {
  return (STEP_COLORS as Readonly<Record<string, string>>)[kind] ?? WORLD_COLORS[kind] ?? "#777777";
}

/** Time unit for the zoomed panel, from its span in seconds. */
function unitFor(span: number): { seconds: number; name: string } {
  if (span <= 3 * 3600) return { seconds: 60, name: "minutes" };
  if (span <= 4 * 86400) return { seconds: 3600, name: "hours" };
  return { seconds: 86400, name: "days" };
}

const EVENTS_LANE = "Events";
const RAMP_STEPS = 24;

/** Capacity at `t`: the level in force, or the point on a ramp towards the next level. */
function capacityAt(points: ParsedTrace["capacity"], t: number): number {
  let i = -1;
  while (i + 1 < points.length && points[i + 1]!.time <= t) i++;
  if (i < 0) return 1;
  const p = points[i]!;
  const q = points[i + 1];
  if (!p.ramp || q === undefined || q.time <= p.time) return p.value;
  return p.value + ((q.value - p.value) * (t - p.time)) / (q.time - p.time);
}

/** Vertices of the capacity step function over [from, to], ramps broken into fine steps. */
function capacitySeries(points: ParsedTrace["capacity"], from: number, to: number): { time: number; value: number }[] {
  const out = [{ time: from, value: capacityAt(points, from) }];
  points.forEach((p, i) => {
    const q = points[i + 1];
    const until = q === undefined ? to : q.time;
    if (p.ramp && q !== undefined && until > p.time) {
      for (let k = 0; k < RAMP_STEPS; k++) {
        const t = p.time + ((until - p.time) * k) / RAMP_STEPS;
        if (t > from && t < to) out.push({ time: t, value: capacityAt(points, t) });
      }
    } else if (p.time > from && p.time < to) out.push({ time: p.time, value: p.value });
  });
  out.push({ time: to, value: capacityAt(points, to) });
  return out;
}
const DETAIL_WIDTH = 520;

export function timelineChart(records: readonly TraceRecord[], options: TimelineOptions = {}): Chart {
  const trace = parseTrace(records);
  const win = focusWindow(trace);
  const t0 = win.incident?.start ?? 0;
  const unit = unitFor(win.end - win.start);
  const rel = (t: number): number => roundSig((t - t0) / unit.seconds, 6);
  const x0 = rel(win.start);
  const x1 = rel(win.end);
  const horizon = Math.max(options.horizon ?? trace.end, 1);

  const shown = trace.intervals.filter((iv) => iv.end >= win.start && iv.start <= win.end);
  const lanes = trace.lanes.filter((l) => shown.some((iv) => iv.lane === l));
  const instants = trace.instants.filter((e) => e.time >= win.start && e.time <= win.end);
  if (instants.length > 0) lanes.push(EVENTS_LANE);
  const kinds = [...new Set(shown.map((iv) => iv.kind))];

  const bars = shown.map((iv) => ({
    lane: iv.lane,
    kind: iv.kind,
    start: rel(Math.max(iv.start, win.start)),
    end: rel(Math.min(iv.end, win.end)),
    duration: duration(iv.end - iv.start) + (iv.ended ? "" : "+"),
    region: iv.region,
    detail: iv.detail,
  }));
  // Label a bar with its duration only when the label fits before the next bar in its lane; a bar
  // running past the zoom gets its label inside its end instead.
  const pxPerUnit = DETAIL_WIDTH / Math.max(x1 - x0, 1e-9);
  const clipped = bars.filter((b) => b.end >= x1);
  const labels = bars.filter((b) => {
    if (b.end >= x1) return false;
    const room = bars
      .filter((o) => o.lane === b.lane && o.start >= b.end && o !== b)
      .reduce((m, o) => Math.min(m, o.start), x1);
    return (room - b.end) * pxPerUnit >= measureText({ fontSize: 10.5 }, b.duration) + 8;
  });
  const points = instants.map((e) => ({
    lane: EVENTS_LANE,
    at: rel(e.time),
    event: EVENT_LABELS[e.event] ?? e.event,
    region: e.region,
    detail: e.detail,
  }));
  const events = [...new Set(points.map((p) => p.event))];
  const eventKeys = Object.keys(EVENT_LABELS).filter((k) => events.includes(EVENT_LABELS[k]!));

  // Capacity over the window as a step function; a scale-up ramp is drawn as fine steps.
  const capacity = capacitySeries(trace.capacity, win.start, win.end).map((c) => ({ at: rel(c.time), value: roundSig(c.value, 4) }));

  // The strip: world events under the incidents, each at least 1/400 of the horizon wide to be seen.
  const overviewKinds: IntervalKind[] = ["degradation", "partition", "control-plane", "outage", "incident"];
  const overviewRows = trace.intervals
    .filter((iv) => overviewKinds.includes(iv.kind))
    .sort((a, b) => overviewKinds.indexOf(a.kind) - overviewKinds.indexOf(b.kind) || a.start - b.start)
    .map((iv) => ({
      lane: "Whole horizon",
      kind: iv.kind,
      what: iv.lane,
      start: roundSig(iv.start / 86400, 6),
      end: roundSig(Math.max(iv.end, iv.start + horizon / 400) / 86400, 6),
    }));
  const overviewDomain = overviewKinds.filter((k) => overviewRows.some((r) => r.kind === k));
  const xScale = { domain: [x0, x1], nice: false, zero: false };
  const relTitle =
    win.incident === undefined ? `Time (${unit.name})` : `Time since the incident began (${unit.name})`;
  const laneAxis = { title: null, labelLimit: 170, ticks: false, domain: false, labelPadding: 8 };
  const lanesScale = { domain: lanes, paddingInner: 0.25, paddingOuter: 0.15 };

  const detailLayers: LayerChild[] = [
    {
      data: { values: bars },
      mark: { type: "bar", cornerRadius: 1.5, clip: true },
      encoding: {
        y: { field: "lane", type: "nominal", sort: lanes, scale: lanesScale, axis: laneAxis },
        x: { field: "start", type: "quantitative", title: null, scale: xScale },
        x2: { field: "end" },
        color: {
          field: "kind",
          type: "nominal",
          scale: { domain: kinds, range: kinds.map(kindColor) },
          legend: null,
        },
        tooltip: [
          { field: "lane", title: "What" },
          { field: "duration", title: "Duration" },
          { field: "start", title: `Start (${unit.name})`, format: ",.3~f" },
          { field: "end", title: `End (${unit.name})`, format: ",.3~f" },
          { field: "region", title: "Region" },
        ],
      },
    },
    {
      data: { values: clipped.map((b) => ({ ...b, duration: `${b.duration} \u2192` })) },
      mark: { type: "text", align: "right", baseline: "middle", dx: -5, fontSize: 10.5, color: "#ffffff", fontWeight: "bold" },
      encoding: {
        y: { field: "lane", type: "nominal", sort: lanes },
        x: { field: "end", type: "quantitative" },
        text: { field: "duration" },
      },
    },
    {
      data: { values: labels },
      mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontSize: 10.5, color: "#333333", clip: true },
      encoding: {
        y: { field: "lane", type: "nominal", sort: lanes },
        x: { field: "end", type: "quantitative" },
        text: { field: "duration" },
      },
    },
  ];
  if (points.length > 0) {
    detailLayers.push({
      data: { values: points },
      mark: { type: "point", filled: true, size: 90, color: "#222222", strokeWidth: 2 },
      encoding: {
        y: { field: "lane", type: "nominal", sort: lanes },
        x: { field: "at", type: "quantitative" },
        shape: {
          field: "event",
          type: "nominal",
          title: null,
          scale: { domain: eventKeys.map((k) => EVENT_LABELS[k]!), range: eventKeys.map((k) => EVENT_SHAPES[k]!) },
          legend: { orient: "bottom", direction: "horizontal", columns: 4, symbolFillColor: "#222222" },
        },
        tooltip: [
          { field: "event", title: "Event" },
          { field: "at", title: `At (${unit.name})`, format: ",.3~f" },
          { field: "region", title: "Region" },
          { field: "detail", title: "Detail" },
        ],
      },
    });
  }

  const subtitle = [
    ...(options.subtitle ?? []),
    win.incident === undefined
      ? "No incident in this replication: the whole horizon is shown."
      : `Zoom on the longest incident (${duration(win.incident.end - win.incident.start)}, ${win.incident.detail || "incident"}); the top strip shows the whole horizon.`,
    ...(win.after.length > 0
      ? [
          `After the zoom: ${win.after
            .map((iv) => `${STEP_LABELS[iv.kind as PipelineStep] ?? iv.kind} ${duration(iv.start - t0)} after impact (${duration(iv.end - iv.start)})`)
            .join("; ")}.`,
        ]
      : []),
    "Bars: what was happening, with its duration. Bottom: share of demand the service could serve.",
  ];
  return {
    name: "timeline",
    heading: "Timeline of one replication",
    howToRead: [
      "The top strip is the whole simulated horizon, with every incident; the black frame marks the stretch shown below.",
      "Below, one row per thing that was happening: the outage and other world events, the incident itself (impact start to full service), each step of the strategy's pipeline. Symbols mark instants such as the failover or a failed attempt.",
      "The bottom panel is the capacity the service could serve, as a share of demand: 0 is a full outage, partial values are degraded service (for example while a warm standby scales up).",
    ],
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: THEME,
      title: { text: options.title ?? "Timeline of one replication", subtitle },
      vconcat: [
        {
          width: DETAIL_WIDTH,
          height: 22,
          layer: [
            {
              data: { values: overviewRows },
              mark: { type: "bar", height: 14 },
              encoding: {
                y: { field: "lane", type: "nominal", axis: laneAxis },
                x: {
                  field: "start",
                  type: "quantitative",
                  title: "Day of the horizon",
                  scale: { domain: [0, roundSig(horizon / 86400, 6)], nice: false },
                  axis: { titleFontSize: 11, labelFontSize: 10, tickCount: 12 },
                },
                x2: { field: "end" },
                color: {
                  field: "kind",
                  type: "nominal",
                  scale: { domain: overviewDomain, range: overviewDomain.map(kindColor) },
                  legend: null,
                },
                tooltip: [{ field: "what", title: "What" }, { field: "start", title: "Day", format: ",.1f" }],
              },
            },
            {
              data: {
                values: [{ lane: "Whole horizon", start: roundSig(win.start / 86400, 6), end: roundSig(win.end / 86400, 6) }],
              },
              mark: { type: "bar", height: 20, fillOpacity: 0, stroke: "#000000", strokeWidth: 1.5 },
              encoding: {
                y: { field: "lane", type: "nominal" },
                x: { field: "start", type: "quantitative" },
                x2: { field: "end" },
              },
            },
          ],
        },
        { width: DETAIL_WIDTH, height: { step: 24 }, layer: detailLayers },
        {
          width: DETAIL_WIDTH,
          height: 70,
          data: { values: capacity },
          mark: { type: "area", interpolate: "step-after", color: "#4477AA", opacity: 0.35, line: { color: "#4477AA", strokeWidth: 1.5 } },
          encoding: {
            x: { field: "at", type: "quantitative", title: relTitle, scale: xScale },
            y: {
              field: "value",
              type: "quantitative",
              title: ["Capacity", "(% of demand)"],
              scale: { domain: [0, 1] },
              axis: { format: ".0%", values: [0, 0.5, 1], titleFontSize: 11 },
            },
          },
        },
      ],
      spacing: 14,
      resolve: { scale: { color: "independent", x: "independent", y: "independent" } },
    },
  };
}
