// Named, seeded random streams for common random numbers.
//
// A stream's seed is a pure function of (masterSeed, replication, name), so a stream's numbers never
// depend on how many other streams exist or in what order they were created: adding a strategy (and
// its streams) changes no number drawn by any other stream.
//
// Generator choice — seedrandom's Tyche-i seeded with an integer. Measured by bench/streams.ts on
// this 2-core AMD EPYC, Node 20, on a quiet machine (µs per creation including one draw; ns per
// draw; each generator in its own process; under heavy load all figures roughly double):
//   tychei (integer seed)        0.18 µs create   6.3 ns/draw
//   tychei (string seed)         0.50 µs          6.5 ns
//   alea   (string seed)         2.2 µs           7.9 ns   (Mash string hashing dominates creation)
//   xor4096 (int32 seed)         1.8 µs          10.3 ns   (4096-bit state, 512 warm-up rounds)
//   ARC4 (the default)           5.3 µs          29.4 ns
//   streamFor (hash name + seed) 0.26 µs          6.6 ns
//   streamForKey (pre-hashed)    0.22 µs          6.6 ns
// The 20 warm-up rounds Tyche-i runs on every seed are most of the creation cost; ~10 streams per
// replication cost ~2.5 µs, a quarter of the 10 µs budget of 100k replications/s per core, so
// avoid creating a stream per event (create one per process and draw from it).
// Tyche-i (no systematic BigCrush failures reported, per seedrandom's README) has period ~2^127,
// so streams started at hashed points practically never overlap. The integer-seed path skips
// seedrandom's string mixing; the library's 20 warm-up rounds then diffuse the seed over the state.

import seedrandom from "seedrandom";
import type { Rng } from "./types.js";

// @types/seedrandom declares only string seeds, but Tyche-i's integer path (seed === floor(seed))
// is what makes creation cheap: a = floor(seed / 2^32), b = seed | 0. Safe integers below 2^53 only.
const tychei = seedrandom.tychei as unknown as (seed: number) => Rng;

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

/** The 53-bit generator seed of stream `key` in `replication` under `masterSeed` (exposed for tests). */
export function streamSeed(masterSeed: number, replication: number, key: number): number {
  checkSeedParts(masterSeed, replication);
  if (!Number.isSafeInteger(key) || key < 0) {
    throw new Error(`random stream: key must come from streamKey(), got ${String(key)}`);
  }
  // 64-bit two's complement halves: `>>> 0` is ToUint32 (exact modulo 2^32 for safe integers).
  const words0 = masterSeed >>> 0;
  const words1 = Math.floor(masterSeed / TWO32) | 0;
  const words2 = replication >>> 0;
  const words3 = Math.floor(replication / TWO32) | 0;
  const words4 = key >>> 0;
  const words5 = Math.floor(key / TWO32) | 0;
  let a = LANE_A;
  let b = LANE_B;
  a = mixWord(a, words0); b = mixWord(b, words0);
  a = mixWord(a, words1); b = mixWord(b, words1);
  a = mixWord(a, words2); b = mixWord(b, words2);
  a = mixWord(a, words3); b = mixWord(b, words3);
  a = mixWord(a, words4); b = mixWord(b, words4);
  a = mixWord(a, words5); b = mixWord(b, words5);
  return join53(fmix32(a ^ 24), fmix32(b ^ 24));
}

/**
 * The stream for a pre-hashed name (see streamKey). Draws are (uint32) / 2^32: 32 bits of
 * resolution, always in [0, 1 − 2^−32], so never 1 (0 occurs with probability 2^−32).
 */
export function streamForKey(masterSeed: number, replication: number, key: number): Rng {
  return tychei(streamSeed(masterSeed, replication, key));
}

/** The uniform [0, 1) stream named `name` of replication `replication` under `masterSeed`. */
export function streamFor(masterSeed: number, replication: number, name: string): Rng {
  return streamForKey(masterSeed, replication, streamKey(name));
}
