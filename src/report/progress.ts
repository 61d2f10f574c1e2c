// Run progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise (CI
// logs, files), nothing when quiet. Output never goes to stdout, which --json keeps clean.
import { performance } from "node:perf_hooks";
import { count, elapsed } from "./numbers.js";

export type ProgressMode = "bar" | "lines" | "off";

export interface Progress {
  update(done: number, total: number): void;
  /** Clears the bar (a terminal) so the summary starts on a clean line. */
  finish(): void;
}

export function progressMode(options: { quiet: boolean; progress: boolean; isTTY: boolean }): ProgressMode {
  if (options.quiet || !options.progress) return "off";
  return options.isTTY ? "bar" : "lines";
}

const BAR_WIDTH = 30;
const BAR_INTERVAL_MS = 100;
const LINE_INTERVAL_MS = 5_000;

export function createProgress(
  stream: NodeJS.WritableStream,
  mode: ProgressMode,
  label: string,
  now: () => number = () => performance.now(),
  unit = "replications",
): Progress {
  if (mode === "off") return { update() {}, finish() {} };
  const started = now();
  let last = -Infinity;
  let drawn = false;
  const describe = (done: number, total: number): string => {
    const ms = now() - started;
    const rate = ms > 0 ? (done / ms) * 1000 : 0;
    const eta = rate > 0 && done < total ? `, ETA ${elapsed(((total - done) / rate) * 1000)}` : "";
    return `${count(done)}/${count(total)} ${unit}, ${count(Math.round(rate))}/s${eta}`;
  };
  return {
    update(done, total) {
      const t = now();
      const complete = done >= total;
      if (mode === "bar") {
        if (!complete && t - last < BAR_INTERVAL_MS) return;
        last = t;
        const fraction = total > 0 ? done / total : 1;
        const filled = Math.round(fraction * BAR_WIDTH);
        const bar = "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
        stream.write(`\r\x1b[K${label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}% ${describe(done, total)}`);
        drawn = true;
      } else {
        // The first line waits one interval: short runs stay silent in logs.
        if (last === -Infinity) last = started;
        if (complete || t - last < LINE_INTERVAL_MS) return;
        last = t;
        stream.write(`${label}: ${describe(done, total)}\n`);
      }
    },
    finish() {
      if (mode === "bar" && drawn) stream.write("\r\x1b[K");
    },
  };
}
