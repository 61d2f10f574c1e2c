// Fluid traffic: demand is a deterministic rate function d(t) in requests/s, never simulated per
// request. Everything the model needs is an integral of d against a linear weight,
//     integrate(t0, t1, a, b) = ∫_{t0}^{t1} (a + b·(t − t0)) · d(t) dt,
// which covers offered requests (a = 1, b = 0), requests served during a linear capacity ramp, and
// lost writes. Both demand shapes are integrated EXACTLY (closed forms per piece), so there is no
// quadrature error to document: the shaped model splits at midnights (the weekly factor is constant
// within a day) and integrates the cosine analytically; a trace is piecewise linear between samples.
import type { Workload } from "../scenario/types.js";

const DAY = 86_400;
const WEEK = 7 * DAY;
const OMEGA = (2 * Math.PI) / DAY;

export interface Traffic {
  /** Demand at time t, requests per second. */
  rate(t: number): number;
  /** ∫_{t0}^{t1} (a + b·(t − t0)) d(t) dt. */
  integrate(t0: number, t1: number, a: number, b: number): number;
}

export function makeTraffic(w: Workload): Traffic {
  const traffic = w.trace ? new TraceTraffic(w.trace.step, w.trace.rates) : new ShapedTraffic(w);
  return new LongSpans(traffic, traffic.period);
}

/** A demand integrated piece by piece (a day, a trace step), periodic with `period` from t = 0. */
interface Piecewise extends Traffic {
  readonly period: number;
}

/**
 * Periods a span must cover before whole periods are integrated in closed form. Piece by piece, a
 * span costs one step per day (or trace sample): a 1,000-year horizon was 365,000 steps for every
 * quiet stretch of every strategy, and the horizon alone made a replication run for minutes. Below
 * this many periods (64 weeks for the shaped demand: a 1-year run) the pieces are summed as before.
 */
const LONG_SPAN_PERIODS = 64;

/**
 * Long spans of a periodic demand: the partial periods at both ends piece by piece, the k whole
 * periods between them at once. With I0 = ∫₀ᴾ d and I1 = ∫₀ᴾ x·d(x) dx, whole period j starting at
 * s_j = s₀ + jP contributes (a + b(s_j − t0))·I0 + b·I1, and the sum over j < k is closed.
 */
class LongSpans implements Traffic {
  private readonly i0: number;
  private readonly i1: number;

  constructor(
    private readonly pieces: Traffic,
    private readonly period: number,
  ) {
    this.i0 = pieces.integrate(0, period, 1, 0);
    this.i1 = pieces.integrate(0, period, 0, 1);
  }

  rate(t: number): number {
    return this.pieces.rate(t);
  }

  integrate(t0: number, t1: number, a: number, b: number): number {
    const P = this.period;
    if (!(t1 - t0 > LONG_SPAN_PERIODS * P)) return this.pieces.integrate(t0, t1, a, b);
    const s0 = Math.ceil(t0 / P) * P;
    const k = Math.floor((t1 - s0) / P);
    const end = s0 + k * P;
    const head = this.pieces.integrate(t0, s0, a, b);
    const whole = k * (a + b * (s0 - t0)) * this.i0 + (b * P * this.i0 * k * (k - 1)) / 2 + k * b * this.i1;
    return head + whole + this.pieces.integrate(end, t1, a + b * (end - t0), b);
  }
}

/**
 * d(t) = R · W(day) · (1 + A·cos(ω(t − peak))). The horizon starts on Monday 00:00 UTC; days 5 and 6
 * of each week are the weekend. W is normalised so that the weekly mean of d is exactly R.
 */
class ShapedTraffic implements Piecewise {
  readonly period = WEEK;
  private readonly weekday: number;
  private readonly weekend: number;
  private readonly amplitude: number;
  private readonly peak: number;

  constructor(w: Workload) {
    const norm = 7 / (5 + 2 * w.weekendFactor);
    this.weekday = w.requestsPerSecond * norm;
    this.weekend = w.requestsPerSecond * norm * w.weekendFactor;
    this.amplitude = w.diurnalAmplitude;
    this.peak = w.peakHour * 3600;
  }

  private dayWeight(t: number): number {
    const day = Math.floor((((t % WEEK) + WEEK) % WEEK) / DAY);
    return day >= 5 ? this.weekend : this.weekday;
  }

  rate(t: number): number {
    return this.dayWeight(t) * (1 + this.amplitude * Math.cos(OMEGA * (t - this.peak)));
  }

  integrate(t0: number, t1: number, a: number, b: number): number {
    let total = 0;
    for (let u = t0; u < t1; ) {
      const v = Math.min(t1, (Math.floor(u / DAY) + 1) * DAY);
      total += this.dayWeight(u) * this.piece(u, v, t0, a, b);
      u = v;
    }
    return total;
  }

  /** ∫_u^v (a + b(t − t0)) (1 + A cos(ω(t − p))) dt, by parts. */
  private piece(u: number, v: number, t0: number, a: number, b: number): number {
    const A = this.amplitude;
    const p = this.peak;
    const su = Math.sin(OMEGA * (u - p));
    const sv = Math.sin(OMEGA * (v - p));
    const flat = (v - u) + (A / OMEGA) * (sv - su);
    // Most integrals are constant-weight (offered and lost requests, writes): no cosines needed.
    if (b === 0) return a * flat;
    const cu = Math.cos(OMEGA * (u - p));
    const cv = Math.cos(OMEGA * (v - p));
    const du = u - t0;
    const dv = v - t0;
    const linear = (dv * dv - du * du) / 2 + A * ((dv * sv - du * su) / OMEGA + (cv - cu) / (OMEGA * OMEGA));
    return a * flat + b * linear;
  }
}

/** A trace of rates every `step` seconds, linear between samples, repeated cyclically. */
class TraceTraffic implements Piecewise {
  private readonly rates: Float64Array;
  readonly period: number;

  constructor(
    private readonly step: number,
    rates: readonly number[],
  ) {
    this.rates = Float64Array.from(rates);
    this.period = step * rates.length;
  }

  private sampleAt(i: number): number {
    const n = this.rates.length;
    return this.rates[((i % n) + n) % n]!;
  }

  rate(t: number): number {
    const x = t / this.step;
    const i = Math.floor(x);
    const f = x - i;
    return this.sampleAt(i) * (1 - f) + this.sampleAt(i + 1) * f;
  }

  integrate(t0: number, t1: number, a: number, b: number): number {
    // Segment by segment: a year of 5-minute samples is ~10⁵ pieces, computed once per run for
    // the offered load; incident windows span only a few pieces.
    let total = 0;
    for (let u = t0; u < t1; ) {
      const i = Math.floor(u / this.step);
      const v = Math.min(t1, (i + 1) * this.step);
      // d is linear on [u, v]: d(t) = du + s (t − u).
      const du = this.rate(u);
      const s = (this.sampleAt(i + 1) - this.sampleAt(i)) / this.step;
      const L = v - u;
      const w0 = a + b * (u - t0); // weight at u; weight slope b
      // ∫_0^L (w0 + b x)(du + s x) dx
      total += w0 * du * L + (w0 * s + b * du) * (L * L) / 2 + b * s * (L * L * L) / 3;
      u = v;
    }
    return total;
  }
}
