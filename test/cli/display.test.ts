// Display helpers: progress modes and number formatting (rounding is for display only).
import { describe, expect, it } from "vitest";
import { availabilityToNines, horizonUnit, significant, usd } from "../../src/report/numbers.js";
import { alignTable } from "../../src/report/textTable.js";
import { createProgress, progressMode } from "../../src/report/progress.js";

function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = "";
  const stream = { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream;
  return { stream, text: () => text };
}

describe("progress", () => {
  it("chooses a bar on a terminal, lines otherwise, nothing when quiet or --no-progress", () => {
    expect(progressMode({ quiet: false, progress: true, isTTY: true })).toBe("bar");
    expect(progressMode({ quiet: false, progress: true, isTTY: false })).toBe("lines");
    expect(progressMode({ quiet: true, progress: true, isTTY: true })).toBe("off");
    expect(progressMode({ quiet: false, progress: false, isTTY: true })).toBe("off");
  });

  it("prints a line every 5 s when not a terminal", () => {
    let now = 0;
    const out = sink();
    const p = createProgress(out.stream, "lines", "default", () => now);
    p.update(0, 1000);
    now = 4_000;
    p.update(400, 1000);
    expect(out.text()).toBe("");
    now = 5_100;
    p.update(500, 1000);
    expect(out.text()).toMatch(/^default: 500\/1,000 replications, 98\/s, ETA \d+s\n$/);
    now = 7_000;
    p.update(1000, 1000);
    expect(out.text().split("\n")).toHaveLength(2);
  });

  it("redraws a bar in place and clears it at the end", () => {
    let now = 0;
    const out = sink();
    const p = createProgress(out.stream, "bar", "x", () => now);
    p.update(0, 10);
    now = 1_000;
    p.update(10, 10);
    p.finish();
    // ESC shown as "^" to keep control characters out of the pattern.
    expect(out.text().replaceAll("\x1b", "^")).toMatch(/^\r\^\[Kx ░+ +0% .*\r\^\[Kx █+ 100% .*\r\^\[K$/);
  });
});

describe("format", () => {
  it("rounds for display", () => {
    expect(significant(42.0123)).toBe("42");
    expect(significant(0.012345)).toBe("0.0123");
    expect(significant(123456.7)).toBe("123,457");
    expect(significant(NaN)).toBe("–");
    expect(usd(1234.5)).toBe("$1,235");
    expect(usd(-20)).toBe("-$20");
    expect(availabilityToNines(0.99951, 3.31)).toBe("99.951%");
    expect(horizonUnit(365.25 * 86_400)).toBe("year");
    expect(horizonUnit(30 * 86_400)).toBe("30 days");
  });

  it("aligns columns: first left, the rest right", () => {
    expect(alignTable([["a", "bb"], ["ccc", "d"]])).toEqual(["a    bb", "ccc   d"]);
  });
});
