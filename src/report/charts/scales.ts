// The numbers of chart scales and specs: log-axis decades and their labels, linear tick steps, and
// the rounding that keeps spec data small and its bytes stable. Number wording for titles and notes
// is ../numbers.ts's.

/** Round a data value for a spec: 4 significant digits keep specs small and bytes stable. */
export function roundSig(x: number, digits = 4): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

/** Powers of ten covering [lo, hi] (both > 0): the domain and tick values of a log axis. */
export function decades(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo) + 1e-9);
  const b = Math.max(a + 1, Math.ceil(Math.log10(hi) - 1e-9));
  const out: number[] = [];
  for (let e = a; e <= b; e++) out.push(Number(`1e${e}`));
  return out;
}

/**
 * A Vega label expression for a log axis whose ticks are `ticks` (powers of ten): all ticks keep
 * their grid line, but when there are more than `maxLabels` only every second one is labelled, so
 * labels never collide in a narrow panel.
 */
export function sparseLogLabels(ticks: readonly number[], maxLabels = 6): string | undefined {
  if (ticks.length <= maxLabels) return undefined;
  const keep = ticks.filter((_, i) => (ticks.length - 1 - i) % 2 === 0);
  return `indexof(${JSON.stringify(keep)}, datum.value) >= 0 ? datum.label : ''`;
}

/** A 1, 2, 2.5 or 5 × 10^k step at or above x (> 0): the spacing of linear axis ticks. */
export function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return roundSig(m * p, 6);
  return 10 * p;
}

/** lo, lo + step, …, hi (rounded so the values print cleanly). */
export function ticksBetween(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let k = 0; lo + k * step <= hi + step * 1e-9; k++) out.push(roundSig(lo + k * step, 8));
  return out;
}

/** A Vega label expression printing USD ticks with one shared unit: "$0", "$50k", "$1.5M". */
export function usdLabels(max: number): string {
  const [div, unit] = max >= 1e9 ? [1e9, "B"] : max >= 1e6 ? [1e6, "M"] : max >= 1e3 ? [1e3, "k"] : [1, ""];
  return `datum.value === 0 ? '$0' : '$' + format(datum.value / ${div}, ',~g') + '${unit}'`;
}
