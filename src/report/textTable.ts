// Tables and sentences for people: columns padded to line up in a terminal, a Markdown table, and
// the fitting that keeps a terminal's lines within its width (a table drops its least important
// columns, a sentence wraps). The cells are already words; number wording is numbers.ts's.

export interface TextTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The width a terminal table is fitted to when the terminal's own is not known. */
export const DEFAULT_WIDTH = 100;

/** How a text output is laid out: `wide` shows every column and never wraps; otherwise it fits `width`. */
export interface TextLayout {
  readonly width?: number;
  readonly wide?: boolean;
}

/** Characters a terminal shows for `s` (code points: every glyph drsim writes is one column wide). */
export function displayWidth(s: string): number {
  return [...s].length;
}

/** Pads cells so every column lines up: first column left-aligned, the others right-aligned. */
export function alignTable(rows: readonly (readonly string[])[], gap = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = " ".repeat(widths[i]! - displayWidth(cell));
        return i === 0 ? cell + pad : pad + cell;
      })
      .join(gap)
      .trimEnd(),
  );
}

/** A header whose cells hold "\n" as that many header rows (each cell's lines at the bottom). */
export function headerRows(header: readonly string[]): string[][] {
  const split = header.map((h) => h.split("\n"));
  const depth = Math.max(1, ...split.map((lines) => lines.length));
  return Array.from({ length: depth }, (_, row) => split.map((lines) => lines[row - (depth - lines.length)] ?? ""));
}

/** The aligned lines of a table, its header over as many lines as its headings ask. */
export function tableLines(table: TextTable): string[] {
  return alignTable([...headerRows(table.header), ...table.rows]);
}

/** A Markdown table: first column left-aligned, the others right-aligned, "|" escaped in cells, a heading's lines joined. */
export function markdownTable(table: TextTable): string[] {
  const row = (cells: readonly string[]): string => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  const rule = `|${table.header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`;
  return [row(table.header.map((h) => h.split("\n").filter((x) => x !== "").join(" "))), rule, ...table.rows.map(row)];
}

/**
 * The table as aligned lines no wider than `width`: columns are dropped in `dropOrder` (indices,
 * least important first) until it fits; the first column always stays. `dropped` names the
 * headers left out, for a line that says so.
 */
export function fitTable(table: TextTable, width: number, dropOrder: readonly number[]): { lines: string[]; dropped: string[] } {
  let keep = table.header.map((_, i) => i);
  const render = (): string[] => tableLines({ header: keep.map((i) => table.header[i]!), rows: table.rows.map((r) => keep.map((i) => r[i] ?? "")) });
  let lines = render();
  const dropped: string[] = [];
  for (const i of dropOrder) {
    if (Math.max(0, ...lines.map(displayWidth)) <= width) break;
    if (i === 0 || !keep.includes(i)) continue;
    keep = keep.filter((k) => k !== i);
    dropped.push(table.header[i]!);
    lines = render();
  }
  return { lines, dropped };
}

/**
 * A line wrapped at spaces to `width` columns; continuation lines are indented two more than the
 * line's own indent, plus the width of a leading "- " bullet, so they read as one item. A number
 * stays with what follows it ("95 %", "1 min", "0.97 [0.96, 0.98]").
 */
export function wrapLine(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const indent = /^ */.exec(line)![0].length;
  const bullet = line.slice(indent).startsWith("- ") ? 2 : 0;
  const continuation = " ".repeat(Math.min(indent + bullet + 2, Math.max(0, width - 20)));
  const words = line.slice(indent).split(/(?<![\d.]) /);
  const out: string[] = [];
  let current = " ".repeat(indent) + words[0]!;
  for (const word of words.slice(1)) {
    const candidate = `${current} ${word}`;
    if (displayWidth(candidate) > width && current.trim() !== "") {
      out.push(current);
      current = continuation + word;
    } else {
      current = candidate;
    }
  }
  out.push(current);
  return out;
}

/** Every line wrapped to `layout`'s width (none when wide). */
export function fitLines(lines: readonly string[], layout: TextLayout): string[] {
  if (layout.wide === true) return [...lines];
  const width = layout.width ?? DEFAULT_WIDTH;
  return lines.flatMap((l) => wrapLine(l, width));
}
