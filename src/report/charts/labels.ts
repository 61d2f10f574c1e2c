// Direct labels beside points without collisions: a greedy placer in pixel space. Charts draw
// labels at the data position it returns, so the layout is computed once, here, deterministically.
import { measureText } from "./fonts.js";

export interface LabelRequest {
  readonly text: string;
  /** Anchor point in plot pixels (origin top left). */
  readonly x: number;
  readonly y: number;
}

export interface PlacedLabel {
  readonly text: string;
  /** Position of the label's aligned edge at its vertical middle, plot pixels. */
  readonly x: number;
  readonly y: number;
  readonly align: "left" | "right";
}

export interface Box {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Place each label beside its anchor, right of it or left of it, possibly shifted up or down by
 * half-line steps: the candidate inside the plot with the lowest cost, where cost is the distance
 * moved plus a large penalty for covering another label or any anchor point and a smaller one for
 * crossing a `soft` obstacle (a thin rule is still readable under text). Labels are placed in
 * anchor order, top to bottom.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  plot: { readonly width: number; readonly height: number },
  font: { readonly fontSize: number; readonly fontWeight?: string },
  soft: readonly Box[] = [],
  gap = 9,
): PlacedLabel[] {
  const lineHeight = font.fontSize + 3;
  const points: Box[] = requests.map((r) => ({ x0: r.x - 6, x1: r.x + 6, y0: r.y - 6, y1: r.y + 6 }));
  const hard: Box[] = [...points];
  const order = requests.map((r, i) => ({ r, i })).sort((a, b) => a.r.y - b.r.y || a.r.x - b.r.x);
  const out = new Array<PlacedLabel>(requests.length);
  for (const { r, i } of order) {
    const w = measureText(font, r.text);
    let best: { cost: number; box: Box; align: "left" | "right"; y: number } | undefined;
    for (let k = -12; k <= 12; k++) {
      const y = r.y + k * 0.5 * lineHeight;
      for (const align of ["left", "right"] as const) {
        const x0 = align === "left" ? r.x + gap : r.x - gap - w;
        const box = { x0, x1: x0 + w, y0: y - lineHeight / 2, y1: y + lineHeight / 2 };
        if (box.x0 < 0 || box.x1 > plot.width || box.y0 < 0 || box.y1 > plot.height) continue;
        const cost =
          Math.abs(k) * 0.5 * lineHeight +
          (align === "right" ? 4 : 0) +
          1000 * hard.filter((h) => h !== points[i] && overlaps(h, box)).length +
          40 * soft.filter((o) => overlaps(o, box)).length;
        if (best === undefined || cost < best.cost) best = { cost, box, align, y };
      }
    }
    if (best === undefined) {
      const x0 = r.x + gap;
      best = { cost: 0, box: { x0, x1: x0 + w, y0: r.y, y1: r.y }, align: "left", y: r.y };
    }
    hard.push(best.box);
    out[i] = { text: r.text, x: best.align === "left" ? best.box.x0 : best.box.x1, y: best.y, align: best.align };
  }
  return out;
}
