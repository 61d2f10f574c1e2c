// Number and horizon wording shared by chart titles, legends and notes.

const YEAR_HOURS = 365.25 * 24;

/** "annual" for a one-year horizon, otherwise e.g. "per 30-day horizon". */
export function horizonAdjective(horizonHours: number): string {
  if (Math.abs(horizonHours / YEAR_HOURS - 1) < 0.01 || Math.abs(horizonHours - 8760) < 1) return "annual";
  return `per ${horizonName(horizonHours)} horizon`;
}

/** "year" for a one-year horizon, otherwise e.g. "30-day horizon" (for "share of …s"). */
export function horizonNoun(horizonHours: number): string {
  return horizonAdjective(horizonHours) === "annual" ? "year" : `${horizonName(horizonHours)} horizon`;
}

function horizonName(hours: number): string {
  const years = hours / YEAR_HOURS;
  if (years >= 1.5) return `${trimNumber(years, 2)}-year`;
  if (hours >= 48) return `${trimNumber(hours / 24, 3)}-day`;
  if (hours >= 2) return `${trimNumber(hours, 3)}-hour`;
  return `${trimNumber(hours * 60, 3)}-minute`;
}

/** Round to `digits` significant digits and drop trailing zeros: 12.50 → "12.5". */
export function trimNumber(x: number, digits: number): string {
  return String(Number(x.toPrecision(digits)));
}

/** Round a data value for a spec: 4 significant digits keep specs small and bytes stable. */
export function roundSig(x: number, digits = 4): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

/** "38 %", "0.4 %", "< 0.1 %", "100 %" — with a thin no-break space before the sign. */
export function percent(share: number): string {
  const p = share * 100;
  if (p === 0) return "0\u202f%";
  if (p < 0.1) return "<\u202f0.1\u202f%";
  if (p > 99.9 && p < 100) return ">\u202f99.9\u202f%";
  const digits = p >= 10 ? 0 : 1;
  return `${p.toFixed(digits).replace(/\.0$/, "")}\u202f%`;
}

/** A duration in seconds as a short human string: "45 s", "12 min", "3.2 h", "4.5 d". */
export function humanDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  if (seconds < 1) return `${trimNumber(seconds, 2)} s`;
  if (seconds < 90) return `${trimNumber(seconds, 2)} s`;
  if (seconds < 90 * 60) return `${trimNumber(seconds / 60, 2)} min`;
  if (seconds < 48 * 3600) return `${trimNumber(seconds / 3600, 2)} h`;
  return `${trimNumber(seconds / 86400, 2)} d`;
}

/** "$1.2M", "$340k", "$950". */
export function usd(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `$${trimNumber(x / 1e9, 3)}B`;
  if (a >= 1e6) return `$${trimNumber(x / 1e6, 3)}M`;
  if (a >= 1e3) return `$${trimNumber(x / 1e3, 3)}k`;
  return `$${trimNumber(x, 3)}`;
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

/** The smallest 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k at or above x (> 0). */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x * (1 - 1e-12)) return roundSig(m * p, 6);
  return 10 * p;
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
