// A service that depends on others serves what the narrowest of them lets through: its effective
// level is the least of its own level and each dependency's effective level — capacity in series —
// where a co-located (same-region) dependency counts only in the regions both serve from, the
// dependent's demand spread evenly over its own. Levels 0 or 1 give "down while a dependency is";
// a dependency scaling out at 40 % caps the dependent at 40 %.
//
// Every level involved is piecewise linear (levelLog.ts), so their least is too: this sweep walks
// the union of the changes and finds where two lines cross within a piece; a service's composed
// level is its own accounting plus the exact integral of what its dependencies take below it, a
// flow's is replayed through a ServiceLedger — the same accounting a service's own level gets. A dependency does not change what the dependent *does* (its pipeline hears the world,
// not its dependencies), which is what lets a portfolio simulate each service once per strategy
// and compose any plan from those runs (replication/portfolioReplication.ts).
import type { Traffic } from "../world/traffic.js";
import { ServiceLedger } from "./ledger.js";
import { OWN, type LevelLog } from "./levelLog.js";

/** One level the composed level is the least of. */
export interface LevelTerm {
  readonly log: LevelLog;
  /** What holds the level where the log says OWN: the service whose own log it is. */
  readonly cause: number;
  /** A co-located dependency: it serves the dependent's demand only in the regions both serve from. */
  readonly sameRegion: boolean;
  /** The cause named when the dependent serves where this co-located dependency does not. */
  readonly apartCause: number;
}

export interface ComposedLevel {
  /**
   * Whether a dependency ever held the level below the owner's own (term 0): if not, the composed
   * level is the owner's own and its own accounting stands, to the last bit.
   */
  readonly bound: boolean;
  /** Seconds at level 0 and requests not served, over the horizon, at the composed level. */
  readonly downtime: number;
  readonly failedRequests: number;
}

/** The owner's own accounting over the horizon, which the composed level only adds to. */
export interface OwnAccount {
  readonly downtime: number;
  readonly failedRequests: number;
}

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

const DAY = 86_400;

export class LevelComposer {
  private readonly ledger: ServiceLedger;
  /** Demand from the start to each midnight: a flat piece's demand is two look-ups and a partial day. */
  private readonly byDay: Float64Array;
  // Per term, scratch: its log's current entry, and its value, slope and cause over the piece.
  private cursor = new Int32Array(8);
  private value = new Float64Array(8);
  private slope = new Float64Array(8);
  private causeOf = new Int32Array(8);

  constructor(
    private readonly traffic: Traffic,
    private readonly horizon: number,
  ) {
    this.ledger = new ServiceLedger(traffic);
    this.byDay = new Float64Array(Math.ceil(horizon / DAY) + 1);
    for (let k = 1; k < this.byDay.length; k++) this.byDay[k] = this.byDay[k - 1]! + traffic.integrate((k - 1) * DAY, k * DAY, 1, 0);
  }

  /** ∫ demand from 0 to t. */
  private demandTo(t: number): number {
    const k = Math.min(Math.floor(t / DAY), this.byDay.length - 1);
    return this.byDay[k]! + this.traffic.integrate(k * DAY, t, 1, 0);
  }

  /**
   * The least of `terms` over the horizon, written to `out` (its masks are term 0's, its causes
   * what holds each piece), accounted against this composer's traffic. With `own`, term 0 is the
   * owner's own level, accounted as `own` says: the composed level adds what the other terms take
   * below it — only where they do, so where none does the owner's numbers stand unchanged — and
   * `bound` says whether any did. Without, every piece is accounted (a flow). `downtimeByCause`,
   * when given, gains each second at level 0 under the cause holding it there — the owner first,
   * then the other terms in order, when several are at 0.
   */
  compose(terms: readonly LevelTerm[], out: LevelLog, own: OwnAccount | null, downtimeByCause: Float64Array | null): ComposedLevel {
    const n = terms.length;
    if (this.cursor.length < n) this.grow(n);
    const { cursor, value, slope, causeOf, ledger, traffic } = this;
    cursor.fill(-1, 0, n);
    if (own === null) ledger.reset(0);
    out.reset(terms[0]!.log.initialMask);
    let bound = false;
    let extraDowntime = 0;
    let extraFailed = 0;
    for (let t = 0; t < this.horizon; ) {
      // Every term's entry at t (the last one at or before it) and the next change of any.
      let next = this.horizon;
      for (let k = 0; k < n; k++) {
        const log = terms[k]!.log;
        let i = cursor[k]!;
        while (i + 1 < log.length && log.times[i + 1]! <= t) i++;
        cursor[k] = i;
        if (i + 1 < log.length && log.times[i + 1]! < next) next = log.times[i + 1]!;
      }
      const ownerMask = this.maskOf(terms[0]!.log, cursor[0]!);
      for (let k = 0; k < n; k++) {
        const term = terms[k]!;
        const log = term.log;
        const i = cursor[k]!;
        let level = 1;
        let s = 0;
        let cause = term.cause;
        if (i >= 0) {
          level = log.levels[i]! + log.slopes[i]! * (t - log.times[i]!);
          s = log.slopes[i]!;
          if (log.causes[i] !== OWN) cause = log.causes[i]!;
        }
        if (term.sameRegion && ownerMask !== 0) {
          const share = popcount(ownerMask & this.maskOf(log, i)) / popcount(ownerMask);
          if (share === 0) cause = term.apartCause;
          level *= share;
          s *= share;
        }
        value[k] = level;
        slope[k] = s;
        causeOf[k] = cause;
      }
      // Within [t, next) every term is a line: the least, then whichever crosses below it (its
      // slope is smaller, so each crossing lowers the slope: at most n of them per piece).
      let m = this.least(n);
      for (let a = t; a < next; ) {
        const vm = value[m]! + slope[m]! * (a - t);
        let b = next;
        let into = -1;
        for (let k = 0; k < n; k++) {
          if (!(slope[k]! < slope[m]!)) continue;
          const x = a + (value[k]! + slope[k]! * (a - t) - vm) / (slope[m]! - slope[k]!);
          if (x > a && x < b) {
            b = x;
            into = k;
          }
        }
        const sm = slope[m]!;
        const down = vm <= 0 && sm === 0;
        out.push(a, vm, sm, ownerMask, causeOf[m]!);
        if (down && downtimeByCause !== null) downtimeByCause[causeOf[m]!]! += b - a;
        if (own === null) {
          ledger.set(a, vm, sm);
        } else if (m !== 0) {
          // Another term holds the level below the owner's own: what it takes beyond the owner's loss.
          bound = true;
          const v0 = value[0]! + slope[0]! * (a - t);
          const s0 = slope[0]!;
          // A dependency can hold it down for days (a co-located one serving elsewhere): flat pieces
          // read the demand by day rather than integrating each day again.
          extraFailed += s0 === sm ? (v0 - vm) * (this.demandTo(b) - this.demandTo(a)) : traffic.integrate(a, b, v0 - vm, s0 - sm);
          if (down && !(v0 <= 0 && s0 === 0)) extraDowntime += b - a;
        }
        a = b;
        if (into >= 0) m = into;
      }
      t = next;
    }
    if (own !== null) return { bound, downtime: own.downtime + extraDowntime, failedRequests: own.failedRequests + extraFailed };
    ledger.advance(this.horizon);
    return { bound: true, downtime: ledger.downtime, failedRequests: ledger.failedRequests };
  }

  /** The term least at the piece's start: the lowest, then (tied) the lower just after, then the first. */
  private least(n: number): number {
    let m = 0;
    let vm = this.value[0]!;
    for (let k = 1; k < n; k++) {
      const v = this.value[k]!;
      if (v < vm || (v === vm && this.slope[k]! < this.slope[m]!)) {
        m = k;
        vm = v;
      }
    }
    return m;
  }

  private maskOf(log: LevelLog, i: number): number {
    return i >= 0 ? log.masks[i]! : log.initialMask;
  }

  private grow(n: number): void {
    this.cursor = new Int32Array(n);
    this.value = new Float64Array(n);
    this.slope = new Float64Array(n);
    this.causeOf = new Int32Array(n);
  }
}
