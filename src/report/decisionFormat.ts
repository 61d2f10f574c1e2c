// Wording of decision outputs: durations the way targets are written ("15 min", "2.1 s"),
// probabilities to the precision a confidence level needs, availability in percent.
import { humanDuration } from "./charts/format.js";
import { fmt, usd } from "./format.js";

export { usd };

/** Seconds as "0 s", "45 s", "15 min", "3.2 h", "4.5 d"; "∞" when never. */
export function duration(seconds: number): string {
  if (seconds === 0) return "0 s";
  if (seconds === Infinity) return "∞";
  return humanDuration(seconds);
}

/** A probability with three decimals, or 4 significant digits above 0.999 (where 0.95 vs 0.99 matters). */
export function probability(p: number): string {
  if (Number.isNaN(p)) return "–";
  if (p > 0.999 && p < 1) return p.toPrecision(4);
  return p.toFixed(3);
}

/** "0.620 [0.600, 0.640]" */
export function probabilityWithCi(p: number, ci: readonly [number, number]): string {
  return `${probability(p)} [${probability(ci[0])}, ${probability(ci[1])}]`;
}

/** Availability as a percentage with enough decimals to tell 99.95 % from 99.99 %. */
export function availabilityPercent(a: number): string {
  if (!Number.isFinite(a)) return "–";
  // Two significant digits of the unavailability: 99.928 % (0.072 % down), 99.95 % (0.050 %).
  const down = (1 - a) * 100;
  const decimals = down <= 0 ? 2 : Math.min(8, Math.max(2, Math.floor(-Math.log10(down)) + 2));
  return `${(a * 100).toFixed(decimals).replace(/(\.\d*?[1-9])0+$|\.0+$/, "$1")} %`;
}

/** "$1,070,430 [$1,012,000, $1,128,860]" */
export function usdWithCi(mean: number, ci: readonly [number, number]): string {
  return `${usd(mean)} [${usd(ci[0])}, ${usd(ci[1])}]`;
}

export { fmt };
