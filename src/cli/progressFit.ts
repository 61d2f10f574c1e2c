// A progress display that fits its terminal: each redrawn frame ("\r", clear line, text: what
// report/progress.ts writes on a terminal) is kept one column short of the terminal's width — the
// bar shrinks first, then the text is cut — so a frame never wraps, and the next "\r" redraws it in
// place instead of stacking a staircase of half frames down a narrow terminal.

const CLEAR_LINE = "\r\u001b[K";
const BAR = /[█░]{2,}/;
/** The bar keeps at least this many cells while the text still fits beside it. */
const MIN_BAR = 6;

/** `frame` fitted to `columns` (a frame wider than columns − 1 wraps on most terminals). */
export function fitFrame(frame: string, columns: number): string {
  if (!frame.startsWith(CLEAR_LINE) || frame.includes("\n") || !(columns > 0)) return frame;
  const max = Math.max(1, columns - 1);
  let line = frame.slice(CLEAR_LINE.length);
  const length = (s: string): number => [...s].length;
  if (length(line) <= max) return frame;
  const bar = BAR.exec(line)?.[0];
  if (bar !== undefined) {
    const cells = length(bar);
    const keep = Math.max(MIN_BAR, cells - (length(line) - max));
    const filled = Math.round(([...bar].filter((c) => c === "█").length / cells) * keep);
    line = line.replace(bar, "█".repeat(filled) + "░".repeat(keep - filled));
  }
  if (length(line) > max) line = `${[...line].slice(0, max - 1).join("")}…`;
  return CLEAR_LINE + line;
}

/** A stream that writes to `stream`, every progress frame fitted to its current width. */
export function fittingStream(stream: NodeJS.WriteStream): NodeJS.WritableStream {
  const proxy = Object.create(stream) as NodeJS.WriteStream;
  proxy.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === "string" ? fitFrame(chunk, stream.columns) : chunk;
    return (stream.write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(text, ...rest);
  }) as NodeJS.WriteStream["write"];
  return proxy;
}
