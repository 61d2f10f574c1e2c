// Kubernetes objects → the YAML `kubectl apply` reads, built so that no value can change the
// documents' structure. The objects are built as data and serialised by the yaml package, which
// quotes whatever YAML would read as syntax (`---`, `: `, `#`, `{`, `*alias`, `!!tag`…). What it
// leaves raw is the characters that YAML 1.1 — kubectl's parser, go-yaml — reads as line breaks
// (NEL U+0085, LS U+2028, PS U+2029) or does not allow at all (other control characters, BOM, lone
// surrogates): a value holding one could end a line inside a scalar, and a `---` after it would
// start a new document. Such a value is written double-quoted, and every such character escaped.
import { Document, visit } from "yaml";

/**
 * A character to escape (`char` is one code point): C0 controls but tab and LF, DEL, C1 (NEL among
 * them), LS, PS, BOM, the non-characters U+FFFE/U+FFFF, and lone surrogates.
 */
function isUnsafe(char: string): boolean {
  const code = char.codePointAt(0)!;
  if (code < 0x20) return code !== 0x09 && code !== 0x0a;
  if (code >= 0x7f && code <= 0x9f) return true;
  return code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff);
}

/** The YAML double-quoted escape of an unsafe character: \xHH or \uHHHH. */
function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

function hasUnsafe(text: string): boolean {
  for (const char of text) if (isUnsafe(char)) return true;
  return false;
}

function escapeUnsafe(text: string): string {
  return hasUnsafe(text) ? Array.from(text, (char) => (isUnsafe(char) ? escape(char) : char)).join("") : text;
}

/**
 * One YAML document holding `value`. Every string with an unsafe character is a double-quoted
 * scalar, so every unsafe character of the output sits inside double quotes, where its escape
 * means exactly that character: replacing them all is then exact.
 */
export function yamlDocument(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "string" && hasUnsafe(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return escapeUnsafe(doc.toString({ lineWidth: 0 }));
}

/** `text` for a `# comment` line: JSON-quoted, unsafe characters escaped, so it stays one line. */
export function commentText(text: string): string {
  return escapeUnsafe(JSON.stringify(text));
}
