// How wide the CLI's tables and sentences may be: the terminal's width when stdout is one, else
// 100 columns (a file, a pipe, a CI log); `--wide` shows every column and never wraps.
import type { TextLayout } from "../report/textTable.js";
import { DEFAULT_WIDTH } from "../report/textTable.js";

export function stdoutLayout(flags: { wide?: boolean }): TextLayout {
  const columns = process.stdout.isTTY === true ? process.stdout.columns : undefined;
  return { width: columns !== undefined && columns > 0 ? columns : DEFAULT_WIDTH, wide: flags.wide === true };
}
