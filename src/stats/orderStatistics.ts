// Exact order statistics of a sample too large to hold: the values are streamed, in as many passes
// as it takes, and memory stays bounded whatever the sample size.
//
// Why not a sketch (t-digest, DDSketch…)? Sketches are approximate, and drsim promises that a merged
// sharded run equals the unsharded run byte for byte. Exactness is kept by radix selection on the
// IEEE-754 bits: a double's bits, with the sign handled, sort like the double itself, so 16-bit digits
// of that 64-bit key split the sample into 65,536 ordered bins, then each wanted bin into 65,536 more.
//
// Pass 1 keeps every value while there are few (≤ `holdLimit`), and past that a histogram of the
// top digit. Each further pass narrows each wanted rank to its bin: a bin whose values are all the
// same bits is answered at once (zeros, a constant standing cost), a bin small enough is collected
// and sorted, a larger one is split by the next digit. Four digits fix all 64 bits, so the worst
// case is five passes; typical samples need one (small) to three.
//
// The order is that of Float64Array.prototype.sort: −0 before +0, NaN last — the same order the
// in-memory path (sorting a column) gives, so both paths return identical doubles.

const BINS = 1 << 16;

/**
 * Bins per page of a histogram: pages are allocated as values first reach them. The top digit of a
 * run's column (sign, exponent and 4 mantissa bits) touches a few binades, so a few pages, where
 * 65,536 dense bins are 1 MiB each and a run's summary holds ~150 of them: measured, the RSS through
 * a run's simulation fell by 40–50 MiB (10⁷ replications; 10⁶ over 25 years) with pages.
 */
const PAGE_BITS = 8;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;
const PAGES = BINS / PAGE;
/** Bytes per bin: its count (a double: exact past 2³²), its first value's two words, a mixed flag. */
const BIN_BYTES = 8 + 4 + 4 + 1;
const CHANGED = "orderStatistics: a pass saw different values than the pass before (did the input change?)";

/** Default largest number of values held per collected bin (8 bytes each). */
export const DEFAULT_COLLECT_LIMIT = 1 << 18;

/**
 * Default memory one instance may give its probes in a pass. Bins beyond it wait for a later pass:
 * many wanted ranks (a chart's curve wants hundreds) cost passes, never unbounded memory.
 */
export const DEFAULT_PASS_BUDGET_BYTES = 16 * 2 ** 20;

/**
 * Values `add` gathers before it hands them on as one `addAll`: a value fed alone (a year's worst
 * incident, one loss) then costs what a column fed at once does — measured, about half.
 */
const GATHERED = 512;

/** Values from which a sample held whole is selected by radix passes in memory rather than sorted. */
const SELECT_IN_PASSES = 1 << 14;

/**
 * The top-digit histogram of a sample held whole, shared by every instance: selection runs to its
 * end inside one call, and a histogram per statistic would keep its pages (up to 1 MiB) for the collector.
 */
let topScratch: Histogram | undefined;
function sharedTop(): Histogram {
  if (topScratch === undefined) topScratch = new Histogram(0);
  else topScratch.clear();
  return topScratch;
}

/** Bytes of a Histogram whose values reach every page: what a probe is budgeted, whatever it turns out to hold. */
const HISTOGRAM_BYTES = BINS * BIN_BYTES;

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
// Little-endian word order is what every platform Node runs on uses; checked once here.
scratch[0] = 1;
if (scratchWords[1] !== 0x3ff00000) throw new Error("orderStatistics: expected a little-endian platform");

let keyHi = 0;
let keyLo = 0;
let rawHi = 0;
let rawLo = 0;

/** Sets keyHi/keyLo to the sortable key of x and rawHi/rawLo to its bits (module state: no allocation). */
function keyOf(x: number): void {
  if (x !== x) {
    // Every NaN (whatever its sign and payload bits) sorts last and counts as one value, as in sort().
    keyHi = keyLo = 0xffffffff;
    rawHi = 0x7ff80000;
    rawLo = 0;
    return;
  }
  scratch[0] = x;
  rawLo = scratchWords[0]!;
  rawHi = scratchWords[1]!;
  if ((rawHi & 0x80000000) !== 0) {
    keyHi = ~rawHi >>> 0;
    keyLo = ~rawLo >>> 0;
  } else {
    keyHi = (rawHi | 0x80000000) >>> 0;
    keyLo = rawLo;
  }
}

function fromBits(hi: number, lo: number): number {
  scratchWords[0] = lo;
  scratchWords[1] = hi;
  return scratch[0]!;
}

/** Digit `level` (0 = most significant) of the current key. */
function digit(level: number): number {
  switch (level) {
    case 0:
      return keyHi >>> 16;
    case 1:
      return keyHi & 0xffff;
    case 2:
      return keyLo >>> 16;
    default:
      return keyLo & 0xffff;
  }
}

/** The digits above `level` of the current key, as one integer (< 2^48, exact in a double). */
function prefix(level: number): number {
  switch (level) {
    case 0:
      return 0;
    case 1:
      return keyHi >>> 16;
    case 2:
      return keyHi;
    default:
      return keyHi * 65536 + (keyLo >>> 16);
  }
}

/** The two 32-bit words (low, high) of each of values[from..to), without a copy. */
function wordsOf(values: Float64Array, from: number, to: number): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset + from * 8, (to - from) * 2);
}

/** The top 16-bit digit of the sortable key of the double with these words (what keyOf then digit(0) give). */
function topDigit(hi: number, lo: number): number {
  if ((hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) !== 0 || lo !== 0)) return 0xffff;
  return (hi & 0x80000000) !== 0 ? ~hi >>> 16 : (hi | 0x80000000) >>> 16;
}

/**
 * Counts per bin of one digit, with each bin's first value and whether all its values are that
 * value. Stored by page: `pageAt[p]` is where page p's bins start in the arrays (−1: no value yet).
 */
class Histogram {
  private readonly pageAt = new Int32Array(PAGES).fill(-1);
  private pages = 0;
  private counts = new Float64Array(4 * PAGE);
  private firstHi = new Uint32Array(4 * PAGE);
  private firstLo = new Uint32Array(4 * PAGE);
  private mixed = new Uint8Array(4 * PAGE);

  constructor(readonly level: number) {}

  /** Bytes its arrays hold. */
  get bytes(): number {
    return this.counts.length * BIN_BYTES + this.pageAt.byteLength;
  }

  /** Empties it for reuse (its arrays are kept). */
  clear(): void {
    this.pageAt.fill(-1);
    this.pages = 0;
  }

  /** The values counted in `bin`. */
  count(bin: number): number {
    const at = this.pageAt[bin >>> PAGE_BITS]!;
    return at < 0 ? 0 : this.counts[at + (bin & PAGE_MASK)]!;
  }

  /** Where bin `bin`'s page starts, allocating the page (zeroed) if no value has reached it yet. */
  private pageOf(bin: number): number {
    const p = bin >>> PAGE_BITS;
    const at = this.pageAt[p]!;
    if (at >= 0) return at;
    const start = this.pages++ * PAGE;
    if (start === this.counts.length) {
      const grow = <A extends Float64Array | Uint32Array | Uint8Array>(old: A, bigger: A): A => {
        bigger.set(old);
        return bigger;
      };
      const size = 2 * this.counts.length;
      this.counts = grow(this.counts, new Float64Array(size));
      this.firstHi = grow(this.firstHi, new Uint32Array(size));
      this.firstLo = grow(this.firstLo, new Uint32Array(size));
      this.mixed = grow(this.mixed, new Uint8Array(size));
    }
    // A cleared histogram reuses its arrays: the page's counts and flags start over.
    this.counts.fill(0, start, start + PAGE);
    this.mixed.fill(0, start, start + PAGE);
    this.pageAt[p] = start;
    return start;
  }

  /** Adds the value whose key and bits keyOf last set. */
  addCurrent(): void {
    const b = digit(this.level);
    const i = this.pageOf(b) + (b & PAGE_MASK);
    if (this.counts[i]++ === 0) {
      this.firstHi[i] = rawHi;
      this.firstLo[i] = rawLo;
    } else if (this.mixed[i] === 0 && (this.firstHi[i] !== rawHi || this.firstLo[i] !== rawLo)) {
      this.mixed[i] = 1;
    }
  }

  /** addCurrent of every value whose words (low, high, …) are given, for the top digit's histogram (level 0). */
  addTop(words: Uint32Array): void {
    const pageAt = this.pageAt;
    let { counts, firstHi, firstLo, mixed } = this;
    for (let i = 0; i < words.length; i += 2) {
      let lo = words[i]!;
      let hi = words[i + 1]!;
      const b = topDigit(hi, lo);
      // Every NaN counts as one value (keyOf's canonical bits), as in sort().
      if (b === 0xffff && (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) !== 0 || lo !== 0)) {
        hi = 0x7ff80000;
        lo = 0;
      }
      let at = pageAt[b >>> PAGE_BITS]!;
      if (at < 0) {
        at = this.pageOf(b);
        ({ counts, firstHi, firstLo, mixed } = this);
      }
      const k = at + (b & PAGE_MASK);
      if (counts[k]++ === 0) {
        firstHi[k] = hi;
        firstLo[k] = lo;
      } else if (mixed[k] === 0 && (firstHi[k] !== hi || firstLo[k] !== lo)) {
        mixed[k] = 1;
      }
    }
  }

  /**
   * The bin of each target's rank (among this histogram's values) and the count below that bin, in
   * one sweep over the bins with the targets sorted by rank (a page no value reached counts none).
   */
  place(targets: readonly Target[]): { target: Target; bin: number; below: number }[] {
    const sorted = [...targets].sort((a, b) => a.within - b.within);
    const out: { target: Target; bin: number; below: number }[] = [];
    let below = 0;
    let b = 0;
    for (const target of sorted) {
      for (; b < BINS; b++) {
        if (this.pageAt[b >>> PAGE_BITS]! < 0) {
          b |= PAGE_MASK;
          continue;
        }
        const count = this.count(b);
        if (target.within < below + count) break;
        below += count;
      }
      if (b === BINS) throw new RangeError(`rank ${target.within} beyond the ${below} values counted`);
      out.push({ target, bin: b, below });
    }
    return out;
  }

  /** The single value of a bin whose values are all identical, else undefined. */
  uniformValue(bin: number): number | undefined {
    const i = this.pageAt[bin >>> PAGE_BITS]! + (bin & PAGE_MASK);
    return this.mixed[i] === 0 ? fromBits(this.firstHi[i]!, this.firstLo[i]!) : undefined;
  }
}

/** A wanted rank, relative to the values that share its probe's prefix. */
interface Target {
  readonly rank: number;
  readonly within: number;
}

/** A bin still to be probed: the values under one prefix, how many there are, the ranks wanted among them. */
interface ProbePlan {
  readonly level: number;
  readonly prefix: number;
  readonly size: number;
  readonly targets: Target[];
}

/** The values sharing one prefix (the digits above `level`): counted by digit, or collected whole. */
interface Probe {
  readonly level: number;
  readonly prefix: number;
  readonly targets: Target[];
  readonly histogram: Histogram | undefined;
  readonly collected: Float64Array | undefined;
  /** Values the previous pass counted under this prefix: this pass must see exactly as many. */
  readonly expected: number;
  size: number;
}

/**
 * Exact order statistics (by 0-based rank) of a stream of doubles. Protocol:
 *   1. `add` every value once (pass 1), then `endPass()`;
 *   2. `want(ranks)`, now that `count` is known;
 *   3. while `needsPass`: `add` every value again, in any order, then `endPass()`;
 *   4. `valueAt(rank)`.
 * A sample of at most `holdLimit` values is held whole in pass 1 and needs no further pass.
 */
export class ExactOrderStatistics {
  private pass = 1;
  private n = 0;
  private held: Float64Array | undefined;
  private top: Histogram | undefined;
  /** A sample held whole in pass 1: its values, in the order fed (never sorted: see want). */
  private kept: Float64Array | undefined;
  private readonly resolved = new Map<number, number>();
  private probes: Probe[] = [];
  /** Probes of the current pass by level (1…3) and prefix. */
  private byLevel: Map<number, Probe>[] = [];
  /** Bins waiting for a pass with room in the budget. */
  private waiting: ProbePlan[] = [];
  /** Per top digit: 1 if a probe of this pass lies under it (addAll skips every other value at once). */
  private marked: Uint8Array | undefined;
  /** Values `add` has gathered and not yet handed to addAll (within one pass; order never matters). */
  private readonly gathered = new Float64Array(GATHERED);
  private gatheredCount = 0;

  /**
   * `collectLimit`: values held per collected bin (and in pass 1, unless `holdLimit` says less);
   * `passBudgetBytes`: memory for one
   * pass's probes (at least one probe always runs); `expected`: the values pass 1 will see, when
   * known — past `collectLimit` they are counted from the first, not held until they overflow
   * (a streamed run of 10⁶ replications would otherwise fill, then drop, 2 MiB per statistic).
   */
  constructor(
    private readonly collectLimit = DEFAULT_COLLECT_LIMIT,
    private readonly passBudgetBytes = DEFAULT_PASS_BUDGET_BYTES,
    expected?: number,
    private readonly holdLimit = collectLimit,
  ) {
    if (!(collectLimit >= 1)) throw new RangeError(`collectLimit must be ≥ 1, got ${collectLimit}`);
    if (!(holdLimit >= 1)) throw new RangeError(`holdLimit must be ≥ 1, got ${holdLimit}`);
    if (expected !== undefined && expected > holdLimit) this.top = new Histogram(0);
    else this.held = new Float64Array(Math.min(holdLimit, 1024));
  }

  /** Bytes of values and histograms it holds now: the sample held, the top digit's histogram, this pass's probes. */
  get bytes(): number {
    let bytes = (this.held?.byteLength ?? 0) + (this.kept?.byteLength ?? 0) + (this.top?.bytes ?? 0);
    for (const probe of this.probes) bytes += probe.histogram?.bytes ?? probe.collected!.byteLength;
    return bytes;
  }

  /** Values added in pass 1. */
  get count(): number {
    return this.n + (this.pass === 1 ? this.gatheredCount : 0);
  }

  /** Whether another pass over the values is needed before every wanted rank has its value. */
  get needsPass(): boolean {
    return this.probes.length > 0;
  }

  add(x: number): void {
    if (this.pass > 1 && this.probes.length === 0) return;
    this.gathered[this.gatheredCount++] = x;
    if (this.gatheredCount === GATHERED) this.handOn();
  }

  /** The values `add` gathered, as one addAll. */
  private handOn(): void {
    const k = this.gatheredCount;
    if (k === 0) return;
    this.gatheredCount = 0;
    this.addAll(this.gathered, 0, k);
  }

  /**
   * `add` of values[from..to), in order: what a column fed at once costs in a loop of its own
   * (held values copied in one go; in a later pass, values outside every probe's top digit skipped
   * on one table look-up).
   */
  addAll(values: Float64Array, from: number, to: number): void {
    this.handOn();
    if (this.pass === 1) {
      let i = from;
      const held = this.held;
      if (held !== undefined) {
        const fit = Math.min(to - i, this.holdLimit - this.n);
        if (fit > 0) {
          if (this.n + fit > held.length) {
            let size = held.length;
            while (size < this.n + fit) size *= 2;
            const bigger = new Float64Array(Math.min(this.holdLimit, size));
            bigger.set(held.subarray(0, this.n));
            this.held = bigger;
          }
          this.held!.set(values.subarray(i, i + fit), this.n);
          this.n += fit;
          i += fit;
        }
      }
      // One by one until the values held give way to the top digit's histogram, then in bulk.
      for (; i < to && this.top === undefined; i++) this.addFirstPass(values[i]!);
      if (i < to) {
        this.top!.addTop(wordsOf(values, i, to));
        this.n += to - i;
      }
      return;
    }
    if (this.probes.length === 0) return;
    const marked = this.marked!;
    const words = wordsOf(values, from, to);
    for (let i = 0; i < words.length; i += 2) if (marked[topDigit(words[i + 1]!, words[i]!)] === 1) this.addToProbes(values[from + i / 2]!);
  }

  private addFirstPass(x: number): void {
    const held = this.held;
    if (held !== undefined) {
      if (this.n < held.length) {
        held[this.n++] = x;
        return;
      }
      if (this.n < this.holdLimit) {
        const bigger = new Float64Array(Math.min(this.holdLimit, held.length * 2));
        bigger.set(held);
        bigger[this.n++] = x;
        this.held = bigger;
        return;
      }
      // Too many to hold: from here on, only the top digit's histogram.
      const top = new Histogram(0);
      for (let i = 0; i < this.n; i++) {
        keyOf(held[i]!);
        top.addCurrent();
      }
      this.top = top;
      this.held = undefined;
    }
    keyOf(x);
    this.top!.addCurrent();
    this.n++;
  }

  private addToProbes(x: number): void {
    keyOf(x);
    for (let level = 1; level < this.byLevel.length; level++) {
      const probe = this.byLevel[level]!.get(prefix(level));
      if (probe === undefined) continue;
      if (probe.size === probe.expected) throw new Error(CHANGED);
      if (probe.histogram !== undefined) probe.histogram.addCurrent();
      else probe.collected![probe.size] = x;
      probe.size++;
    }
  }

  /** Declares the ranks whose values are wanted (after pass 1). Ranks outside [0, count) are an error. */
  want(ranks: Iterable<number>): void {
    if (this.pass === 1) throw new Error("want() before the first pass ended");
    const fresh: Target[] = [];
    for (const rank of ranks) {
      if (!Number.isInteger(rank) || rank < 0 || rank >= this.n) throw new RangeError(`rank ${rank} outside [0, ${this.n})`);
      if (!this.resolved.has(rank)) fresh.push({ rank, within: rank });
    }
    if (this.kept !== undefined) return this.select(this.kept, fresh);
    if (fresh.length > 0) this.narrow(this.top!, 0, fresh);
    this.schedule();
  }

  /** Ends a pass: resolves what it can and plans the next pass for the rest. */
  endPass(): void {
    this.handOn();
    if (this.pass === 1) {
      if (this.held !== undefined) {
        this.kept = this.held.subarray(0, this.n);
        this.held = undefined;
      }
      this.pass = 2;
      return;
    }
    const done = this.probes;
    this.probes = [];
    this.byLevel = [];
    for (const probe of done) {
      if (probe.size !== probe.expected) throw new Error(CHANGED);
      if (probe.histogram !== undefined) {
        this.narrow(probe.histogram, probe.prefix * BINS, probe.targets);
      } else {
        const values = probe.collected!.subarray(0, probe.size).sort();
        for (const t of probe.targets) this.resolved.set(t.rank, values[t.within]!);
      }
    }
    this.schedule();
    this.pass++;
  }

  /**
   * Resolves `targets` among a sample held whole, before want() returns (no pass is asked of the
   * caller). A small sample is sorted; a larger one goes through the same radix passes as a
   * streamed one, over the values in memory: a few linear sweeps instead of a sort, about 5× less
   * for 10⁵ values (a run's summary selects a hundred such columns), and the same doubles.
   */
  private select(kept: Float64Array, targets: readonly Target[]): void {
    if (targets.length === 0) return;
    if (kept.length < SELECT_IN_PASSES) {
      kept.sort();
      for (const t of targets) this.resolved.set(t.rank, kept[t.rank]!);
      return;
    }
    const top = sharedTop();
    top.addTop(wordsOf(kept, 0, kept.length));
    this.narrow(top, 0, targets);
    this.schedule();
    while (this.probes.length > 0) {
      this.addAll(kept, 0, kept.length);
      this.endPass();
    }
  }

  /**
   * Places targets in the bins of `histogram` (whose values share `basePrefix`'s digits): a bin of
   * identical values answers at once; every other bin wanted waits to be probed.
   */
  private narrow(histogram: Histogram, basePrefix: number, targets: readonly Target[]): void {
    const level = histogram.level + 1;
    const byBin = new Map<number, Target[]>();
    for (const { target, bin, below } of histogram.place(targets)) {
      const value = histogram.uniformValue(bin);
      if (value !== undefined) {
        this.resolved.set(target.rank, value);
        continue;
      }
      let list = byBin.get(bin);
      if (list === undefined) byBin.set(bin, (list = []));
      list.push({ rank: target.rank, within: target.within - below });
    }
    // Level 4 cannot happen: a level-3 bin fixes all 64 bits, so its values are uniform.
    for (const [bin, list] of byBin) this.waiting.push({ level, prefix: basePrefix + bin, size: histogram.count(bin), targets: list });
  }

  /** Starts probes for the next pass from the waiting bins, within the pass budget (at least one). */
  private schedule(): void {
    let used = 0;
    const later: ProbePlan[] = [];
    for (const plan of this.waiting) {
      const collect = plan.size <= this.collectLimit;
      const bytes = collect ? plan.size * 8 : HISTOGRAM_BYTES;
      if (this.probes.length > 0 && used + bytes > this.passBudgetBytes) {
        later.push(plan);
        continue;
      }
      used += bytes;
      const probe: Probe = {
        level: plan.level,
        prefix: plan.prefix,
        targets: plan.targets,
        histogram: collect ? undefined : new Histogram(plan.level),
        collected: collect ? new Float64Array(plan.size) : undefined,
        expected: plan.size,
        size: 0,
      };
      this.probes.push(probe);
      while (this.byLevel.length <= plan.level) this.byLevel.push(new Map());
      this.byLevel[plan.level]!.set(plan.prefix, probe);
    }
    this.waiting = later;
    // A probe's top digit is its prefix's leading 16 bits (prefixes hold the digits above its level).
    if (this.probes.length > 0) {
      this.marked ??= new Uint8Array(BINS);
      this.marked.fill(0);
      for (const probe of this.probes) this.marked[Math.floor(probe.prefix / 65536 ** (probe.level - 1))] = 1;
    }
  }

  /** The value of rank `rank` (0-based, ascending), once resolved. */
  valueAt(rank: number): number {
    const value = this.resolved.get(rank);
    if (value === undefined) throw new Error(`rank ${rank} not resolved (call want() and finish the passes)`);
    return value;
  }
}
