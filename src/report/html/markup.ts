// Small HTML builders for the report's sections. Every text a builder takes as `string` is escaped
// here, through escape.ts's escapeHtml — the report's one HTML escaping helper; `Html` values are
// markup built by these functions, passed through as they are.
import { escapeHtml } from "./escape.js";

/** Markup already escaped (built by this module): the type keeps text and markup apart. */
export interface Html {
  readonly html: string;
}

export const html = (markup: string): Html => ({ html: markup });
/** Text, escaped. */
export const text = (s: string): Html => html(escapeHtml(s));
export const join = (parts: readonly Html[], separator = ""): Html => html(parts.map((p) => p.html).join(separator));

type Content = string | Html;
const content = (c: Content): string => (typeof c === "string" ? escapeHtml(c) : c.html);

/** `<tag class="…">content</tag>`; attributes' values escaped. */
export function el(tag: string, attributes: Readonly<Record<string, string>>, ...children: readonly Content[]): Html {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join("");
  return html(`<${tag}${attrs}>${children.map(content).join("")}</${tag}>`);
}

/** A table: head cells, body rows (the first cell of each row is its header), inside a scrolling wrapper. */
export function table(className: string, head: readonly Content[], rows: readonly (readonly Content[])[], caption?: Content): Html {
  const headRow = `<tr>${head.map((h) => `<th scope="col">${content(h)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${content(c)}</th>` : `<td>${content(c)}</td>`)).join("")}</tr>`).join("\n");
  const cap = caption === undefined ? "" : `<caption>${content(caption)}</caption>`;
  return html(`<div class="table-wrap"><table class="${escapeHtml(className)}">${cap}<thead>${headRow}</thead>\n<tbody>\n${body}\n</tbody></table></div>`);
}

/** A list of items. */
export function list(items: readonly Content[], className = ""): Html {
  const cls = className === "" ? "" : ` class="${escapeHtml(className)}"`;
  return html(`<ul${cls}>${items.map((i) => `<li>${content(i)}</li>`).join("")}</ul>`);
}

/** A strategy's name with its colour swatch. */
export function swatchName(label: string, color: string): Html {
  return html(`<span class="swatch" style="background:${escapeHtml(color)}"></span>${escapeHtml(label)}`);
}
