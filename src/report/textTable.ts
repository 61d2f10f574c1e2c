// Tables for people: columns padded to line up in a terminal, or a Markdown table. The cells are
// already words; number wording is numbers.ts's.

export interface TextTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Pads cells so every column lines up: first column left-aligned, the others right-aligned. */
export function alignTable(rows: readonly (readonly string[])[], gap = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = " ".repeat(widths[i]! - [...cell].length);
        return i === 0 ? cell + pad : pad + cell;
      })
      .join(gap)
      .trimEnd(),
  );
}

/** A Markdown table: first column left-aligned, the others right-aligned, "|" escaped in cells. */
export function markdownTable(table: TextTable): string[] {
  const row = (cells: readonly string[]): string => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  const rule = `|${table.header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`;
  return [row(table.header), rule, ...table.rows.map(row)];
}
