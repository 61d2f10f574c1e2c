// Option parsers of `drsim k8s` and `drsim slurm`: a bad value is commander's InvalidArgumentError
// ("option '--shards <n>' argument 'x' is invalid. …"), which the CLI turns into exit code 2.
import { InvalidArgumentError } from "commander";
import { UserError } from "../errors.js";
import { positiveInteger } from "./resources.js";

function asArgumentError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UserError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** A positive integer, "1e8" allowed. */
export function count(text: string): number {
  return asArgumentError(() => {
    try {
      return positiveInteger(text, "");
    } catch {
      throw new UserError("Expected a positive integer such as 250 or 1e8.");
    }
  });
}

/** A non-negative integer (a seed, a retry count). */
export function nonNegative(text: string): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new InvalidArgumentError("Expected a non-negative integer.");
  return value;
}
