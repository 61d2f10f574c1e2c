// Downsampling a sorted sample to a curve of at most a few hundred points, so chart specs stay small
// whatever the number of replications while the body and the far tail both keep their shape.

/**
 * Indices into a sorted array of length n: evenly spaced ranks (the body) together with ranks
 * spaced geometrically towards the largest value (the tail, where exceedance curves live). Sorted,
 * unique, always holding 0 and n − 1; all indices when n ≤ maxPoints.
 */
export function curveRanks(n: number, maxPoints = 500): number[] {
  if (n <= 0) return [];
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const half = Math.floor(maxPoints / 2);
  const picked = new Set<number>();
  for (let k = 0; k < half; k++) picked.add(Math.round((k * (n - 1)) / (half - 1)));
  for (let k = 0; k < half; k++) {
    const fromTop = Math.round(Math.pow(n, k / (half - 1))) - 1;
    picked.add(n - 1 - Math.min(n - 1, fromTop));
  }
  return [...picked].sort((a, b) => a - b);
}

/** Number of elements ≤ x in ascending `sorted`. */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface CurvePoint {
  readonly x: number;
  /** P(X ≤ x) over the whole sample (zeros included). */
  readonly cdf: number;
}

/**
 * The empirical CDF of `values` at a downsampled set of its positive values, in ascending x with
 * unique x. Zeros and negatives are left out (they cannot sit on a log axis) but count in `cdf`.
 */
export function positiveEcdf(values: ArrayLike<number>, maxPoints = 500): CurvePoint[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const firstPositive = upperBound(sorted, 0);
  const positives = sorted.subarray(firstPositive);
  const out: CurvePoint[] = [];
  let lastX = Number.NaN;
  for (const r of curveRanks(positives.length, maxPoints)) {
    const x = positives[r]!;
    if (x === lastX) continue;
    lastX = x;
    out.push({ x, cdf: upperBound(sorted, x) / n });
  }
  return out;
}

/** Share of values that are ≤ 0 (for downtime and data loss: exactly zero). */
export function zeroShare(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! <= 0) zeros++;
  return zeros / values.length;
}
