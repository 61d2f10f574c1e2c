// The two point processes the failure processes are made of: Poisson arrivals, and alternating
// renewal (exponential gaps, then an event lasting a duration draw).
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
