// Number wording for people: every way a terminal table, Markdown, a chart title or a sentence of
// drsim writes a number lives here, under a name that says what it writes. summary.json and the
// CSVs keep full precision and never come here; only these displays round.
//
// Two kinds of dollars: `usd` writes whole dollars ("$1,070,430", tables and sentences), `usdCompact`
// three significant digits ("$1.2M", chart notes). Three kinds of percent: `availabilityPercent`
// ("99.95 %", as targets are written), `availabilityToNines` ("99.950000%", as many decimals as the
// nines, the summary table) and `sharePercent` ("38 %", a share in a chart note).

const DASH = "–";
const YEAR_SECONDS = 365.25 * 86_400;
const YEAR_HOURS = 365.25 * 24;

// ---- plain numbers ----

/** `digits` significant digits with thousands separators ("1,234", "0.0123", "1.2e-5"); "–" for NaN/null. */
export function significant(x: number | null, digits = 3): string {
  if (x === null || Number.isNaN(x)) return DASH;
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 10 ** digits) return Math.round(x).toLocaleString("en-US");
  if (abs < 1e-4) return x.toExponential(digits - 1);
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return x.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: decimals });
}

/** "p50 / p99": two values, each with three significant digits. */
export function pair(a: number, b: number): string {
  return `${significant(a)} / ${significant(b)}`;
}

/** Rounded to `digits` significant digits without separators or trailing zeros: 12.50 → "12.5". */
export function trimNumber(x: number, digits: number): string {
  return String(Number(x.toPrecision(digits)));
}

/** A count with thousands separators: "12,345". */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

// ---- money ----

/** Whole dollars with separators: "$1,070,430", "-$250"; "–" for null and non-finite. */
export function usd(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return DASH;
  return `${x < 0 ? "-" : ""}$${Math.round(Math.abs(x)).toLocaleString("en-US")}`;
}

/** "$1,070,430 [$1,012,000, $1,128,860]": whole dollars with a 95 % interval. */
export function usdWithCi(mean: number, ci: readonly [number, number]): string {
  return `${usd(mean)} [${usd(ci[0])}, ${usd(ci[1])}]`;
}

/** Whole dollars with an explicit sign, for a difference: "+$44,306", "-$2,170", "$0". */
export function signedUsd(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return DASH;
  return Math.round(x) > 0 ? `+${usd(x)}` : usd(x);
}

/** "+$44,306 [+$40,012, +$48,600]": a signed difference with its 95 % interval. */
export function signedUsdWithCi(mean: number, ci: readonly [number, number]): string {
  return `${signedUsd(mean)} [${signedUsd(ci[0])}, ${signedUsd(ci[1])}]`;
}

/** A signed difference with its interval, compact: "+$44.3k [+$40k, +$48.6k]", "-$160k [-$208k, -$112k]". */
export function signedUsdCompactWithCi(mean: number, ci: readonly [number, number]): string {
  const signed = (x: number): string => (!Number.isFinite(x) ? DASH : x > 0 ? `+${usdCompact(x)}` : x < 0 ? `-${usdCompact(-x)}` : "$0");
  return `${signed(mean)} [${signed(ci[0])}, ${signed(ci[1])}]`;
}

/** Three significant digits with a k/M/B suffix: "$1.2M", "$340k", "$950". */
export function usdCompact(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `$${trimNumber(x / 1e9, 3)}B`;
  if (a >= 1e6) return `$${trimNumber(x / 1e6, 3)}M`;
  if (a >= 1e3) return `$${trimNumber(x / 1e3, 3)}k`;
  return `$${trimNumber(x, 3)}`;
}

// ---- probabilities and shares ----

/** Three decimals, or four significant digits above 0.999 (where 0.95 vs 0.99 matters); "–" for NaN. */
export function probability(p: number): string {
  if (Number.isNaN(p)) return DASH;
  if (p > 0.999 && p < 1) return p.toPrecision(4);
  return p.toFixed(3);
}

/** "0.620 [0.600, 0.640]": a probability with its 95 % interval. */
export function probabilityWithCi(p: number, ci: readonly [number, number]): string {
  return `${probability(p)} [${probability(ci[0])}, ${probability(ci[1])}]`;
}

/** A confidence level as written in a sentence: 0.95 → "95 %", 0.999 → "99.9 %". */
export function confidencePercent(confidence: number): string {
  return `${trimNumber(confidence * 100, 6)} %`;
}

/** The quantile at a confidence level as a column name: 0.95 → "p95", 0.999 → "p99.9". */
export function quantileName(confidence: number): string {
  return `p${trimNumber(confidence * 100, 6)}`;
}

/** A fraction as a percentage with three significant digits: 0.000464 → "0.0464 %", 0.25 → "25 %"; "–" for NaN. */
export function percent(x: number): string {
  if (!Number.isFinite(x)) return DASH;
  if (x === 0) return "0 %";
  const p = x * 100;
  // Small shares keep three significant digits in plain decimals: "0.0000156 %", never "1.56e-5 %".
  if (Math.abs(p) < 1e-4) return `${p.toFixed(Math.min(12, 2 - Math.floor(Math.log10(Math.abs(p)))))} %`;
  return `${significant(p, 3)} %`;
}

/** A share in a chart note: "38 %", "0.4 %", "< 0.1 %", "> 99.9 %", "100 %" (thin no-break spaces). */
export function sharePercent(share: number): string {
  const p = share * 100;
  if (p === 0) return "0\u202f%";
  if (p < 0.1) return "<\u202f0.1\u202f%";
  if (p > 99.9 && p < 100) return ">\u202f99.9\u202f%";
  const digits = p >= 10 ? 0 : 1;
  return `${p.toFixed(digits).replace(/\.0$/, "")}\u202f%`;
}

// ---- availability ----

/** Availability as targets are written, decimals enough to tell 99.95 % from 99.99 %: "99.928 %". */
export function availabilityPercent(a: number): string {
  if (!Number.isFinite(a)) return DASH;
  // Two significant digits of the unavailability: 99.928 % (0.072 % down), 99.95 % (0.050 %).
  const down = (1 - a) * 100;
  const decimals = down <= 0 ? 2 : Math.min(8, Math.max(2, Math.floor(-Math.log10(down)) + 2));
  return `${(a * 100).toFixed(decimals).replace(/(\.\d*?[1-9])0+$|\.0+$/, "$1")} %`;
}

/** Availability with as many decimals as it has nines (2 to 8): "99.950000%" (the summary table). */
export function availabilityToNines(availability: number, nines: number): string {
  if (!Number.isFinite(availability)) return DASH;
  const decimals = Number.isFinite(nines) ? Math.min(8, Math.max(2, Math.floor(nines))) : 6;
  return `${(availability * 100).toFixed(decimals)}%`;
}

/** Nines with two decimals: "3.30"; "∞" for a perfect record. */
export function ninesText(nines: number): string {
  if (Number.isNaN(nines)) return DASH;
  return Number.isFinite(nines) ? nines.toFixed(2) : "∞";
}

// ---- durations and horizons ----

/** Seconds as "0 s", "45 s", "15 min", "3.2 h", "4.5 d"; "∞" for never, "–" for NaN. */
export function duration(seconds: number): string {
  if (seconds === Infinity) return "∞";
  if (!Number.isFinite(seconds)) return DASH;
  if (seconds < 90) return `${trimNumber(seconds, 2)} s`;
  if (seconds < 90 * 60) return `${trimNumber(seconds / 60, 2)} min`;
  if (seconds < 48 * 3600) return `${trimNumber(seconds / 3600, 2)} h`;
  return `${trimNumber(seconds / 86400, 2)} d`;
}

/** A target as a planner writes it, whole units first: 3600 → "1 h", 900 → "15 min", 45 → "45 s"; else as duration(). */
export function targetDuration(seconds: number): string {
  if (seconds > 0 && seconds % 86_400 === 0 && seconds >= 2 * 86_400) return `${seconds / 86_400} d`;
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60} min`;
  return duration(seconds);
}

/** Elapsed wall-clock time of a progress line: "45s", "3m07s". */
export function elapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** The horizon as the per-replication scale of the metrics: "year", "2 years", "30 days", "6 hours". */
export function horizonUnit(seconds: number): string {
  const years = seconds / YEAR_SECONDS;
  if (Math.abs(years - Math.round(years)) < 1e-9 && years >= 1) return years === 1 ? "year" : `${Math.round(years)} years`;
  const candidates: [number, string][] = [[86_400, "day"], [3600, "hour"], [60, "minute"], [1, "second"]];
  for (const [size, name] of candidates) {
    if (seconds >= size) {
      const n = seconds / size;
      return n === 1 ? name : `${significant(n, 4)} ${name}s`;
    }
  }
  return `${significant(seconds)} seconds`;
}

/** Short column-header form: "/yr" for a 1-year horizon, else "/<unit>" such as "/30 days". */
export function perHorizon(seconds: number): string {
  const unit = horizonUnit(seconds);
  return unit === "year" ? "/yr" : `/${unit}`;
}

/** "annual" for a one-year horizon, otherwise e.g. "per 30-day horizon" (chart titles). */
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

// ---- rates ----

/** A rate (per second) per year, three significant digits: "0.05/year". */
export function perYear(ratePerSecond: number): string {
  return `${trimNumber(ratePerSecond * YEAR_SECONDS, 3)}/year`;
}

/** A throughput (bytes per second) in MB/s, three significant digits: "19.2 MB/s". */
export function megabytesPerSecond(bytesPerSecond: number): string {
  return `${trimNumber(bytesPerSecond / 1e6, 3)} MB/s`;
}
