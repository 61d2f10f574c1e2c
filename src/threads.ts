// One task on a thread of its own, beside the main thread's work: a saved run's decision reads the
// rows while the main thread reads them for the charts, so the two passes over a large run take
// the time of the longer one instead of their sum on a machine with a core to spare.
//
// A task is a function of plain data (structured-cloned both ways: doubles arrive bit for bit, NaN
// and −0 included) in a module that is also a worker entry: the module calls `serveTask(task)` at
// its top. Run from the TypeScript sources (the unit tests) there is no compiled entry to start, and
// the task runs on the calling thread: the same function, so the same result.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { UserError } from "./errors.js";

interface Failure {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** A UserError (exit 2, message only): re-raised as one, so a bad file reads the same from a thread. */
  readonly user: boolean;
}

type Reply<O> = { readonly ok: true; readonly value: O } | { readonly ok: false; readonly error: Failure };

/** A task started aside: its result, and how to stop it when the result is no longer wanted. */
export interface AsideTask<O> {
  readonly result: Promise<O>;
  /** Whether it runs on a thread of its own (else on the caller's, interleaved with it). */
  readonly aside: boolean;
  /** Stops the thread (its result then rejects, and nobody waits for it). */
  cancel(): void;
}

/** The error a failed task raised, re-created on the calling thread with the task's stack. */
function reraise(failure: Failure): Error {
  if (failure.user) return new UserError(failure.message);
  const error = new Error(failure.message);
  error.name = failure.name;
  if (failure.stack !== undefined) error.stack = failure.stack;
  return error;
}

/**
 * Starts `task(input)` on a worker thread whose entry is `entry` (the compiled module that calls
 * serveTask(task)) when `aside` and the entry exists; otherwise runs it here. The result never
 * rejects unobserved: a caller that stops waiting cancels it.
 */
export function startAside<I, O>(entry: URL, task: (input: I) => Promise<O>, input: I, aside: boolean): AsideTask<O> {
  if (!aside || !existsSync(fileURLToPath(entry))) {
    const result = task(input);
    result.catch(() => undefined);
    return { result, aside: false, cancel: () => undefined };
  }
  const worker = new Worker(entry, { workerData: input });
  let cancelled = false;
  const result = new Promise<O>((resolve, reject) => {
    worker.once("message", (reply: Reply<O>) => (reply.ok ? resolve(reply.value) : reject(reraise(reply.error))));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(cancelled ? "task cancelled" : `task thread exited (code ${code}) before it answered`)));
  });
  result.catch(() => undefined);
  return {
    result,
    aside: true,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}

/** The worker side: runs `task` on the input the thread was started with and posts its result. */
export function serveTask<I, O>(task: (input: I) => Promise<O>): void {
  if (isMainThread || parentPort === null) return;
  const port = parentPort;
  task(workerData as I).then(
    (value) => port.postMessage({ ok: true, value } satisfies Reply<O>),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ ok: false, error: { name: e.name, message: e.message, stack: e.stack, user: e instanceof UserError } } satisfies Reply<O>);
    },
  );
}
