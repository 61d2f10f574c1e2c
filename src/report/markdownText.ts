// Text from a scenario (its name, description, strategy labels) placed in Markdown: summary.md,
// recommendation.md. A scenario may come from someone else, and Markdown renders raw HTML and
// links, so such text is escaped to read as itself wherever it lands: `<script>` is shown, not run;
// `[x](javascript:…)`, `*`, `_`, backticks and `~` stay characters; a line break cannot start a list,
// a heading or a quote. Table cells escape `|` on top of this (textTable.ts). Ordinary text —
// "Backup & restore, drilled yearly", "us-east-1 + us-west-2: the four strategies" — is unchanged.

/** `text` as one line of Markdown that renders exactly as `text` reads. */
export function markdownText(text: string): string {
  return (
    text
      .replace(/\s*[\r\n]+\s*/g, " ")
      // Backslash first: it would otherwise escape what follows it (our own escapes included).
      .replace(/[\\`*_[\]~]/g, "\\$&")
      // Only an entity-like "&name;" is read as a character reference; a plain "&" stays.
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // At the start of a line: a heading, a list item, a numbered item, a setext underline.
      .replace(/^(\s*)([-+#=])/, "$1\\$2")
      .replace(/^(\s*\d+)([.)])/, "$1\\$2")
  );
}
