// Work on a thread of its own, beside the main thread's: one task (a saved run's decision reads the
// rows while the main thread reads them for the charts, so the two passes over a large run take
// the time of the longer one instead of their sum on a machine with a core to spare), or a stream
// of items (a merge's shards decoded while the main thread summarises and writes the rows before).
//
// A task is a function of plain data (structured-cloned both ways: doubles arrive bit for bit, NaN
// and −0 included) in a module that is also a worker entry: the module calls `serveTask(task)` (or
// `serveStream(produce)`) at its top. Run from the TypeScript sources (the unit tests) there is no compiled entry to start, and
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

/** A thrown value as it crosses threads. */
function failureOf(error: unknown): Failure {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message, stack: e.stack, user: e instanceof UserError };
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
    (error: unknown) => port.postMessage({ ok: false, error: failureOf(error) } satisfies Reply<O>),
  );
}

/** Items a stream's thread may have sent ahead of what its consumer took: bounds the memory in flight. */
const STREAM_WINDOW = 2;

type StreamMessage<T> = { readonly item: T } | { readonly done: true } | { readonly error: Failure };

/** A stream of items made on a thread of its own (or here), consumed once, in order. */
export interface AsideStream<T> extends AsyncIterable<T> {
  /** Whether the items are made on a thread of their own. */
  readonly aside: boolean;
  /** Stops the thread (a consumer that stops early need not: leaving the loop cancels). */
  cancel(): void;
}

/**
 * Starts `produce(input)` on a worker thread whose entry is `entry` (the compiled module that calls
 * serveStream(produce)) when `aside` and the entry exists, else runs it here. The thread runs at most
 * STREAM_WINDOW items ahead; an item's ArrayBuffers that its typed arrays view whole are moved, not
 * copied (the producer hands its items over and keeps nothing of them). A failure is raised where the
 * consumer takes the next item, a UserError as one.
 */
export function startStream<I, T>(entry: URL, produce: (input: I) => AsyncIterable<T>, input: I, aside: boolean): AsideStream<T> {
  if (!aside || !existsSync(fileURLToPath(entry))) {
    const items = produce(input);
    return { aside: false, cancel: () => undefined, [Symbol.asyncIterator]: () => items[Symbol.asyncIterator]() };
  }
  const worker = new Worker(entry, { workerData: input });
  const queue: StreamMessage<T>[] = [];
  let broken: Error | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const nudge = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on("message", (message: StreamMessage<T>) => {
    queue.push(message);
    nudge();
  });
  worker.once("error", (error) => {
    broken ??= error;
    nudge();
  });
  worker.once("exit", (code) => {
    if (!finished) broken ??= new Error(`stream thread exited (code ${code}) before its end`);
    nudge();
  });
  const cancel = (): void => {
    finished = true;
    void worker.terminate();
  };
  const next = async (): Promise<IteratorResult<T>> => {
    while (queue.length === 0) {
      if (broken !== undefined) throw broken;
      if (finished) return { done: true, value: undefined };
      await new Promise<void>((resolve) => (wake = resolve));
    }
    const message = queue.shift()!;
    if ("item" in message) {
      worker.postMessage("more");
      return { done: false, value: message.item };
    }
    finished = true;
    if ("error" in message) {
      void worker.terminate();
      throw reraise(message.error);
    }
    return { done: true, value: undefined };
  };
  return {
    aside: true,
    cancel,
    [Symbol.asyncIterator]: () => ({
      next,
      return: async () => {
        if (!finished) cancel();
        return { done: true, value: undefined };
      },
    }),
  };
}

/** The ArrayBuffers of `value`'s typed arrays that they view whole (a view of part of a buffer is copied). */
export function wholeBuffers(value: unknown, found: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    const { buffer } = value;
    if (buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buffer.byteLength) found.add(buffer);
  } else if (Array.isArray(value)) for (const v of value) wholeBuffers(v, found);
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) wholeBuffers(v, found);
  return [...found];
}

/** The worker side of startStream: makes the items of the input the thread was started with, and sends them. */
export function serveStream<I, T>(produce: (input: I) => AsyncIterable<T>): void {
  if (isMainThread || parentPort === null) return;
  const port = parentPort;
  let credit = STREAM_WINDOW;
  let granted: (() => void) | undefined;
  const onMore = (): void => {
    credit++;
    const g = granted;
    granted = undefined;
    g?.();
  };
  port.on("message", onMore);
  void (async () => {
    try {
      for await (const item of produce(workerData as I)) {
        while (credit === 0) await new Promise<void>((resolve) => (granted = resolve));
        credit--;
        port.postMessage({ item } satisfies StreamMessage<T>, wholeBuffers(item));
      }
      port.postMessage({ done: true } satisfies StreamMessage<T>);
    } catch (error) {
      port.postMessage({ error: failureOf(error) } satisfies StreamMessage<T>);
    } finally {
      // Nothing more to wait for: the thread ends once its last message is on its way.
      port.off("message", onMore);
    }
  })();
}
