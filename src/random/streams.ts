// Named, seeded random streams for common random numbers.
//
// A stream's seed is a pure function of (masterSeed, replication, name), so a stream's numbers never
// depend on how many other streams exist or in what order they were created: adding a strategy (and
// its streams) changes no number drawn by any other stream.
//
// Generator choice — Tyche-i seeded with an integer, as seedrandom's `tychei` runs it, in our own
// copy (tychei() below: same numbers, a test holds it to the library). Measured by bench/streams.ts
// on this 2-core AMD EPYC, Node 20 (µs per creation including one draw, a new replication each
// time; ns per draw; each generator in its own process; under heavy load all figures roughly double):
//   seedrandom tychei (integer seed)  0.22 µs create   6.8 ns/draw
//   seedrandom tychei (string seed)   0.59 µs          6.9 ns
//   seedrandom alea (string seed)     2.3 µs           8.3 ns   (Mash string hashing dominates)
//   seedrandom xor4096 (int32 seed)   1.8 µs           7.3 ns   (4096-bit state, 512 warm-up rounds)
//   seedrandom ARC4 (the default)     6.7 µs          31 ns
//   streamFor (hash name + seed)      0.11 µs          7.1 ns
//   streamForKey (pre-hashed)         0.08 µs          7.0 ns
// (With seedrandom's tychei behind it, streamForKey cost 0.22 µs.) The copy saves the library's
// per-stream object, four closures and a property call per warm-up round; the hash below caches
// its (seed, replication) half, so a replication's further streams cost less still. The 20 warm-up
// rounds are about a third of what is left; ~7 streams per replication cost ~0.5 µs of the 10 µs
// budget of 100k replications/s per core. Still: create one stream per process, not per event.
// Tyche-i (no systematic BigCrush failures reported, per seedrandom's README) has period ~2^127,
// so streams started at hashed points practically never overlap. The integer-seed path skips
// seedrandom's string mixing; the 20 warm-up rounds then diffuse the seed over the state.

import type { Rng } from "./types.js";

const TWO32 = 4294967296;
/** Keys and seeds carry 53 bits: 21 high bits + 32 low bits, the most a double holds exactly. */
const HIGH_MASK = 0x1fffff;

// Two murmur3 (x86, 32-bit) lanes with different seeds give ~53 bits of hash. Murmur3's block mix
// is a bijection of the running state for each word and its fmix32 finaliser avalanches every input
// bit, so adjacent replications (one bit apart) and names differing in one character get unrelated
// seeds. With 53-bit seeds, two of 10^7 streams coincide with probability ~n²/2^54 ≈ 0.5 %, and then
// only that one pair is affected.
const LANE_A = 0x2545f491;
const LANE_B = 0x9e3779b9 | 0;

function mixWord(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function join53(high: number, low: number): number {
  return (high & HIGH_MASK) * TWO32 + (low >>> 0);
}

/**
 * Pre-hashes a stream name to a 53-bit integer key, so hot loops can call streamForKey without
 * hashing the string again (hashing a 20-character name costs about as much as creating the stream).
 */
export function streamKey(name: string): number {
  let a = LANE_A;
  let b = LANE_B;
  const n = name.length;
  // Two UTF-16 code units per 32-bit block; the length in the finaliser separates "a" from "a\0".
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const word = name.charCodeAt(i) | (name.charCodeAt(i + 1) << 16);
    a = mixWord(a, word);
    b = mixWord(b, word);
  }
  if (i < n) {
    const word = name.charCodeAt(i);
    a = mixWord(a, word);
    b = mixWord(b, word);
  }
  return join53(fmix32(a ^ n), fmix32(b ^ n));
}

function checkSeedParts(masterSeed: number, replication: number): void {
  if (!Number.isSafeInteger(masterSeed)) {
    throw new Error(`random stream: masterSeed must be a safe integer, got ${String(masterSeed)}`);
  }
  if (!Number.isSafeInteger(replication) || replication < 0) {
    throw new Error(`random stream: replication must be a non-negative safe integer, got ${String(replication)}`);
  }
}

// The (masterSeed, replication) words come first in the hash, so both lanes' state after them is
// the same for every stream of a replication. A model creates all of a replication's streams in a
// row, so a one-entry cache of that prefix halves the hashing (and skips the argument checks, which
// a cached pair has passed) without changing any seed.
let prefixSeed = Number.NaN;
let prefixReplication = Number.NaN;
let prefixA = 0;
let prefixB = 0;

function hashPrefix(masterSeed: number, replication: number): void {
  if (masterSeed === prefixSeed && replication === prefixReplication) return;
  checkSeedParts(masterSeed, replication);
  // 64-bit two's complement halves: `>>> 0` is ToUint32 (exact modulo 2^32 for safe integers).
  const words0 = masterSeed >>> 0;
  const words1 = Math.floor(masterSeed / TWO32) | 0;
  const words2 = replication >>> 0;
  const words3 = Math.floor(replication / TWO32) | 0;
  let a = LANE_A;
  let b = LANE_B;
  a = mixWord(a, words0); b = mixWord(b, words0);
  a = mixWord(a, words1); b = mixWord(b, words1);
  a = mixWord(a, words2); b = mixWord(b, words2);
  a = mixWord(a, words3); b = mixWord(b, words3);
  prefixA = a;
  prefixB = b;
  prefixSeed = masterSeed;
  prefixReplication = replication;
}

function checkKey(key: number): void {
  if (!Number.isSafeInteger(key) || key < 0) {
    throw new Error(`random stream: key must come from streamKey(), got ${String(key)}`);
  }
}

// The two 32-bit halves of the last seed hashed (out-parameters: a 53-bit double returned from a
// call is a heap allocation, and the generator wants the halves anyway).
let seedHigh = 0;
let seedLow = 0;

/** Hashes (masterSeed, replication, key) into seedHigh (21 bits) and seedLow (32 bits). */
function hashSeed(masterSeed: number, replication: number, key: number): void {
  hashPrefix(masterSeed, replication);
  checkKey(key);
  const words4 = key >>> 0;
  const words5 = Math.floor(key / TWO32) | 0;
  let a = mixWord(prefixA, words4);
  let b = mixWord(prefixB, words4);
  a = mixWord(a, words5);
  b = mixWord(b, words5);
  seedHigh = fmix32(a ^ 24) & HIGH_MASK;
  seedLow = fmix32(b ^ 24);
}

/** The 53-bit generator seed of stream `key` in `replication` under `masterSeed` (exposed for tests). */
export function streamSeed(masterSeed: number, replication: number, key: number): number {
  hashSeed(masterSeed, replication, key);
  return seedHigh * TWO32 + seedLow;
}

/** Tyche-i's state words (int32). */
interface TycheState {
  a: number;
  b: number;
  c: number;
  d: number;
}

/**
 * Tyche-i (Neves & Araujo 2011) exactly as seedrandom 3.0.5's `tychei(seed)` runs it for an integer
 * seed — a = seed's high 21 bits, b = its low 32, c and d the paper's constants, 20 warm-up rounds —
 * so every stream draws the numbers it drew when it was seedrandom's (a test compares the two).
 * Our own copy because seedrandom's creation allocates an object, four closures and its warm-up
 * loop runs through a property call per round: 0.28 µs per stream against 0.07 µs here.
 */
function tychei(high: number, low: number): Rng {
  let a = high | 0;
  let b = low | 0;
  let c = 2654435769 | 0;
  let d = 1367130551;
  for (let k = 0; k < 20; k++) {
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    b = (b << 20) ^ (b >>> 12) ^ c;
    c = (c - d) | 0;
    d = (d << 16) ^ (c >>> 16) ^ a;
    a = (a - b) | 0;
  }
  const s: TycheState = { a, b, c, d };
  return () => {
    let a = s.a;
    let b = s.b;
    let c = s.c;
    let d = s.d;
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    s.b = b = (b << 20) ^ (b >>> 12) ^ c;
    s.c = c = (c - d) | 0;
    s.d = (d << 16) ^ (c >>> 16) ^ a;
    s.a = a = (a - b) | 0;
    return (a >>> 0) / TWO32;
  };
}

/**
 * The stream for a pre-hashed name (see streamKey). Draws are (uint32) / 2^32: 32 bits of
 * resolution, always in [0, 1 − 2^−32], so never 1 (0 occurs with probability 2^−32).
 */
export function streamForKey(masterSeed: number, replication: number, key: number): Rng {
  hashSeed(masterSeed, replication, key);
  return tychei(seedHigh, seedLow);
}

/** The uniform [0, 1) stream named `name` of replication `replication` under `masterSeed`. */
export function streamFor(masterSeed: number, replication: number, name: string): Rng {
  return streamForKey(masterSeed, replication, streamKey(name));
}
