// The report's specs are the charts' .vl.json specs plus one thing a static image cannot use:
// a hover read-out on line charts. A line's tooltip would show its first point, so each line view
// becomes a layer of the line and invisible points that appear, with a tooltip, nearest the pointer.
import type { TopLevelSpec } from "vega-lite";
import { LEGEND_PARAM } from "../charts/chart.js";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function markType(mark: unknown): string | undefined {
  if (typeof mark === "string") return mark;
  return isObject(mark) && typeof mark.type === "string" ? mark.type : undefined;
}

/** Keys that describe the view's frame (they stay on the layer) rather than its marks. */
const FRAME_KEYS = new Set(["$schema", "config", "title", "width", "height", "data", "transform", "padding", "autosize", "background", "description", "resolve"]);

let counter = 0;

function withHover(unit: Json): Json {
  const encoding = unit.encoding as Json;
  const { tooltip, ...lineEncoding } = encoding;
  const frame: Json = {};
  const line: Json = {};
  for (const [k, v] of Object.entries(unit)) (FRAME_KEYS.has(k) ? frame : line)[k] = v;
  line.encoding = lineEncoding;
  const name = `hover${counter++}`;
  const color = isObject(encoding.color) ? { ...encoding.color, legend: null } : undefined;
  // Only the strategies the legend shows can be hovered.
  const hover: Json = {
    transform: [{ filter: { param: LEGEND_PARAM } }],
    mark: { type: "point", filled: true, size: 60, strokeWidth: 0 },
    params: [{ name, select: { type: "point", on: "pointerover", nearest: true, clear: "pointerout" } }],
    encoding: {
      x: encoding.x,
      y: encoding.y,
      ...(color === undefined ? {} : { color }),
      opacity: { condition: { param: name, value: 1, empty: false }, value: 0 },
      tooltip,
    },
  };
  return { ...frame, layer: [line, hover] };
}

function transform(node: unknown): unknown {
  if (!isObject(node)) return node;
  const out: Json = { ...node };
  for (const key of ["layer", "hconcat", "vconcat", "concat"]) {
    const children = node[key];
    if (Array.isArray(children)) out[key] = children.map(transform);
  }
  const isLineUnit = markType(node.mark) === "line" && isObject(node.encoding) && node.encoding.tooltip !== undefined;
  return isLineUnit ? withHover(out) : out;
}

/** The spec embedded in report.html for a chart's static spec (deterministic: names by position). */
export function interactiveSpec(spec: TopLevelSpec): TopLevelSpec {
  counter = 0;
  return transform(spec) as TopLevelSpec;
}
