// A progress frame never wraps: fitted to the terminal's width, the bar shrinks first (keeping its
// proportion), then the text is cut; anything that is not a redrawn frame passes untouched.
import { describe, expect, it } from "vitest";
import { fitFrame } from "../../src/cli/progressFit.js";

const frame = (text: string): string => `\r\u001b[K${text}`;
const width = (s: string): number => [...s.replace("\r\u001b[K", "")].length;
const BAR = `${"█".repeat(15)}${"░".repeat(15)}`;
const TEXT = frame(`default-with-a-long-name ${BAR}  50% 5,000/10,000 replications, 12,345/s, ETA 1m07s`);

describe("fitFrame", () => {
  it("leaves a frame that fits as it is", () => {
    expect(fitFrame(TEXT, 200)).toBe(TEXT);
  });

  it("shrinks the bar to fit, half full as before", () => {
    const fitted = fitFrame(TEXT, 90);
    expect(width(fitted)).toBe(89);
    const bar = /[█░]+/.exec(fitted)![0];
    expect(bar.length).toBeLessThan(30);
    expect(Math.abs([...bar].filter((c) => c === "█").length - bar.length / 2)).toBeLessThanOrEqual(0.5);
    expect(fitted).toContain("ETA 1m07s");
  });

  it("cuts the text when even a short bar does not fit", () => {
    for (const columns of [40, 20, 5]) expect(width(fitFrame(TEXT, columns))).toBeLessThanOrEqual(columns - 1);
    expect(fitFrame(TEXT, 40).endsWith("…")).toBe(true);
  });

  it("passes lines, partial writes and unknown widths through", () => {
    expect(fitFrame("a plain line that is far too long for the terminal\n", 10)).toBe("a plain line that is far too long for the terminal\n");
    expect(fitFrame(TEXT, Number.NaN)).toBe(TEXT);
  });
});
