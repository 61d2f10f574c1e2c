// The dependency graph of a portfolio as a picture, built as data (a Vega-Lite spec rendered by the
// charts' renderer: deterministic SVG and PNG bytes). Services are boxes in columns — those that
// need nothing on the right, each dependent one column further left — so a flow reads left to
// right as it is written (web → api → payments-db); an arrow goes from a service to one it needs,
// dashed when it must be co-located. Each box carries the plan's strategy (its colour), the tier
// and the downtime its users see per year.
import type { PortfolioPlan } from "../analysis/plan.js";
import { VEGA_LITE_SCHEMA, type Chart } from "./charts/chart.js";
import { INK, strategyColors } from "./charts/palette.js";
import { THEME } from "./charts/theme.js";
import { duration } from "./numbers.js";
import { planName } from "./planWords.js";

const COLUMN = 230;
const ROW = 96;
const BOX_W = 170;
const BOX_H = 62;
const SAME_REGION = "co-located (same region)";
const ANY_REGION = "any region";

interface Node {
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

/** Columns by depth: a service one column left of the deepest service it needs. */
function layout(study: PortfolioPlan): Node[] {
  const depth = new Map<string, number>();
  const depthOf = (name: string): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    const s = study.services.find((x) => x.name === name)!;
    const d = s.dependsOn.length === 0 ? 0 : 1 + Math.max(...s.dependsOn.map((x) => depthOf(x.service)));
    depth.set(name, d);
    return d;
  };
  const maxDepth = Math.max(...study.services.map((s) => depthOf(s.name)));
  const rows = new Map<number, number>();
  return study.services.map((s) => {
    const d = depthOf(s.name);
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    return { name: s.name, x: (maxDepth - d) * COLUMN + BOX_W / 2, y: row * ROW + BOX_H / 2 };
  });
}

/** Where the segment from a's centre towards b's leaves a's box. */
function boxExit(a: Node, b: Node): [number, number] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.min(dx === 0 ? Infinity : BOX_W / 2 / Math.abs(dx), dy === 0 ? Infinity : BOX_H / 2 / Math.abs(dy));
  return [a.x + dx * t, a.y + dy * t];
}

export function dependencyGraphChart(study: PortfolioPlan): Chart {
  const focus = study.plans.find((p) => p.plan === (study.choice?.plan ?? study.closest));
  const nodes = layout(study);
  const at = new Map(nodes.map((n) => [n.name, n]));
  const typeOf = (i: number): string => {
    const id = focus?.strategies[i];
    return study.services[i]!.strategies.find((s) => s.id === id)?.type ?? "none";
  };
  const labelOf = (i: number): string => {
    const id = focus?.strategies[i];
    return study.services[i]!.strategies.find((s) => s.id === id)?.label ?? "(no plan)";
  };
  const types = [...new Set(study.services.map((_, i) => typeOf(i)))];
  const colors = strategyColors(types);
  const risk = study.risk?.services;
  const boxes = study.services.map((s, i) => {
    const n = at.get(s.name)!;
    return {
      service: s.name,
      strategy: labelOf(i),
      type: typeOf(i),
      x: n.x - BOX_W / 2,
      x2: n.x + BOX_W / 2,
      y: n.y - BOX_H / 2,
      y2: n.y + BOX_H / 2,
      cx: n.x,
      cy: n.y,
      line1: s.name,
      line2: `${labelOf(i)} · ${s.tier.name}`,
      line3: risk === undefined ? "" : `${duration(risk[i]!.downtimeSeconds)}/yr down`,
    };
  });
  const edges = study.services.flatMap((s) =>
    s.dependsOn.map((d) => {
      const from = at.get(s.name)!;
      const to = at.get(d.service)!;
      const [x, y] = boxExit(from, to);
      const [x2, y2] = boxExit(to, from);
      // The arrowhead's angle: Vega's triangle points up (0°), clockwise in screen coordinates (y down).
      const angle = (Math.atan2(x2 - x, -(y2 - y)) * 180) / Math.PI;
      return { from: s.name, to: d.service, scope: d.scope === "same-region" ? SAME_REGION : ANY_REGION, x, y, x2, y2, angle: Math.round(angle * 100) / 100 };
    }),
  );
  const width = Math.max(...nodes.map((n) => n.x)) + BOX_W / 2;
  const height = Math.max(...nodes.map((n) => n.y)) + BOX_H / 2;
  const x = { type: "quantitative" as const, scale: { domain: [0, width] }, axis: null };
  const y = { type: "quantitative" as const, scale: { domain: [0, height], reverse: true }, axis: null };
  const subtitle = [
    "An arrow goes from a service to one it needs: it is down while that one is. Dashed: the two must serve from the same region.",
    `Colour: the strategy plan ${focus === undefined ? "–" : planName(focus.plan)} gives it; below, the downtime its users see per year (its own and its dependencies').`,
    ...study.flows.map((f) => `Flow ${f.name}: ${f.services.join(" → ")}`),
  ];
  return {
    name: "dependency-graph",
    heading: "Dependency graph",
    howToRead: [
      "Each box is a service with the strategy the plan gives it, its tier and the downtime its users see per year.",
      "Arrows go from a service to the services it needs; a dashed arrow is a co-located dependency, which must serve from the same region.",
    ],
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: { ...THEME, view: { stroke: null } },
      title: { text: `${study.portfolio.name}: services and what they need`, subtitle },
      width,
      height,
      layer: [
        {
          data: { values: edges },
          mark: { type: "rule", strokeWidth: 1.6, color: "#555555" },
          encoding: {
            x: { field: "x", ...x },
            y: { field: "y", ...y },
            x2: { field: "x2" },
            y2: { field: "y2" },
            strokeDash: { field: "scope", type: "nominal", title: "dependency", scale: { domain: [SAME_REGION, ANY_REGION], range: [[6, 4], [1, 0]] }, legend: { orient: "bottom" } },
          },
        },
        {
          data: { values: boxes },
          // Light fills under dark text: readable whatever the strategy's colour (white on orange is not).
          mark: { type: "rect", cornerRadius: 8, stroke: "#333333", strokeWidth: 1, fillOpacity: 0.35 },
          encoding: {
            x: { field: "x", ...x },
            x2: { field: "x2" },
            y: { field: "y", ...y },
            y2: { field: "y2" },
            color: { field: "strategy", type: "nominal", title: "strategy", scale: { domain: types.map((t) => boxes.find((b) => b.type === t)!.strategy), range: colors }, legend: { orient: "bottom", symbolOpacity: 0.5 } },
          },
        },
        {
          data: { values: edges },
          mark: { type: "point", shape: "triangle", filled: true, size: 90, color: "#555555", opacity: 1 },
          encoding: { x: { field: "x2", ...x }, y: { field: "y2", ...y }, angle: { field: "angle", type: "quantitative", scale: null } },
        },
        ...(["line1", "line2", "line3"] as const).map((field, k) => ({
          data: { values: boxes },
          mark: { type: "text" as const, fontSize: k === 0 ? 13 : 11, fontWeight: k === 0 ? ("bold" as const) : ("normal" as const), color: INK, dy: (k - 1) * 16 },
          encoding: { x: { field: "cx", ...x }, y: { field: "cy", ...y }, text: { field } },
        })),
      ],
    },
  };
}
