// The point processes the failure processes are made of: Poisson arrivals, alternating renewal
// (exponential gaps, then an event lasting a duration draw), and the count of a Poisson process.
import type { Distribution, Rng } from "../random/types.js";

/** Next event of a Poisson process of `rate` after `from` (Infinity when the rate is 0). */
export function nextArrival(rng: Rng, from: number, rate: number): number {
  return rate > 0 ? from - Math.log(1 - rng()) / rate : Infinity;
}

/** Alternating renewal up to `horizon`: each event's start and end, pushed to `out`. */
export function renewal(rng: Rng, rate: number, horizon: number, duration: Distribution, out: { start: number; end: number }[]): void {
  for (let t = nextArrival(rng, 0, rate); t < horizon; ) {
    const d = duration.sample(rng);
    out.push({ start: t, end: t + d });
    t = nextArrival(rng, t + d, rate);
  }
}

/**
 * How many arrivals a Poisson process of mean `mean` makes: unit exponential gaps counted up to
 * `mean` (exact; its cost grows with the mean, fine for the small means of rare events).
 * Infinity for an infinite mean.
 */
export function poissonCount(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean === Infinity) return Infinity;
  let k = 0;
  for (let t = -Math.log(1 - rng()); t < mean; t -= Math.log(1 - rng())) k++;
  return k;
}
