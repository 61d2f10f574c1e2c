import { describe, expect, it } from "vitest";
import { EventQueue, type EventId } from "../../src/kernel/eventQueue.js";
import { streamFor } from "../../src/random/streams.js";

// A tiny seeded PRNG so every case is reproducible (the streams module is separate work).
interface RefEvent { time: number; seq: number; type: number; arg: number; id: EventId }

/** The obviously-correct reference: an array kept sorted by (time, insertion order). */
class SortedReference {
  private events: RefEvent[] = [];
  private seq = 0;
  get size(): number { return this.events.length; }
  peekTime(): number { return this.events.length > 0 ? this.events[0]!.time : Infinity; }
  push(time: number, type: number, arg: number, id: EventId): void {
    const e = { time, seq: this.seq++, type, arg, id };
    let i = this.events.length;
    while (i > 0 && this.events[i - 1]!.time > time) i--;
    this.events.splice(i, 0, e);
  }
  pop(limit: number): RefEvent | undefined {
    const head = this.events[0];
    if (head === undefined || head.time > limit) return undefined;
    return this.events.shift();
  }
  cancel(id: EventId): boolean {
    const i = this.events.findIndex((e) => e.id === id);
    if (i < 0) return false;
    this.events.splice(i, 1);
    return true;
  }
  clear(): void { this.events = []; }
}

function drain(q: EventQueue): number[] {
  const args: number[] = [];
  while (q.pop() >= 0) args.push(q.lastArg);
  return args;
}

describe("EventQueue against a sorted-array reference", () => {
  it("agrees on thousands of random push/pop/cancel/clear interleavings", () => {
    const CASES = 5_000;
    let ops = 0;
    for (let c = 0; c < CASES; c++) {
      const rng = streamFor(1_000 + c, 0, "event-queue-test");
      // Small initial capacity exercises growth; a coarse time grid forces many ties.
      const q = new EventQueue(2);
      const ref = new SortedReference();
      const issued: EventId[] = [];
      const seen = new Set<EventId>();
      // Plain checks in the inner loop: a vitest expect() per operation would dominate the runtime.
      const check = (ok: boolean, what: string): void => {
        if (!ok) throw new Error(`case ${c}, step ${ops}: ${what}`);
      };
      const grid = 1 + Math.floor(rng() * 50);
      const steps = 50 + Math.floor(rng() * 250);
      let now = 0;
      for (let s = 0; s < steps; s++, ops++) {
        const r = rng();
        if (r < 0.5) {
          const time = now + Math.floor(rng() * grid) * (rng() < 0.5 ? 1 : 0.25);
          const type = Math.floor(rng() * 2 ** 32) - 2 ** 31;
          const arg = rng();
          const id = q.push(time, type, arg);
          check(!seen.has(id), `handle ${id} reissued`); // stale handles must never come back
          seen.add(id);
          issued.push(id);
          ref.push(time, type, arg, id);
        } else if (r < 0.8) {
          const limit = rng() < 0.2 ? now + rng() * grid : Infinity;
          const expected = ref.pop(limit);
          const id = q.pop(limit);
          if (expected === undefined) check(id === -1, `pop(${limit}) returned ${id}, expected -1`);
          else {
            check(id === expected.id && q.lastTime === expected.time && q.lastType === expected.type &&
              q.lastArg === expected.arg, `pop returned ${id}@${q.lastTime}, expected ${expected.id}@${expected.time}`);
            now = expected.time;
          }
        } else if (r < 0.995) {
          // Any handle ever issued: pending, fired or already cancelled.
          const id = issued.length > 0 ? issued[Math.floor(rng() * issued.length)]! : 0;
          const want = ref.cancel(id);
          check(q.cancel(id) === want, `cancel(${id}) should return ${want}`);
        } else {
          ref.clear();
          q.clear();
        }
        check(q.size === ref.size, `size ${q.size}, expected ${ref.size}`);
        check(q.peekTime() === ref.peekTime(), `peekTime ${q.peekTime()}, expected ${ref.peekTime()}`);
      }
      // Whatever is left drains in reference order.
      const rest: number[] = [];
      for (let e = ref.pop(Infinity); e !== undefined; e = ref.pop(Infinity)) rest.push(e.arg);
      expect(drain(q)).toEqual(rest);
    }
    expect(ops).toBeGreaterThan(CASES * 50);
  });
});

describe("EventQueue", () => {
  it("pops equal times in push order (FIFO), even across growth", () => {
    const q = new EventQueue(2);
    for (let i = 0; i < 1_000; i++) q.push(i % 2 === 0 ? 5 : 3, 0, i);
    const order = drain(q);
    const odds = order.slice(0, 500);
    const evens = order.slice(500);
    expect(odds).toEqual(Array.from({ length: 500 }, (_, i) => 2 * i + 1));
    expect(evens).toEqual(Array.from({ length: 500 }, (_, i) => 2 * i));
  });

  it("cancels the head, the tail and a middle event", () => {
    const q = new EventQueue();
    const ids = [1, 2, 3, 4, 5].map((t) => q.push(t, 0, t));
    expect(q.cancel(ids[0]!)).toBe(true); // head
    expect(q.peekTime()).toBe(2);
    expect(q.cancel(ids[4]!)).toBe(true); // tail
    expect(q.cancel(ids[2]!)).toBe(true); // middle
    expect(q.size).toBe(2);
    expect(drain(q)).toEqual([2, 4]);
  });

  it("ignores cancel of an already-fired event, even after its slot is reused", () => {
    const q = new EventQueue();
    const fired = q.push(1, 0, 1);
    q.push(2, 0, 2);
    expect(q.pop()).toBe(fired);
    const reuser = q.push(3, 0, 3); // takes the freed slot
    expect(reuser).not.toBe(fired);
    expect(q.cancel(fired)).toBe(false);
    expect(q.size).toBe(2);
    expect(drain(q)).toEqual([2, 3]);
  });

  it("ignores a second cancel and handles that were never issued", () => {
    const q = new EventQueue();
    const id = q.push(1, 0, 1);
    q.push(2, 0, 2);
    expect(q.cancel(id)).toBe(true);
    expect(q.cancel(id)).toBe(false);
    for (const bogus of [-1, 1.5, NaN, Infinity, 2 ** 40 + 1, 12345]) expect(q.cancel(bogus)).toBe(false);
    expect(drain(q)).toEqual([2]);
  });

  it("pop(limit) takes only events at or before the limit", () => {
    const q = new EventQueue();
    q.push(2, 0, 2);
    q.push(1, 0, 1);
    expect(q.pop(0.5)).toBe(-1);
    expect(q.size).toBe(2);
    expect(q.pop(1)).toBeGreaterThanOrEqual(0);
    expect(q.lastTime).toBe(1);
    expect(q.pop(1.5)).toBe(-1);
    expect(q.pop()).toBeGreaterThanOrEqual(0);
    expect(q.lastTime).toBe(2);
    expect(q.pop()).toBe(-1);
    expect(q.peekTime()).toBe(Infinity);
  });

  it("clear() empties the queue and makes every earlier handle stale", () => {
    const q = new EventQueue(2);
    const old = [1, 2, 3].map((t) => q.push(t, 0, t));
    q.clear();
    expect(q.size).toBe(0);
    const fresh = [4, 5, 6].map((t) => q.push(t, 0, t));
    for (const id of old) {
      expect(fresh).not.toContain(id);
      expect(q.cancel(id)).toBe(false);
    }
    expect(drain(q)).toEqual([4, 5, 6]);
  });

  it("keeps type as int32 and arg as float64", () => {
    const q = new EventQueue();
    q.push(0, -(2 ** 31), Math.PI);
    q.pop();
    expect([q.lastType, q.lastArg]).toEqual([-(2 ** 31), Math.PI]);
  });

  it("rejects a non-finite time and a non-int32 type", () => {
    const q = new EventQueue();
    expect(() => q.push(NaN, 0, 0)).toThrow(/time NaN is not finite/);
    expect(() => q.push(Infinity, 0, 0)).toThrow(/not finite/);
    expect(() => q.push(-Infinity, 0, 0)).toThrow(/not finite/);
    expect(() => q.push(0, 2 ** 31, 0)).toThrow(/int32/);
    expect(() => q.push(0, 1.5, 0)).toThrow(/int32/);
    expect(q.size).toBe(0);
  });
});
