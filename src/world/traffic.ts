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
  return w.trace ? new TraceTraffic(w.trace.step, w.trace.rates) : new ShapedTraffic(w);
}

/**
 * d(t) = R · W(day) · (1 + A·cos(ω(t − peak))). The horizon starts on Monday 00:00 UTC; days 5 and 6
 * of each week are the weekend. W is normalised so that the weekly mean of d is exactly R.
 */
class ShapedTraffic implements Traffic {
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
class TraceTraffic implements Traffic {
  private readonly rates: Float64Array;

  constructor(
    private readonly step: number,
    rates: readonly number[],
  ) {
    this.rates = Float64Array.from(rates);
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
