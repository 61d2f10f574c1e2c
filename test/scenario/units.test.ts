import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { UnitError, parseDuration, parseRate, parseSize, parseThroughput } from "../../src/scenario/units.js";

const DAY = 86_400;
const YEAR = 365.25 * DAY;

describe("parseDuration", () => {
  it.each([
    ["30s", 30],
    ["15m", 900],
    ["1.5h", 5400],
    ["2d", 2 * DAY],
    ["1w", 7 * DAY],
    ["1y", YEAR],
    ["250ms", 0.25],
    ["1h30m", 5400],
    ["1h 30m", 5400],
    ["1d2h3m4s", DAY + 2 * 3600 + 3 * 60 + 4],
    ["1m5s", 65],
    ["0s", 0],
    ["1e3s", 1000],
    [".5h", 1800],
    ["90", 90],
    [90, 90],
    [0.5, 0.5],
  ])("%j is %d s", (input, seconds) => {
    expect(parseDuration(input)).toBeCloseTo(seconds, 9);
  });

  it("says what it expected and what it got", () => {
    expect(() => parseDuration("7 hours")).toThrow('expected a duration like "15m", "7h" or "2d", got "7 hours"');
  });

  it.each(["", "h", "7 hours", "-5m", "1.2.3h", "5M", "1h-30m", "1 h 30", "15min", "fast"])("rejects %j", (input) => {
    expect(() => parseDuration(input)).toThrow(UnitError);
  });

  it.each([-5, Infinity, NaN])("rejects the number %d", (input) => {
    expect(() => parseDuration(input)).toThrow(/expected a duration/);
  });

  it("throws a UserError (exit 2 in the CLI)", () => {
    expect(() => parseDuration("x")).toThrow(UserError);
  });
});

describe("parseRate", () => {
  it.each([
    ["0.1/year", 0.1 / YEAR],
    ["2/month", 2 / (YEAR / 12)],
    ["3/week", 3 / (7 * DAY)],
    ["1/day", 1 / DAY],
    ["4/hour", 4 / 3600],
    ["6/minute", 0.1],
    ["2/second", 2],
    ["1/y", 1 / YEAR],
    ["1/w", 1 / (7 * DAY)],
    ["1/d", 1 / DAY],
    ["1/h", 1 / 3600],
    ["1/m", 1 / 60],
    ["1/s", 1],
    ["1 / year", 1 / YEAR],
    ["0/year", 0],
  ])("%j is %d per second", (input, perSecond) => {
    // Rates per second are tiny (0.1/year ≈ 3e-9): compare relative to the expected value.
    expect(Math.abs(parseRate(input) - perSecond)).toBeLessThanOrEqual(1e-12 * perSecond);
  });

  it("rejects a bare number: per what?", () => {
    expect(() => parseRate(0.1)).toThrow('expected a rate like "0.1/year", "2/month" or "4/hour", got 0.1');
  });

  it.each(["0.1/yr", "0.1 per year", "/year", "0.1/", "-1/year", "1/mo", "1/2y"])("rejects %j", (input) => {
    expect(() => parseRate(input)).toThrow(`got "${input}"`);
  });
});

describe("parseSize", () => {
  it.each([
    ["500GB", 500e9],
    ["2KiB", 2048],
    ["2kB", 2000],
    ["2KB", 2000],
    ["1.5 MB", 1.5e6],
    ["1TiB", 2 ** 40],
    ["3PB", 3e15],
    ["10B", 10],
    ["1024", 1024],
    [1024, 1024],
  ])("%j is %d bytes", (input, bytes) => {
    expect(parseSize(input)).toBe(bytes);
  });

  it.each(["500gb", "5 GBs", "2Kib", "GB", "1Mb"])("rejects %j (units are case-sensitive: Mb would be bits)", (input) => {
    expect(() => parseSize(input)).toThrow(`expected a size like "500GB" or "2KiB" (or a number of bytes), got "${input}"`);
  });

  it("rejects negative sizes", () => {
    expect(() => parseSize(-1)).toThrow("got -1");
  });
});

describe("parseThroughput", () => {
  it.each([
    ["150MB/s", 150e6],
    ["150 MB / s", 150e6],
    ["2GiB/s", 2 * 2 ** 30],
    ["1Gbps", 1e9 / 8],
    ["100Mbps", 100e6 / 8],
    ["10kbps", 10e3 / 8],
    ["800bps", 100],
    ["1000", 1000],
    [1000, 1000],
  ])("%j is %d bytes per second", (input, bytesPerSecond) => {
    expect(parseThroughput(input)).toBeCloseTo(bytesPerSecond, 6);
  });

  it.each(["150MB", "1Gb/s", "1 gbps", "fast", "150MB/h"])("rejects %j", (input) => {
    expect(() => parseThroughput(input)).toThrow(`expected a throughput like "150MB/s" or "1Gbps", got "${input}"`);
  });
});
