// Confidence intervals for a proportion k/n (the share of incidents that met a target, of years that
// met an availability target). Wilson's score interval: closed form, never outside [0, 1], and close
// to its nominal coverage even near 0 and 1 where the normal ("Wald") interval fails — which is
// exactly where targets like "RTO met in 99 % of incidents" live.

/** Two-sided 95 % standard-normal critical value, Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

export interface Proportion {
  /** Successes. */
  readonly k: number;
  /** Trials. */
  readonly n: number;
  /** k / n; NaN when n = 0. */
  readonly p: number;
  /** Wilson 95 % interval; [0, 1] when n = 0 (nothing is known). */
  readonly ci95: readonly [number, number];
}

/** The Wilson score interval of k successes in n trials at critical value z. */
export function wilson(k: number, n: number, z = Z95): Proportion {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`wilson: need integers 0 ≤ k ≤ n, got k=${k}, n=${n}`);
  }
  if (n === 0) return { k, n, p: NaN, ci95: [0, 1] };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 or k = n the bound is exactly 0 or 1; rounding must not move it.
  const lo = k === 0 ? 0 : Math.max(0, centre - half);
  const hi = k === n ? 1 : Math.min(1, centre + half);
  return { k, n, p, ci95: [lo, hi] };
}

/**
 * The smallest number of successes k out of n whose Wilson lower bound reaches `level`, or
 * undefined when even k = n does not (n too small to demonstrate `level`). The lower bound is
 * increasing in k, so a binary search finds it.
 */
export function successesToDemonstrate(n: number, level: number, z = Z95): number | undefined {
  if (n === 0 || wilson(n, n, z).ci95[0] < level) return undefined;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (wilson(mid, n, z).ci95[0] >= level) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
