// Stream creation and draw cost of seedrandom's generators, and of drsim's streamFor/streamForKey.
// Justifies the generator choice documented in src/random/streams.ts. Run:
//   npm run bench -- streams        (or node dist-bench/bench/streams.js after a bench build)
// Each figure is the median of 3 timed runs after a warm-up run. Every generator is timed in its own
// child process so that the timing loops' call sites stay monomorphic, as they are in the simulator.

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import seedrandom from "seedrandom";
import { streamFor, streamForKey, streamKey } from "../src/random/streams.js";
import type { Rng } from "../src/random/types.js";
import { median } from "./report.js";

type Maker = (i: number) => Rng;

// seedrandom's typings declare string seeds only; the integer paths exist at runtime.
const byInt = (alg: unknown): ((seed: number) => Rng) => alg as (seed: number) => Rng;

const CREATIONS = 200_000;
const DRAWS = 20_000_000;
let sink = 0;

function timeIt(run: () => void): number {
  run();
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t0));
  }
  return median(times);
}

function creationMicros(make: Maker): number {
  const ns = timeIt(() => {
    for (let i = 0; i < CREATIONS; i++) sink += make(i)();
  });
  return ns / CREATIONS / 1000;
}

function drawNanos(rng: Rng): number {
  const ns = timeIt(() => {
    for (let i = 0; i < DRAWS; i++) sink += rng();
  });
  return ns / DRAWS;
}

const key = streamKey("world.region-outage");
const makers: [string, Maker][] = [
  ["tychei (integer seed)", (i) => byInt(seedrandom.tychei)(i * 7919 + 12345)],
  ["tychei (string seed)", (i) => seedrandom.tychei(`42/${i}/world.region-outage`)],
  ["alea (string seed)", (i) => seedrandom.alea(`42/${i}/world.region-outage`)],
  ["xor4096 (int32 seed)", (i) => byInt(seedrandom.xor4096)(i * 7919 + 12345)],
  ["ARC4 default (string seed)", (i) => seedrandom(`42/${i}/world.region-outage`)],
  ["streamFor (hashes the name)", (i) => streamFor(42, i, "world.region-outage")],
  ["streamForKey (pre-hashed)", (i) => streamForKey(42, i, key)],
];

const self = fileURLToPath(import.meta.url);

/** Every generator, each in a child process running this file with its index. */
export function run(): void {
  console.log("generator                       create+1 draw   draw");
  for (let i = 0; i < makers.length; i++) {
    process.stdout.write(execFileSync(process.execPath, [self, String(i)], { encoding: "utf8" }));
  }
}

// Run directly: with no argument every generator (as the dispatcher does), with an index one.
const only = process.argv[1] === self ? process.argv[2] : "imported";
if (only === undefined) run();
else if (only !== "imported") {
  const [label, make] = makers[Number(only)]!;
  const create = creationMicros(make);
  const draw = drawNanos(make(7));
  console.log(`${label.padEnd(32)}${create.toFixed(3).padStart(8)} µs ${draw.toFixed(2).padStart(8)} ns`);
  if (sink === 0) console.log("(sink)");
}
