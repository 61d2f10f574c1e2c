// Engine benchmarks: the classic "hold" model — N events pending; repeatedly take the earliest and
// schedule one at now + Exp(1) — at three queue sizes and three layers (a bare heap of times, the
// EventQueue, the Simulator with dispatch), plus a random-insert batch (schedule K events at random
// times, run until empty, reset) and the cost of an active trace hook.
//
// Exp(1) increments come from a precomputed table so every layer pays the same (tiny) draw cost and
// the figures measure the queue, not Math.log. Each trial warms up on WARMUP events first.

import { performance } from "node:perf_hooks";
import { EventQueue } from "../src/engine/eventQueue.js";
import { Simulator } from "../src/engine/simulator.js";
import type { BenchContext } from "./index.js";

const EVENTS = 1_000_000;
const WARMUP = 100_000;
const SIZES = [10, 1_000, 10_000] as const;

const TABLE_BITS = 16;
const MASK = (1 << TABLE_BITS) - 1;
const EXP = new Float64Array(1 << TABLE_BITS);
const UNI = new Float64Array(1 << TABLE_BITS);
{
  // mulberry32: a fixed seed keeps every run of the bench on the same event sequence.
  let a = 0x9e3779b9;
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i <= MASK; i++) {
    EXP[i] = -Math.log(1 - next());
    UNI[i] = next();
  }
}

/** Baseline: a bare binary heap of times in one Float64Array; pop the minimum, push one later. */
function rawHold(n: number): number {
  const heap = new Float64Array(n + 1);
  let size = 0;
  let k = 0;
  const push = (t: number): void => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p]! <= t) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = t;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const t = heap[--size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && heap[c + 1]! < heap[c]!) c++;
      if (t <= heap[c]!) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = t;
    return top;
  };
  for (let i = 0; i < n; i++) push(EXP[k++ & MASK]!);
  for (let i = 0; i < WARMUP; i++) push(pop() + EXP[k++ & MASK]!);
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i++) push(pop() + EXP[k++ & MASK]!);
  return EVENTS / ((performance.now() - t0) / 1000);
}

/** The EventQueue alone: pop into last*, push the same payload later. */
function queueHold(n: number): number {
  const q = new EventQueue();
  let k = 0;
  for (let i = 0; i < n; i++) q.push(EXP[k++ & MASK]!, i, i);
  const step = (): void => {
    q.pop();
    q.push(q.lastTime + EXP[k++ & MASK]!, q.lastType, q.lastArg);
  };
  for (let i = 0; i < WARMUP; i++) step();
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i++) step();
  return EVENTS / ((performance.now() - t0) / 1000);
}

const HOLD = 0; // an event that reschedules itself
const ONCE = 1; // an event that just counts

/**
 * The Simulator with one dispatch function shared by every case, as in a real model: keeping the
 * run loop's call site monomorphic across cases makes case order irrelevant.
 */
function makeSim(): { sim: Simulator; count: () => number } {
  let count = 0;
  let k = 0;
  const sim: Simulator = new Simulator((type, arg) => {
    count++;
    if (type === HOLD) sim.after(EXP[k++ & MASK]!, type, arg);
  });
  return { sim, count: () => count };
}

/** Hold through the Simulator: events counted in dispatch; horizon sized for ~EVENTS events. */
function simHold(n: number, traced: boolean): number {
  const { sim, count } = makeSim();
  for (let i = 0; i < n; i++) sim.schedule(EXP[i & MASK]!, HOLD, i);
  let seen = 0;
  if (traced) sim.setTrace(() => { seen++; });
  // n events pending at Exp(1) spacing fire at rate n per time unit.
  sim.run(sim.now + WARMUP / n);
  const before = count();
  const t0 = performance.now();
  sim.run(sim.now + EVENTS / n);
  const elapsed = (performance.now() - t0) / 1000;
  if (traced && seen !== count()) throw new Error("trace hook missed events");
  return (count() - before) / elapsed;
}

/** Random insert: schedule k events at uniform times in [now, now + k), run until empty, reset. */
function simRandomInsert(k: number): number {
  const { sim, count } = makeSim();
  let u = 0;
  const batch = (): void => {
    for (let i = 0; i < k; i++) sim.schedule(UNI[u++ & MASK]! * k, ONCE, i);
    sim.runUntilEmpty();
    sim.reset();
  };
  for (let done = 0; done < WARMUP; done += k) batch();
  const before = count();
  const t0 = performance.now();
  for (let done = 0; done < EVENTS; done += k) batch();
  return (count() - before) / ((performance.now() - t0) / 1000);
}

export function run(ctx: BenchContext): void {
  const raw = new Map<number, number>();
  const sim = new Map<number, number>();
  for (const n of SIZES) raw.set(n, ctx.measure(`engine/hold/raw-heap/N=${n}`, "events/s", () => rawHold(n)));
  for (const n of SIZES) ctx.measure(`engine/hold/queue/N=${n}`, "events/s", () => queueHold(n));
  for (const n of SIZES) sim.set(n, ctx.measure(`engine/hold/simulator/N=${n}`, "events/s", () => simHold(n, false)));
  ctx.measure("engine/hold/simulator+trace/N=1000", "events/s", () => simHold(1_000, true));
  for (const k of [1_000, 10_000]) {
    ctx.measure(`engine/random-insert/simulator/K=${k}`, "events/s", () => simRandomInsert(k));
  }
  for (const n of SIZES) {
    ctx.note(`simulator / raw heap at N=${n}: ${(sim.get(n)! / raw.get(n)!).toFixed(2)}`);
  }
}
