import { describe, expect, it } from "vitest";
import { Simulator, type EventId } from "../../src/kernel/simulator.js";
import { streamFor } from "../../src/random/streams.js";

interface Fired { time: number; type: number; arg: number }

/** A simulator whose handler just records what ran, and when. */
function recorder(): { sim: Simulator; fired: Fired[] } {
  const fired: Fired[] = [];
  const sim: Simulator = new Simulator((type, arg) => { fired.push({ time: sim.now, type, arg }); });
  return { sim, fired };
}

describe("Simulator ordering", () => {
  it("fires events in (time, scheduling order), whatever order they were scheduled in", () => {
    const rng = streamFor(7, 0, "simulator-test");
    const { sim, fired } = recorder();
    const planned: Fired[] = [];
    for (let i = 0; i < 5_000; i++) {
      const time = Math.floor(rng() * 200) / 4; // coarse grid: plenty of ties
      sim.schedule(time, i % 3, i);
      planned.push({ time, type: i % 3, arg: i });
    }
    sim.runUntilEmpty();
    // Array.prototype.sort is stable, so this is the (time, FIFO) order.
    expect(fired).toEqual([...planned].sort((a, b) => a.time - b.time));
    expect(sim.now).toBe(planned.reduce((m, e) => Math.max(m, e.time), 0));
  });

  it("runs a zero-delay event after those already queued at the same time", () => {
    const order: number[] = [];
    const sim: Simulator = new Simulator((type, arg) => {
      order.push(arg);
      if (type === 1) sim.after(0, 0, 99);
    });
    sim.schedule(1, 1, 1);
    sim.schedule(1, 0, 2);
    sim.schedule(2, 0, 3);
    sim.runUntilEmpty();
    expect(order).toEqual([1, 2, 99, 3]);
  });
});

describe("Simulator horizon", () => {
  it("fires events at or before the horizon, keeps later ones, and leaves now = horizon", () => {
    const { sim, fired } = recorder();
    for (const t of [1, 5, 10, 10.5, 20]) sim.schedule(t, 0, t);
    sim.run(10);
    expect(fired.map((e) => e.time)).toEqual([1, 5, 10]);
    expect(sim.now).toBe(10);
    expect(sim.pending).toBe(2);
    expect(sim.nextTime()).toBe(10.5);
    sim.run(10.25); // no event in (10, 10.25]: the clock still advances
    expect(sim.now).toBe(10.25);
    expect(fired).toHaveLength(3);
    sim.runUntilEmpty();
    expect(fired.map((e) => e.time)).toEqual([1, 5, 10, 10.5, 20]);
    expect(sim.now).toBe(20); // the last event's time, not Infinity
  });

  it("counts after() from the horizon once a run has ended", () => {
    const { sim, fired } = recorder();
    sim.run(100);
    sim.after(5, 0, 0);
    sim.runUntilEmpty();
    expect(fired[0]!.time).toBe(105);
  });

  it("rejects a horizon in the past", () => {
    const { sim } = recorder();
    sim.run(10);
    expect(() => sim.run(9)).toThrow(/horizon 9 is before now = 10/);
    expect(() => sim.run(NaN)).toThrow(/horizon NaN/);
  });
});

describe("Simulator scheduling errors", () => {
  it("rejects times in the past, NaN, Infinity and negative or NaN delays, naming time and now", () => {
    const { sim } = recorder();
    sim.run(50);
    expect(() => sim.schedule(49.5, 0)).toThrow(/time 49\.5 \(now = 50\)/);
    expect(() => sim.schedule(NaN, 0)).toThrow(/time NaN \(now = 50\)/);
    expect(() => sim.schedule(Infinity, 0)).toThrow(/time Infinity/);
    expect(() => sim.after(-1, 0)).toThrow(/delay -1 \(now = 50\)/);
    expect(() => sim.after(NaN, 0)).toThrow(/delay NaN/);
    expect(() => sim.after(Infinity, 0)).toThrow(/delay Infinity/);
    expect(sim.pending).toBe(0);
    expect(() => sim.schedule(50, 0)).not.toThrow(); // "now" itself is allowed
  });

  it("rejects scheduling in the past from inside a handler", () => {
    const sim: Simulator = new Simulator(() => { sim.schedule(sim.now - 1e-9, 0); });
    sim.schedule(3, 0);
    expect(() => sim.runUntilEmpty()).toThrow(/now = 3/);
  });
});

describe("Simulator cancel and single firing", () => {
  it("never runs an event twice or a cancelled event, and runs every other one", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = streamFor(seed, 0, "simulator-test");
      const runs = new Map<number, number>(); // event number → times fired
      const cancelled = new Set<number>();
      const pendingIds = new Map<number, EventId>(); // event number → handle while pending
      let next = 0;
      const sim: Simulator = new Simulator((_type, arg) => {
        runs.set(arg, (runs.get(arg) ?? 0) + 1);
        const own = pendingIds.get(arg)!;
        pendingIds.delete(arg);
        // Each event spawns 0–2 successors and may cancel a random pending event, or itself.
        const spawn = next < 3_000 ? Math.floor(rng() * 3) : 0;
        for (let i = 0; i < spawn; i++) {
          const n = next++;
          pendingIds.set(n, sim.after(Math.floor(rng() * 4), 0, n));
        }
        if (rng() < 0.3 && pendingIds.size > 0) {
          const keys = [...pendingIds.keys()];
          const victim = keys[Math.floor(rng() * keys.length)]!;
          expect(sim.cancel(pendingIds.get(victim)!)).toBe(true);
          pendingIds.delete(victim);
          cancelled.add(victim);
        }
        if (rng() < 0.1) expect(sim.cancel(own)).toBe(false); // the running event is no longer pending
      });
      for (let i = 0; i < 10; i++) {
        const n = next++;
        pendingIds.set(n, sim.schedule(0, 0, n));
      }
      sim.runUntilEmpty();
      for (let n = 0; n < next; n++) {
        expect(runs.get(n) ?? 0, `event ${n}`).toBe(cancelled.has(n) ? 0 : 1);
      }
    }
  });

  it("ignores cancelling the running event from its own handler and an already-fired event", () => {
    let self: EventId = -1;
    let results: boolean[] = [];
    const sim: Simulator = new Simulator(() => { results.push(sim.cancel(self)); });
    self = sim.schedule(1, 0);
    sim.runUntilEmpty();
    expect(results).toEqual([false]);
    results = [];
    const other = sim.schedule(2, 0); // may reuse the fired event's slot
    expect(sim.cancel(self)).toBe(false);
    self = other;
    sim.runUntilEmpty();
    expect(results).toEqual([false]);
  });
});

describe("Simulator reset and re-entrancy", () => {
  it("reset() clears events and the clock; a rerun matches a fresh simulator", () => {
    const play = (sim: Simulator, fired: Fired[]): Fired[] => {
      fired.length = 0;
      const rng = streamFor(11, 0, "simulator-test");
      for (let i = 0; i < 500; i++) sim.schedule(Math.floor(rng() * 100), i % 4, i);
      sim.run(60);
      return [...fired];
    };
    const fresh = recorder();
    const expected = play(fresh.sim, fresh.fired);

    const reused = recorder();
    const stale = [reused.sim.schedule(1, 0, -1), reused.sim.schedule(70, 0, -2)];
    reused.sim.run(30);
    reused.sim.reset();
    expect(reused.sim.now).toBe(0);
    expect(reused.sim.pending).toBe(0);
    expect(play(reused.sim, reused.fired)).toEqual(expected);
    for (const id of stale) expect(reused.sim.cancel(id)).toBe(false); // old handles stay dead

    reused.sim.reset(1_000);
    expect(reused.sim.now).toBe(1_000);
    expect(() => reused.sim.schedule(999, 0)).toThrow(/now = 1000/);
  });

  it("refuses nested run() and reset() from inside a handler", () => {
    const errors: string[] = [];
    const sim: Simulator = new Simulator((type) => {
      try {
        if (type === 0) sim.run(sim.now + 1);
        else sim.reset();
      } catch (e) {
        errors.push((e as Error).message);
      }
    });
    sim.schedule(1, 0);
    sim.schedule(2, 1);
    sim.runUntilEmpty();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/already running/);
    expect(errors[1]).toMatch(/inside an event handler/);
    sim.schedule(3, 2); // usable again after the errors
    expect(() => sim.runUntilEmpty()).not.toThrow();
  });

  it("is usable again after a handler throws", () => {
    let fail = true;
    const sim: Simulator = new Simulator(() => { if (fail) throw new Error("boom"); });
    sim.schedule(1, 0);
    sim.schedule(2, 0);
    expect(() => sim.run(10)).toThrow("boom");
    expect(sim.now).toBe(1); // the failed run did not advance to its horizon
    fail = false;
    sim.run(10);
    expect(sim.pending).toBe(0);
    expect(sim.now).toBe(10);
  });
});
