// A command's progress display on stderr: opened at a use case's first report, with the label it
// gives, replaced when the label changes, and cleared when the work ends or is interrupted.
import type { ProgressListener } from "../app/study.js";
import { createProgress, progressMode, type Progress } from "../report/progress.js";
import { fittingStream } from "./progressFit.js";
import { onInterrupt } from "./runtime.js";

export interface StderrProgress {
  readonly update: ProgressListener;
  /** Clears the display; call it in a `finally`. */
  finish(): void;
}

export function stderrProgress(flags: { quiet?: boolean; progress: boolean }, unit?: string): StderrProgress {
  const mode = progressMode({ quiet: flags.quiet === true, progress: flags.progress, isTTY: process.stderr.isTTY === true });
  let label: string | undefined;
  let current: Progress | undefined;
  // On a terminal, every frame fits its width (progressFit.ts): a narrow terminal never stacks frames.
  const stream = mode === "bar" ? fittingStream(process.stderr) : process.stderr;
  const removeHook = onInterrupt(() => current?.finish());
  return {
    update(done, total, next, nextUnit) {
      if (next !== label) {
        current?.finish();
        label = next;
        current = createProgress(stream, mode, next, undefined, nextUnit ?? unit);
      }
      current!.update(done, total);
    },
    finish() {
      current?.finish();
      removeHook();
    },
  };
}

/** Runs a use case with the stderr display fed by its progress reports, cleared however it ends. */
export async function withProgress<T>(flags: { quiet?: boolean; progress: boolean }, work: (onProgress: ProgressListener) => Promise<T>): Promise<T> {
  const progress = stderrProgress(flags);
  try {
    return await work(progress.update);
  } finally {
    progress.finish();
  }
}
