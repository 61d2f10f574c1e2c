// `drsim trace` records → what the timeline draws: intervals per lane (paired begin/end events),
// instant events, and the capacity step function; plus the incident to zoom in on.
import { PIPELINE_STEPS, type PipelineStep, type TraceRecord } from "../../outcomes/results.js";
import { STEP_LABELS } from "./palette.js";

export type IntervalKind = "outage" | "control-plane" | "partition" | "degradation" | "incident" | PipelineStep;

export interface Interval {
  readonly kind: IntervalKind;
  readonly lane: string;
  readonly start: number;
  /** End time; the last record's time when the interval never ended in the trace. */
  readonly end: number;
  readonly region: string;
  readonly detail: string;
  readonly ended: boolean;
}

export interface Instant {
  readonly time: number;
  readonly event: string;
  readonly region: string;
  readonly detail: string;
}

export interface ParsedTrace {
  readonly intervals: readonly Interval[];
  readonly instants: readonly Instant[];
  /**
   * (time, fraction of demand servable), in time order; `ramp` when the capacity grows linearly
   * from this point to the next (a scale-up) instead of holding until it.
   */
  readonly capacity: readonly { readonly time: number; readonly value: number; readonly ramp: boolean }[];
  /** Time of the last record. */
  readonly end: number;
  /** Lanes in display order (world first, then the incident, then the pipeline steps). */
  readonly lanes: readonly string[];
}

const WORLD: Readonly<Record<string, Exclude<IntervalKind, PipelineStep | "incident">>> = {
  outage: "outage",
  "control-plane": "control-plane",
  partition: "partition",
  degradation: "degradation",
};

export const INSTANT_EVENTS = [
  "catastrophic",
  "corruption",
  "corruption-detected",
  "attempt-failed",
  "abort",
  "failover",
  "failback",
] as const;

function laneOf(kind: IntervalKind, region: string): string {
  switch (kind) {
    case "outage":
      return `Outage ${region}`.trim();
    case "control-plane":
      return `Control plane ${region}`.trim();
    case "partition":
      return "Network partition";
    case "degradation":
      return `Degraded ${region}`.trim();
    case "incident":
      return "Incident (impact)";
    default:
      return STEP_LABELS[kind];
  }
}

function isStep(s: string): s is PipelineStep {
  return (PIPELINE_STEPS as readonly string[]).includes(s);
}

export function parseTrace(records: readonly TraceRecord[]): ParsedTrace {
  const sorted = records.map((r, i) => ({ r, i })).sort((a, b) => a.r.time - b.r.time || a.i - b.i).map((x) => x.r);
  const end = sorted.length > 0 ? sorted[sorted.length - 1]!.time : 0;
  const open = new Map<string, { kind: IntervalKind; start: number; region: string; detail: string }[]>();
  const intervals: Interval[] = [];
  const instants: Instant[] = [];
  const capacity: { time: number; value: number; ramp: boolean }[] = [];
  for (const r of sorted) {
    const m = /^(.*)-(begin|end)$/.exec(r.event);
    if (m !== null) {
      const base = m[1]!;
      const kind: IntervalKind | undefined =
        base === "step" ? (isStep(r.detail) ? r.detail : undefined) : base === "incident" ? "incident" : WORLD[base];
      if (kind === undefined) continue;
      // Steps and incidents pair by kind alone; world events by kind and region.
      const key = base === "step" || base === "incident" ? kind : `${kind}|${r.region}`;
      if (m[2] === "begin") {
        const stack = open.get(key) ?? [];
        stack.push({ kind, start: r.time, region: r.region, detail: r.detail });
        open.set(key, stack);
      } else {
        const b = open.get(key)?.shift();
        if (b !== undefined) intervals.push({ ...b, lane: laneOf(kind, b.region), end: r.time, ended: true });
      }
    } else if (r.event === "capacity") {
      if (Number.isFinite(r.value)) {
        capacity.push({ time: r.time, value: Math.max(0, Math.min(1, r.value)), ramp: r.detail === "ramp" });
      }
    } else if ((INSTANT_EVENTS as readonly string[]).includes(r.event)) {
      instants.push({ time: r.time, event: r.event, region: r.region, detail: r.detail });
    }
  }
  for (const stack of open.values()) {
    for (const b of stack) intervals.push({ ...b, lane: laneOf(b.kind, b.region), end, ended: false });
  }
  intervals.sort((a, b) => a.start - b.start || a.lane.localeCompare(b.lane));
  const order: IntervalKind[] = ["outage", "control-plane", "partition", "degradation", "incident", ...PIPELINE_STEPS];
  const lanes: string[] = [];
  for (const kind of order) {
    for (const iv of intervals) if (iv.kind === kind && !lanes.includes(iv.lane)) lanes.push(iv.lane);
  }
  return { intervals, instants, capacity, end, lanes };
}

export interface FocusWindow {
  readonly start: number;
  readonly end: number;
  /** The incident zoomed on (the longest), if any. */
  readonly incident: Interval | undefined;
  /** When its recovery (every pipeline step but failback) was over. */
  readonly recoveryEnd: number;
  /** Pipeline steps of the same episode that start after the window (typically the failback). */
  readonly after: readonly Interval[];
}

const isStepKind = (kind: IntervalKind): boolean => (PIPELINE_STEPS as readonly string[]).includes(kind);

/**
 * The window to zoom on: the longest incident from its start to the end of its recovery. The
 * episode's later steps (a failback hours or days after the primary returned) are included only
 * when that does not squash the recovery to a sliver; otherwise they are listed in `after`.
 */
export function focusWindow(trace: ParsedTrace): FocusWindow {
  const incidents = trace.intervals.filter((iv) => iv.kind === "incident");
  const focus = incidents.reduce<Interval | undefined>(
    (best, iv) => (best === undefined || iv.end - iv.start > best.end - best.start ? iv : best),
    undefined,
  );
  if (focus === undefined) {
    const end = Math.max(trace.end, 1);
    return { start: 0, end, incident: undefined, recoveryEnd: end, after: [] };
  }
  const next = incidents.filter((iv) => iv.start > focus.start).reduce((t, iv) => Math.min(t, iv.start), Infinity);
  const episode = trace.intervals.filter((iv) => isStepKind(iv.kind) && iv.start >= focus.start && iv.start < next);
  const recovery = episode.filter((iv) => iv.kind !== "failback");
  const fullAgain = trace.capacity.find((c) => c.time > focus.start && c.value >= 1)?.time;
  const recoveryEnd =
    recovery.length > 0 ? Math.max(...recovery.map((iv) => iv.end)) : Math.min(fullAgain ?? focus.end, focus.end);
  const span = Math.max(recoveryEnd - focus.start, 60);
  const episodeEnd = Math.max(recoveryEnd, ...episode.map((iv) => iv.end));
  const whole = episodeEnd - focus.start <= 8 * span;
  const end = whole ? episodeEnd : recoveryEnd;
  const margin = Math.max(end - focus.start, 60);
  return {
    start: focus.start - 0.06 * margin,
    end: end + (whole ? 0.16 : 0.3) * margin,
    incident: focus,
    recoveryEnd,
    after: whole ? [] : episode.filter((iv) => iv.start > end),
  };
}
