// Process-level behaviour of the CLI: exit codes, one-line error messages, cleanup of temporary
// files on Ctrl-C / SIGTERM / crash, and a quiet exit when stdout is closed early (`| head`).
import { CommanderError } from "commander";
import { UserError } from "../errors.js";
import { committedFiles, removePendingTempFiles } from "../store/atomicWrite.js";
import { interruptedMessage } from "./interrupted.js";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

let installed = false;
const interruptHooks = new Set<() => void>();

/** Runs `hook` (e.g. clearing a progress bar) if the process is interrupted. Returns a remover. */
export function onInterrupt(hook: () => void): () => void {
  interruptHooks.add(hook);
  return () => interruptHooks.delete(hook);
}

export function installProcessHandlers(): void {
  if (installed) return;
  installed = true;
  // 'exit' runs on normal exit, process.exit() and uncaught exceptions: no temp file survives.
  process.on("exit", removePendingTempFiles);
  const interrupted = (signal: NodeJS.Signals, code: number): void => {
    for (const hook of interruptHooks) hook();
    removePendingTempFiles();
    process.stderr.write(interruptedMessage(signal, committedFiles()));
    process.exit(code);
  };
  process.on("SIGINT", () => interrupted("SIGINT", 130));
  process.on("SIGTERM", () => interrupted("SIGTERM", 143));
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(EXIT_OK);
    // A full disk or device (`--json > /dev/full`): one line, not a stack trace. The results
    // directory is complete; only what stdout was to carry is lost.
    process.stderr.write(`drsim: cannot write to standard output (${error.code ?? "error"}: ${error.message.replace(/^\w+: /, "")})\n`);
    process.exit(EXIT_FAILURE);
  });
}

/** Prints an error the way the CLI does and returns the exit code. */
export function reportError(error: unknown, debug: boolean): number {
  // Commander has already printed its usage message; 0 for --help / --version.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  const e = error instanceof Error ? error : new Error(String(error));
  const user = e instanceof UserError;
  if (debug) process.stderr.write(`${e.stack ?? e.message}\n`);
  else if (user) process.stderr.write(`drsim: ${e.message}\n`);
  else process.stderr.write(`drsim: error: ${e.message} (run with --debug for the stack trace)\n`);
  return user ? EXIT_USAGE : EXIT_FAILURE;
}
