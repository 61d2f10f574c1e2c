// "Did you mean …?" for unknown ids on the command line, with the scenario loader's matcher.
import { closest } from "../scenario/suggest.js";

/** `unknown strategy "x" (did you mean "y"?); known: a, b`. */
export function unknownMessage(kind: string, name: string, known: readonly string[]): string {
  const guess = closest(name, known);
  return `unknown ${kind} "${name}"${guess === undefined ? "" : ` (did you mean "${guess}"?)`}; known: ${known.join(", ")}`;
}
