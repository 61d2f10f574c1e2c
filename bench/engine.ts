// Engine benchmarks: the classic "hold" model — N events pending; repeatedly take the earliest and
// schedule one at now + Exp(1) — at three queue sizes and three layers (a bare heap of times, the
// EventQueue, the Simulator with dispatch), plus a random-insert batch (schedule K events at random
// times, run until empty, reset).
//
// Exp(1) increments come from a precomputed table so every layer pays the same (tiny) draw cost and
// the figures measure the queue, not Math.log. Each trial warms up on WARMUP events first.

import { EventQueue } from "../src/kernel/eventQueue.js";
import { Simulator } from "../src/kernel/simulator.js";
import type { BenchContext } from "./index.js";

const EVENTS = 1_000_000;
const WARMUP = 100_000;
const SIZES = [10, 1_000, 10_000] as const;

type Clock = () => number;

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

/**
 * Baselines: a bare binary heap of times in one Float64Array; pop the minimum, push one later.
 * "classic" picks the smaller child with a branch (the textbook heap, as in docs/design.md's raw-heap
 * figures); "branch-free" uses EventQueue's own sift (numeric child choice, Infinity sentinel), so
 * simulator ÷ branch-free isolates the cost of slots, handles, FIFO ties, payload and dispatch.
 * Two whole functions rather than one with a pop parameter: a shared call site would turn
 * polymorphic across cases and slow whichever ran second.
 */
function rawHoldClassic(n: number, clock: Clock): number {
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
  const t0 = clock();
  for (let i = 0; i < EVENTS; i++) push(pop() + EXP[k++ & MASK]!);
  return EVENTS / (clock() - t0);
}

function rawHoldBranchFree(n: number, clock: Clock): number {
  const heap = new Float64Array(n + 2).fill(Infinity);
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
    heap[size] = Infinity;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      c += +(heap[c + 1]! < heap[c]!);
      const ct = heap[c]!;
      if (t <= ct) break;
      heap[i] = ct;
      i = c;
    }
    heap[i] = t;
    return top;
  };
  for (let i = 0; i < n; i++) push(EXP[k++ & MASK]!);
  for (let i = 0; i < WARMUP; i++) push(pop() + EXP[k++ & MASK]!);
  const t0 = clock();
  for (let i = 0; i < EVENTS; i++) push(pop() + EXP[k++ & MASK]!);
  return EVENTS / (clock() - t0);
}

/** The EventQueue alone: pop into last*, push the same payload later. */
function queueHold(n: number, clock: Clock): number {
  const q = new EventQueue();
  let k = 0;
  for (let i = 0; i < n; i++) q.push(EXP[k++ & MASK]!, i, i);
  const step = (): void => {
    q.pop();
    q.push(q.lastTime + EXP[k++ & MASK]!, q.lastType, q.lastArg);
  };
  for (let i = 0; i < WARMUP; i++) step();
  const t0 = clock();
  for (let i = 0; i < EVENTS; i++) step();
  return EVENTS / (clock() - t0);
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
export function simHold(n: number, clock: Clock): number {
  const { sim, count } = makeSim();
  for (let i = 0; i < n; i++) sim.schedule(EXP[i & MASK]!, HOLD, i);
  // n events pending at Exp(1) spacing fire at rate n per time unit.
  sim.run(sim.now + WARMUP / n);
  const before = count();
  const t0 = clock();
  sim.run(sim.now + EVENTS / n);
  return (count() - before) / (clock() - t0);
}

/** Random insert: schedule k events at uniform times in [now, now + k), run until empty, reset. */
function simRandomInsert(k: number, clock: Clock): number {
  const { sim, count } = makeSim();
  let u = 0;
  const batch = (): void => {
    for (let i = 0; i < k; i++) sim.schedule(UNI[u++ & MASK]! * k, ONCE, i);
    sim.runUntilEmpty();
    sim.reset();
  };
  for (let done = 0; done < WARMUP; done += k) batch();
  const before = count();
  const t0 = clock();
  for (let done = 0; done < EVENTS; done += k) batch();
  return (count() - before) / (clock() - t0);
}

export function run(ctx: BenchContext): void {
  const { clock } = ctx;
  const classic = new Map<number, number>();
  const branchFree = new Map<number, number>();
  const sim = new Map<number, number>();
  const rate = "events/s";
  for (const n of SIZES) {
    classic.set(n, ctx.measure(`engine/hold/raw-heap-classic/N=${n}`, rate, () => rawHoldClassic(n, clock)));
  }
  for (const n of SIZES) {
    branchFree.set(n, ctx.measure(`engine/hold/raw-heap-branchfree/N=${n}`, rate, () => rawHoldBranchFree(n, clock)));
  }
  for (const n of SIZES) ctx.measure(`engine/hold/queue/N=${n}`, rate, () => queueHold(n, clock));
  for (const n of SIZES) sim.set(n, ctx.measure(`engine/hold/simulator/N=${n}`, rate, () => simHold(n, clock)));
  for (const k of [1_000, 10_000]) {
    ctx.measure(`engine/random-insert/simulator/K=${k}`, rate, () => simRandomInsert(k, clock));
  }
  for (const n of SIZES) {
    const s = sim.get(n)!;
    ctx.note(`simulator / raw heap at N=${n}: ${(s / classic.get(n)!).toFixed(2)} of classic, ` +
      `${(s / branchFree.get(n)!).toFixed(2)} of branch-free`);
  }
}
