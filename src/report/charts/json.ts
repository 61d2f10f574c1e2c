// Spec files people read and diff: 2-space JSON, except that an object or array holding only
// primitives (a data row, a domain, a tick list) stays on one line — specs stay short and stable.
export function compactJson(value: unknown, indent = ""): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every(isFlat)) {
      const oneLine = `[${value.map((v) => compactJson(v)).join(", ")}]`;
      if (value.every((v) => v === null || typeof v !== "object") && oneLine.length <= 100) return oneLine;
      return `[\n${value.map((v) => `${inner}${compactJson(v)}`).join(",\n")}\n${indent}]`;
    }
    return `[\n${value.map((v) => `${inner}${compactJson(v, inner)}`).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  if (entries.every(([, v]) => v === null || typeof v !== "object")) {
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${compactJson(v)}`).join(", ")}}`;
  }
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`).join(",\n")}\n${indent}}`;
}

/** A primitive, or an object/array of primitives only. */
function isFlat(v: unknown): boolean {
  if (v === null || typeof v !== "object") return true;
  return Object.values(v as Record<string, unknown>).every((x) => x === null || typeof x !== "object");
}
