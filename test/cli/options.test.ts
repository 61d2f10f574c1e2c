// Count options (-n/--runs, --shards, --seed…) take digits or a power-of-ten form, for every command.
import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { nonNegativeInteger, positiveInteger } from "../../src/cli/options.js";

describe("count options", () => {
  it("accept digits and powers of ten", () => {
    expect(positiveInteger("250")).toBe(250);
    expect(positiveInteger("1e6")).toBe(1_000_000);
    expect(positiveInteger("1E8")).toBe(100_000_000);
    expect(nonNegativeInteger("0")).toBe(0);
  });

  it("refuse fractions, signs, zero counts and integers beyond 2^53", () => {
    for (const bad of ["1.5e3", "1.5", "-3", "0", "2e20", "1e", "ten", ""]) {
      expect(() => positiveInteger(bad), bad).toThrow(InvalidArgumentError);
    }
    expect(() => nonNegativeInteger("-1")).toThrow(/non-negative integer such as 250 or 1e6/);
  });
});
