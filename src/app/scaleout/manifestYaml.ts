// Kubernetes objects → the YAML `kubectl apply` reads, built so that no value can change the
// documents' structure. The objects are built as data and serialised by the yaml package, which
// quotes whatever YAML would read as syntax (`---`, `: `, `#`, `{`, `*alias`, `!!tag`…). What it
// leaves raw is the characters that YAML 1.1 — kubectl's parser, go-yaml — reads as line breaks
// (NEL U+0085, LS U+2028, PS U+2029) or does not allow at all (other control characters, BOM, lone
// surrogates): a value holding one could end a line inside a scalar, and a `---` after it would
// start a new document. Such a value is written double-quoted, and every such character escaped.
import { Document, visit } from "yaml";

/** Characters to escape: C0 but tab and LF, DEL, C1 (NEL among them), LS, PS, BOM, non-characters, lone surrogates. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udfff]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "gu");

/** The YAML double-quoted escape of one character: \xHH or \uHHHH. */
function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
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
      if (typeof node.value === "string" && UNSAFE.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ lineWidth: 0 }).replace(UNSAFE_ALL, escape);
}

/** `text` for a `# comment` line: JSON-quoted, unsafe characters escaped, so it stays one line. */
export function commentText(text: string): string {
  return JSON.stringify(text).replace(UNSAFE_ALL, escape);
}
