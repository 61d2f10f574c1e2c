// Splitting "v1,v2,…" from `--set PATH=v1,v2` and `--range PATH=low,high`. Values are YAML as the
// scenario writes them, so a value may itself hold commas — `{dist: uniform, min: 1m, max: 3m}`,
// `[a, b]`, `"x,y"` — and only commas outside brackets and quotes separate values.
import { UserError } from "../errors.js";

export function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
    if (depth < 0) throw new UserError(`unbalanced brackets in "${text}"`);
  }
  if (quote !== undefined || depth !== 0) throw new UserError(`unbalanced ${quote === undefined ? "brackets" : "quotes"} in "${text}"`);
  out.push(text.slice(start).trim());
  if (out.some((v) => v === "")) throw new UserError(`empty value in the list "${text}"`);
  return out;
}
