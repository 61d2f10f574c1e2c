// Number formatting for people (terminal, Markdown). summary.json keeps full precision; only these
// displays round.
const YEAR = 365.25 * 86_400;

const DASH = "–";

/** A value with `digits` significant digits and thousands separators; "–" for NaN/null. */
export function fmt(x: number | null, digits = 3): string {
  if (x === null || Number.isNaN(x)) return DASH;
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 10 ** digits) return Math.round(x).toLocaleString("en-US");
  if (abs < 1e-4) return x.toExponential(digits - 1);
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return x.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: decimals });
}

/** Dollars, whole, with separators. */
export function usd(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return DASH;
  return `${x < 0 ? "-" : ""}$${Math.round(Math.abs(x)).toLocaleString("en-US")}`;
}

/** Availability (a fraction) as a percentage with enough decimals to show its nines. */
export function percent(availability: number, nines: number): string {
  if (!Number.isFinite(availability)) return DASH;
  const decimals = Number.isFinite(nines) ? Math.min(8, Math.max(2, Math.floor(nines))) : 6;
  return `${(availability * 100).toFixed(decimals)}%`;
}

export function ninesText(nines: number): string {
  if (Number.isNaN(nines)) return DASH;
  return Number.isFinite(nines) ? nines.toFixed(2) : "∞";
}

/** "p50 / p99" of two values. */
export function pair(a: number, b: number): string {
  return `${fmt(a)} / ${fmt(b)}`;
}

/** The horizon as the per-replication scale of the metrics: "year", "2 years", "30 days", "6 hours". */
export function horizonUnit(seconds: number): string {
  const years = seconds / YEAR;
  if (Math.abs(years - Math.round(years)) < 1e-9 && years >= 1) return years === 1 ? "year" : `${Math.round(years)} years`;
  const candidates: [number, string][] = [[86_400, "day"], [3600, "hour"], [60, "minute"], [1, "second"]];
  for (const [size, name] of candidates) {
    if (seconds >= size) {
      const n = seconds / size;
      return n === 1 ? name : `${fmt(n, 4)} ${name}s`;
    }
  }
  return `${fmt(seconds)} seconds`;
}

/** Short column-header form: "/yr" for a 1-year horizon, else "/<unit>" such as "/30 days". */
export function perHorizon(seconds: number): string {
  const unit = horizonUnit(seconds);
  return unit === "year" ? "/yr" : `/${unit}`;
}

/** Pads cells so every column lines up: first column left-aligned, the others right-aligned. */
export function alignTable(rows: readonly (readonly string[])[], gap = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = " ".repeat(widths[i]! - [...cell].length);
        return i === 0 ? cell + pad : pad + cell;
      })
      .join(gap)
      .trimEnd(),
  );
}
