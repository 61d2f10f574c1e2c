// Unit parsing for scenario values. Everything below the loader works in seconds, per-second rates,
// bytes and bytes per second; this is the only place a unit is read. The patterns are exported so
// the schema can use them verbatim (and the JSON Schema gets them as `pattern`s for editors).
import { z } from "zod";
import { UserError } from "../errors.js";

/** A value that does not parse; the message is "expected …, got …" and carries no location. */
export class UnitError extends UserError {
  override readonly name: string = "UnitError";
}

const SECOND = 1;
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const WEEK = 7 * DAY;
/** Julian year: the average calendar year, so "1y" is the same everywhere in the model. */
const YEAR = 365.25 * DAY;
const MONTH = YEAR / 12;

// A non-negative decimal: 12, 1.5, .5, 1e3. Signs are not accepted: no quantity here is negative.
const NUM = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 0.001,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
  d: DAY,
  w: WEEK,
  y: YEAR,
};
// "ms" must come before "m" so "250ms" is not read as 250 minutes followed by junk.
const DURATION_UNIT = "(?:ms|s|m|h|d|w|y)";
const DURATION_TERM = new RegExp(`(${NUM}) ?(${DURATION_UNIT})`, "g");
const BARE_NUMBER = new RegExp(`^${NUM}$`);
/** "30s", "1.5h", "1h30m", "1h 30m", or a bare number of seconds ("90"). */
export const DURATION_PATTERN = new RegExp(`^(?:${NUM}|(?:${NUM} ?${DURATION_UNIT} ?)*${NUM} ?${DURATION_UNIT})$`);

const RATE_UNITS: Readonly<Record<string, number>> = {
  second: SECOND,
  s: SECOND,
  minute: MINUTE,
  m: MINUTE,
  hour: HOUR,
  h: HOUR,
  day: DAY,
  d: DAY,
  week: WEEK,
  w: WEEK,
  month: MONTH,
  year: YEAR,
  y: YEAR,
};
/** "0.1/year", "2/month", "4/h". A bare number is rejected: "per what?" is too easy to get wrong. */
export const RATE_PATTERN = new RegExp(`^(${NUM}) ?/ ?(second|minute|hour|day|week|month|year|s|m|h|d|w|y)$`);

const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
  PiB: 2 ** 50,
};
const SIZE_UNIT = "(?:B|kB|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB)";
/** "500GB", "2 KiB", or a bare number of bytes. Case matters: "Mb" would be ambiguous (bits?). */
export const SIZE_PATTERN = new RegExp(`^(${NUM})(?: ?(${SIZE_UNIT}))?$`);

// Bits per second: network links are quoted in bits, storage in bytes.
const BIT_RATE_UNITS: Readonly<Record<string, number>> = {
  bps: 1 / 8,
  kbps: 1e3 / 8,
  Kbps: 1e3 / 8,
  Mbps: 1e6 / 8,
  Gbps: 1e9 / 8,
  Tbps: 1e12 / 8,
};
/** "150MB/s", "2 GiB/s", "1Gbps", "100Mbps", or a bare number of bytes per second. */
export const THROUGHPUT_PATTERN = new RegExp(
  `^(${NUM})(?: ?(?:(${SIZE_UNIT}) ?/ ?s|(bps|kbps|Kbps|Mbps|Gbps|Tbps)))?$`,
);

export const DURATION_EXPECTED = 'expected a duration like "15m", "7h" or "2d"';
export const RATE_EXPECTED = 'expected a rate like "0.1/year", "2/month" or "4/hour"';
export const SIZE_EXPECTED = 'expected a size like "500GB" or "2KiB" (or a number of bytes)';
export const THROUGHPUT_EXPECTED = 'expected a throughput like "150MB/s" or "1Gbps"';

/** Longest string quoted whole in a message; a longer one (a pasted blob, a 1 MiB line) is cut. */
const QUOTED_MAX = 60;

/** How a found value is quoted in messages: strings in double quotes (long ones cut), the rest as written. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") {
    const chars = [...value];
    return chars.length <= QUOTED_MAX ? JSON.stringify(value) : `${JSON.stringify(chars.slice(0, 40).join(""))}… (${chars.length} characters)`;
  }
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return String(value);
}

function fail(expected: string, value: unknown): never {
  throw new UnitError(`${expected}, got ${describeValue(value)}`);
}

/**
 * A finite number ≥ 0, or fail with `expected`. "1e400h" matches every pattern but is infinite in
 * a double, and "1e300y" overflows once converted to seconds: the model cannot compute with it, and
 * an infinity would come out of the run as a silent null. Refused here, where every unit is read.
 */
function nonNegative(value: number, expected: string, written: string | number): number {
  if (Number.isNaN(value) || value < 0 || (!Number.isFinite(value) && typeof written === "number")) fail(expected, written);
  if (!Number.isFinite(value)) throw new UnitError(`${describeValue(written)} is too large to compute with`);
  return value;
}

/**
 * A zod transform reading a value with one of the parsers below. A value the parser refuses becomes
 * an issue of the field being parsed, so it is reported at its file, line and column; a thrown
 * UnitError would escape the schema and lose its location.
 */
export function parsedWith(parse: (value: string | number) => number) {
  return (value: string | number, ctx: z.RefinementCtx): number => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  };
}

/** Seconds. Numbers are seconds; strings need a unit ("30s", "1.5h", "1h30m"; y = 365.25 d). */
export function parseDuration(value: string | number): number {
  if (typeof value === "number") return nonNegative(value, DURATION_EXPECTED, value);
  if (!DURATION_PATTERN.test(value)) fail(DURATION_EXPECTED, value);
  if (BARE_NUMBER.test(value)) return nonNegative(Number(value), DURATION_EXPECTED, value);
  let seconds = 0;
  for (const term of value.matchAll(DURATION_TERM)) {
    seconds += Number(term[1]) * DURATION_UNITS[term[2]!]!;
  }
  return nonNegative(seconds, DURATION_EXPECTED, value);
}

/** Events per second, from "<number>/<unit>" (month = 1/12 year, year = 365.25 d). */
export function parseRate(value: string | number): number {
  if (typeof value === "number") fail(RATE_EXPECTED, value);
  const match = RATE_PATTERN.exec(value);
  if (!match) fail(RATE_EXPECTED, value);
  return nonNegative(Number(match[1]) / RATE_UNITS[match[2]!]!, RATE_EXPECTED, value);
}

/** Bytes: decimal (KB = 1000) or binary (KiB = 1024) units; a number is bytes. */
export function parseSize(value: string | number): number {
  if (typeof value === "number") return nonNegative(value, SIZE_EXPECTED, value);
  const match = SIZE_PATTERN.exec(value);
  if (!match) fail(SIZE_EXPECTED, value);
  return nonNegative(Number(match[1]) * SIZE_UNITS[match[2] ?? "B"]!, SIZE_EXPECTED, value);
}

/** Bytes per second: "<size>/s" or bits per second ("1Gbps" = 1.25e8 B/s); a number is B/s. */
export function parseThroughput(value: string | number): number {
  if (typeof value === "number") return nonNegative(value, THROUGHPUT_EXPECTED, value);
  const match = THROUGHPUT_PATTERN.exec(value);
  if (!match) fail(THROUGHPUT_EXPECTED, value);
  const scale = match[2] !== undefined ? SIZE_UNITS[match[2]]! : match[3] !== undefined ? BIT_RATE_UNITS[match[3]]! : 1;
  return nonNegative(Number(match[1]) * scale, THROUGHPUT_EXPECTED, value);
}
