// The one font every chart uses: DejaVu Sans, committed under assets/fonts/ (Bitstream Vera licence).
// Vega lays text out with these files' metrics and resvg draws with them, so the output is the same
// on every machine whatever fonts it has installed.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as vega from "vega";
import { parseFontMetrics, type FontMetrics } from "./ttf.js";

/** src/report/charts/ and dist/report/charts/ are both three levels below the repository root. */
const FONT_DIR = fileURLToPath(new URL("../../../assets/fonts/", import.meta.url));

export const FONT_FAMILY = "DejaVu Sans";
/** What the SVG and the HTML name: DejaVu Sans first; Verdana has near-identical metrics. */
export const FONT_STACK = "DejaVu Sans, Verdana, sans-serif";
export const FONT_FILES = {
  regular: `${FONT_DIR}DejaVuSans.ttf`,
  bold: `${FONT_DIR}DejaVuSans-Bold.ttf`,
} as const;

interface Fonts {
  readonly regular: FontMetrics;
  readonly bold: FontMetrics;
}
let loaded: Fonts | undefined;

function fonts(): Fonts {
  loaded ??= {
    regular: parseFontMetrics(readFileSync(FONT_FILES.regular)),
    bold: parseFontMetrics(readFileSync(FONT_FILES.bold)),
  };
  return loaded;
}

/** The subset of a Vega text item that decides its width. */
interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
}

function isBold(weight: number | string | undefined): boolean {
  if (weight === undefined) return false;
  if (weight === "bold" || weight === "bolder") return true;
  const n = Number(weight);
  return Number.isFinite(n) && n >= 600;
}

/** Width in px of `text` as Vega would draw it for `item` (default font size 11 px, like Vega). */
export function measureText(item: TextItem, text: unknown): number {
  const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
  const s = text === null || text === undefined ? "" : String(text).trim();
  if (size <= 0 || s.length === 0) return 0;
  const f = isBold(item.fontWeight) ? fonts().bold : fonts().regular;
  return f.width(s) * size;
}

/** Route Vega's text measurement (used for layout, legends and label overlap) through the font file. */
export function installTextMetrics(): void {
  // vega exports textMetrics (from vega-scenegraph) but its typings omit it: this is the one adapter.
  const { textMetrics } = vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } };
  textMetrics.width = measureText;
}
