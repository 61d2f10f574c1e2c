// summary.json's text. NaN and ±Infinity (a Stat over no values, nines of a never-down strategy)
// become null, as JSON.stringify does; numbers keep full precision (shortest round-trip form).
import type { Summary } from "../montecarlo/summary.js";

export function summaryToJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
