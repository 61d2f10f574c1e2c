// What the store did that the user must hear about although nothing failed: a run directory that
// held a different run was replaced, files of an earlier run were removed, temporary files left by
// a killed process were cleaned up. One line each, on stderr by default (a library user may route
// them elsewhere with setNoticeListener); never on stdout, which carries results.

export type NoticeListener = (message: string) => void;

const toStderr: NoticeListener = (message) => {
  process.stderr.write(`drsim: ${message}\n`);
};

let listener: NoticeListener = toStderr;

/** Routes notices to `next` (default: stderr); returns the previous listener. */
export function setNoticeListener(next: NoticeListener = toStderr): NoticeListener {
  const previous = listener;
  listener = next;
  return previous;
}

export function notice(message: string): void {
  listener(message);
}
