// Parameter checks shared by the distributions. Messages name the distribution and the parameter,
// e.g. "lognormal: sigma must be > 0, got -1", because they reach users through scenario files.
import { UserError } from "../../errors.js";

/** Shortest round-trip form of a number, for labels and messages. */
export function fmt(x: number): string {
  return String(x);
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** The parameter as a finite number, or a UserError naming `dist` and `name`. */
export function finiteParam(dist: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new UserError(`${dist}: ${name} must be a finite number, got ${show(value)}`);
  }
  return value;
}

/** The parameter as a finite number > 0. */
export function positiveParam(dist: string, name: string, value: unknown): number {
  const x = finiteParam(dist, name, value);
  if (!(x > 0)) throw new UserError(`${dist}: ${name} must be > 0, got ${fmt(x)}`);
  return x;
}

/** Guards quantile(p): p outside [0, 1] is a programming error, not a user's. */
export function checkProbability(label: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${label}: quantile p must be in [0, 1], got ${fmt(p)}`);
}
