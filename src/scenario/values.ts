// Schemas for single values with units. Each accepts what the docs promise (input side, which is
// what the JSON Schema shows) and outputs the model's unit: seconds, per second, bytes, B/s.
// Messages start with "expected …"; the error formatter appends ", got <what was written>".
import { z } from "zod";
import {
  DURATION_EXPECTED,
  DURATION_PATTERN,
  RATE_EXPECTED,
  RATE_PATTERN,
  SIZE_EXPECTED,
  SIZE_PATTERN,
  THROUGHPUT_EXPECTED,
  THROUGHPUT_PATTERN,
  parseDuration,
  parseRate,
  parseSize,
  parseThroughput,
  parsedWith,
} from "./units.js";
import { MAX_BYTES, MAX_USD } from "./limits.js";

/** A schema reading a value written as a number or a unit string into a plain number. */
export type NumberSchema = z.ZodType<number, string | number>;

// Each schema is built once per message and shared: zod schemas are immutable, building them is
// the slow part, and shared instances become single definitions in the JSON Schema.
const built = new Map<string, z.ZodType>();
function memo<T extends z.ZodType>(key: string, build: () => T): T {
  let schema = built.get(key);
  if (schema === undefined) {
    schema = build();
    built.set(key, schema);
  }
  return schema as T;
}

/** A value with units: a number ≥ 0 in the base unit, or a string matching `pattern`. */
function unitValue(pattern: RegExp, parse: (value: string | number) => number, expected: string): NumberSchema {
  return z
    .union([z.number({ error: expected }).nonnegative({ error: expected }), z.string().regex(pattern, { error: expected })], {
      error: expected,
    })
    .transform(parsedWith(parse));
}

/** Seconds: `30s`, `15m`, `1.5h`, `1h30m`, or a number of seconds. */
export function duration(expected = DURATION_EXPECTED): NumberSchema {
  return memo(`duration:${expected}`, () => unitValue(DURATION_PATTERN, parseDuration, expected));
}

/** Events per second, from `0.1/year` and the like. Always needs its unit. */
export function rate(): NumberSchema {
  return memo("rate", () =>
    z
      .string({ error: RATE_EXPECTED })
      .regex(RATE_PATTERN, { error: RATE_EXPECTED })
      .transform(parsedWith(parseRate)),
  );
}

/** Bytes: `500GB`, `2KiB`, or a number of bytes; at most MAX_BYTES (limits.ts says why). */
export function size(): NumberSchema {
  return memo("size", () =>
    unitValue(SIZE_PATTERN, parseSize, SIZE_EXPECTED).refine((v) => v <= MAX_BYTES, {
      error: "expected a size of at most 1e24 bytes (a yottabyte): larger sizes overflow a run's costs",
    }),
  );
}

/** Bytes per second: `150MB/s`, `1Gbps`, or a number of bytes per second. */
export function throughput(expected = THROUGHPUT_EXPECTED): NumberSchema {
  return memo(`throughput:${expected}`, () => unitValue(THROUGHPUT_PATTERN, parseThroughput, expected));
}

export const FRACTION_EXPECTED = "expected a fraction between 0 and 1";

/** A number in [0, 1]. */
export function fraction(expected = FRACTION_EXPECTED): z.ZodNumber {
  return memo(`fraction:${expected}`, () => z.number({ error: expected }).min(0, { error: expected }).max(1, { error: expected }));
}

/** A probability: a number in [0, 1]. */
export function probability(): z.ZodNumber {
  return fraction("expected a probability between 0 and 1");
}

/** Dollars: a number from 0 to MAX_USD (limits.ts says why). */
export function money(): z.ZodNumber {
  return memo("money", () =>
    z
      .number({ error: "expected an amount in USD (a number)" })
      .nonnegative({ error: "expected an amount ≥ 0" })
      .max(MAX_USD, { error: "expected an amount of at most 1e15 USD: larger amounts overflow a run's cost" }),
  );
}

// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: in a label they
// would move a terminal's cursor, recolour it, or break a table or a heading into two lines.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const CONTROL_BUT_LINES = /(?![\n\t])[\p{Cc}\u2028\u2029]/u;

/** A name or label shown in every report: one line of text, something in it, no control characters. */
export function label(): z.ZodString {
  const expected = "expected a label: one line of text, without control characters";
  return memo("label", () =>
    z
      .string()
      .regex(/\S/, { error: `${expected}, not an empty one` })
      .refine((s) => !CONTROL.test(s), { error: expected }),
  );
}

/** Free text (a description): line breaks and tabs allowed, no other control characters. */
export function text(): z.ZodString {
  const expected = "expected text without control characters (line breaks and tabs are fine)";
  return memo("text", () => z.string().refine((s) => !CONTROL_BUT_LINES.test(s), { error: expected }));
}

/** A whole number ≥ `min`. */
export function count(min = 0): z.ZodNumber {
  const expected = `expected a whole number ≥ ${min}`;
  return memo(`count:${min}`, () => z.number({ error: expected }).int({ error: expected }).min(min, { error: expected }));
}

/** A plain number ≥ 0 (a factor, a count that may be fractional). */
export function nonNegative(): z.ZodNumber {
  return memo("nonNegative", () => z.number({ error: "expected a number ≥ 0" }).nonnegative({ error: "expected a number ≥ 0" }));
}

/** A plain number > 0 (shape and sigma parameters). */
export function positive(): z.ZodNumber {
  return memo("positive", () => z.number({ error: "expected a number > 0" }).positive({ error: "expected a number > 0" }));
}
