// Walks a Vega-Lite spec (layers, concats) for the tests: encodings, axis titles, data rows.
interface Json {
  [key: string]: unknown;
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every unit/layer node of a spec (the top level included). */
export function views(spec: unknown): Json[] {
  const out: Json[] = [];
  const visit = (node: unknown): void => {
    if (!isObject(node)) return;
    out.push(node);
    for (const key of ["layer", "hconcat", "vconcat", "concat"]) {
      const children = node[key];
      if (Array.isArray(children)) children.forEach(visit);
    }
    if (isObject(node.spec)) visit(node.spec);
  };
  visit(spec);
  return out;
}

export function encodings(spec: unknown): Json[] {
  return views(spec).flatMap((v) => (isObject(v.encoding) ? [v.encoding] : []));
}

/** Titles of the x and y channels that have one. */
export function axisTitles(spec: unknown): string[] {
  const titles: string[] = [];
  for (const e of encodings(spec)) {
    for (const ch of ["x", "y"]) {
      const def = e[ch];
      if (isObject(def) && def.title !== undefined && def.title !== null) {
        titles.push(Array.isArray(def.title) ? def.title.join(" ") : String(def.title));
      }
    }
  }
  return titles;
}

/** Field names used by any channel (tooltips included). */
export function fields(spec: unknown): Set<string> {
  const out = new Set<string>();
  for (const e of encodings(spec)) {
    for (const def of Object.values(e)) {
      for (const d of Array.isArray(def) ? def : [def]) if (isObject(d) && typeof d.field === "string") out.add(d.field);
    }
  }
  return out;
}

/** Color channel definitions whose field is `field`. */
export function colorDefs(spec: unknown, field: string): Json[] {
  return encodings(spec)
    .map((e) => e.color)
    .filter((c): c is Json => isObject(c) && c.field === field);
}

/** All inline data rows of a spec. */
export function rows(spec: unknown): Json[] {
  return views(spec).flatMap((v) => {
    const data = v.data;
    return isObject(data) && Array.isArray(data.values) ? (data.values as Json[]) : [];
  });
}

export function title(spec: unknown): string {
  const t = isObject(spec) ? spec.title : undefined;
  if (typeof t === "string") return t;
  if (isObject(t)) return [t.text, ...(Array.isArray(t.subtitle) ? t.subtitle : [t.subtitle])].filter(Boolean).join("\n");
  return "";
}
