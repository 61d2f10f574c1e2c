// The simulation clock over an EventQueue. Events are (time, int32 type, float64 arg) triples and
// every event goes through the one dispatch function given to the constructor: a single call site
// with a single target keeps the hot loop monomorphic, and no closure is allocated per event.
//
// Horizon semantics: run(horizon) fires every event with time <= horizon, in (time, FIFO) order,
// then sets `now = horizon` — the caller has simulated exactly [start, horizon], so fluid quantities
// can be integrated up to the horizon and later after() calls count from it. Events beyond the
// horizon stay queued; another run() continues from there. runUntilEmpty() leaves `now` at the
// time of the last event it fired.

import { EventQueue, type EventId } from "./eventQueue.js";

export type { EventId } from "./eventQueue.js";

/** Handles every event; `sim.now` is the event's time while it runs. */
export type Dispatch = (type: number, arg: number) => void;

// Errors are built out of line: formatting a float argument inside a hot method can make V8 box
// it on every call, thrown or not (see EventQueue's badPush).
function badTime(time: number, now: number): Error {
  return new Error(`Simulator.schedule: cannot schedule at time ${time} (now = ${now}); ` +
    "event times must be finite and not in the past");
}

function badDelay(delay: number, now: number): Error {
  return new Error(`Simulator.after: invalid delay ${delay} (now = ${now}); ` +
    "delays must be >= 0 and now + delay finite");
}

export class Simulator {
  /** Current simulation time (seconds in drsim, but the engine is unit-agnostic). */
  now = 0;

  private readonly queue: EventQueue;
  private readonly dispatch: Dispatch;
  private running = false;

  constructor(dispatch: Dispatch, initialCapacity = 64) {
    this.dispatch = dispatch;
    this.queue = new EventQueue(initialCapacity);
  }

  /** Number of pending events. */
  get pending(): number {
    return this.queue.size;
  }

  /** Time of the next pending event, or Infinity if none. */
  nextTime(): number {
    return this.queue.peekTime();
  }

  /** Schedules an event at absolute `time` (>= now, finite). Equal times fire in scheduling order. */
  schedule(time: number, type: number, arg = 0): EventId {
    // `!(time >= now)` also rejects NaN.
    if (!(time >= this.now) || time === Infinity) throw badTime(time, this.now);
    return this.queue.push(time, type, arg);
  }

  /** Schedules an event `delay` (>= 0, finite) after now. */
  after(delay: number, type: number, arg = 0): EventId {
    const time = this.now + delay;
    if (!(delay >= 0) || time === Infinity) throw badDelay(delay, this.now);
    return this.queue.push(time, type, arg);
  }

  /** Cancels a pending event; false if it already ran, was cancelled, or the id is unknown. */
  cancel(id: EventId): boolean {
    return this.queue.cancel(id);
  }

  /** Fires all events with time <= horizon, then sets now = horizon (see the file comment). */
  run(horizon: number): void {
    if (!(horizon >= this.now)) {
      throw new Error(`Simulator.run: horizon ${horizon} is before now = ${this.now}`);
    }
    this.enter();
    try {
      this.loop(horizon);
    } finally {
      this.running = false;
    }
    // An infinite horizon means "until empty": keep now at the last event rather than Infinity.
    if (horizon !== Infinity) this.now = horizon;
  }

  /** Fires events until none is pending; now stays at the last event's time. */
  runUntilEmpty(): void {
    this.run(Infinity);
  }

  /** Drops all pending events and rewinds the clock to `start`, keeping allocated capacity. */
  reset(start = 0): void {
    if (this.running) throw new Error("Simulator.reset: called from inside an event handler");
    this.queue.clear();
    this.now = start;
  }

  private enter(): void {
    // A nested run() from a handler would interleave two loops over one clock.
    if (this.running) throw new Error("Simulator.run: already running (called from an event handler?)");
    this.running = true;
  }

  private loop(horizon: number): void {
    const q = this.queue;
    const dispatch = this.dispatch;
    while (q.pop(horizon) >= 0) {
      this.now = q.lastTime;
      dispatch(q.lastType, q.lastArg);
    }
  }
}
