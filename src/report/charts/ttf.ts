// Text widths from a TrueType file's own tables (cmap, hmtx, kern), so chart layout is computed with
// the same font that the SVG names and the PNG renderer draws — never the machine's fonts.

/** Advance widths of one font, in ems (multiply by the font size in px). */
export interface FontMetrics {
  /** Width of `text` set in this font at 1 px, including pair kerning from the legacy `kern` table. */
  width(text: string): number;
}

interface TableDirectory {
  readonly offset: number;
  readonly length: number;
}

function tables(view: DataView): Map<string, TableDirectory> {
  const count = view.getUint16(4);
  const out = new Map<string, TableDirectory>();
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(
      view.getUint8(at),
      view.getUint8(at + 1),
      view.getUint8(at + 2),
      view.getUint8(at + 3),
    );
    out.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return out;
}

function required(dir: Map<string, TableDirectory>, tag: string): TableDirectory {
  const t = dir.get(tag);
  if (t === undefined) throw new Error(`font has no '${tag}' table`);
  return t;
}

/** Code point → glyph id from a format 4 (BMP) or format 12 (full Unicode) cmap subtable. */
function readCmap(view: DataView, cmap: TableDirectory): Map<number, number> {
  const n = view.getUint16(cmap.offset + 2);
  let best = -1;
  let bestFormat = 0;
  for (let i = 0; i < n; i++) {
    const rec = cmap.offset + 4 + 8 * i;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const sub = cmap.offset + view.getUint32(rec + 4);
    const format = view.getUint16(sub);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && (format === 12 || (format === 4 && bestFormat !== 12))) {
      best = sub;
      bestFormat = format;
    }
  }
  if (best < 0) throw new Error("font has no Unicode cmap subtable");
  const map = new Map<number, number>();
  if (bestFormat === 12) {
    const groups = view.getUint32(best + 12);
    for (let g = 0; g < groups; g++) {
      const at = best + 16 + 12 * g;
      const start = view.getUint32(at);
      const end = view.getUint32(at + 4);
      const glyph = view.getUint32(at + 8);
      for (let c = start; c <= end; c++) map.set(c, glyph + (c - start));
    }
    return map;
  }
  const segX2 = view.getUint16(best + 6);
  const ends = best + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  for (let s = 0; s < segX2 / 2; s++) {
    const end = view.getUint16(ends + 2 * s);
    const start = view.getUint16(starts + 2 * s);
    const delta = view.getInt16(deltas + 2 * s);
    const rangeAt = ranges + 2 * s;
    const rangeOffset = view.getUint16(rangeAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = view.getUint16(rangeAt + rangeOffset + 2 * (c - start));
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}

/** Legacy `kern` table, format 0 horizontal subtables: (left << 16 | right) → adjustment in font units. */
function readKern(view: DataView, kern: TableDirectory | undefined): Map<number, number> {
  const pairs = new Map<number, number>();
  if (kern === undefined || view.getUint16(kern.offset) !== 0) return pairs;
  const n = view.getUint16(kern.offset + 2);
  let at = kern.offset + 4;
  for (let t = 0; t < n; t++) {
    const length = view.getUint16(at + 2);
    const coverage = view.getUint16(at + 4);
    const horizontalFormat0 = (coverage & 0x1) === 1 && coverage >> 8 === 0 && (coverage & 0x4) === 0;
    if (horizontalFormat0) {
      const count = view.getUint16(at + 6);
      for (let p = 0; p < count; p++) {
        const rec = at + 14 + 6 * p;
        pairs.set(view.getUint16(rec) * 65536 + view.getUint16(rec + 2), view.getInt16(rec + 4));
      }
    }
    at += length;
  }
  return pairs;
}

export function parseFontMetrics(bytes: Uint8Array): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dir = tables(view);
  const unitsPerEm = view.getUint16(required(dir, "head").offset + 18);
  const numberOfHMetrics = view.getUint16(required(dir, "hhea").offset + 34);
  const hmtx = required(dir, "hmtx").offset;
  const cmap = readCmap(view, required(dir, "cmap"));
  const kern = readKern(view, dir.get("kern"));
  const advance = (glyph: number): number =>
    view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));
  return {
    width(text: string): number {
      let units = 0;
      let previous = -1;
      for (const ch of text) {
        const glyph = cmap.get(ch.codePointAt(0)!) ?? 0;
        units += advance(glyph);
        if (previous >= 0) units += kern.get(previous * 65536 + glyph) ?? 0;
        previous = glyph;
      }
      return units / unitsPerEm;
    },
  };
}
