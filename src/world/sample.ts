// Samples the world of one replication from world streams only, so that every strategy of the
// replication faces the same events. Each process has its own named stream: adding a process or a
// strategy never shifts another process's numbers.
import { makeDistribution } from "../random/distributions.js";
import { streamForKey, streamKey } from "../random/streams.js";
import type { Distribution, Rng } from "../random/types.js";
import type { Scenario } from "../scenario/types.js";
import type { Traffic } from "./traffic.js";
import { makeBacklogProfile, type BacklogProfile } from "./backlog.js";
import type {
  CorruptionEvent,
  DegradationEvent,
  PartitionEvent,
  RegionOutageEvent,
  World,
} from "./types.js";

// Stream names are hashed once per run, not once per replication.
const PARTITION = streamKey("partition");
const LAG = streamKey("lag");
const LAG_SPIKES = streamKey("lag-spikes");
const COMMON_CAUSE = streamKey("common-cause");
const CORRUPTION = streamKey("corruption");

interface RegionProcess {
  readonly stream: number;
  readonly degradationStream: number;
  /** Independent outage rate: the region's total rate less its common-cause share. */
  readonly independentRate: number;
  readonly duration: Distribution;
  readonly catastrophicProbability: number;
  readonly catastrophicDuration: Distribution;
  readonly controlPlane: ControlPlaneCoupling;
}

interface ControlPlaneCoupling {
  readonly probability: number;
  readonly mask: number;
  readonly slowdown: number;
  readonly durationFactor: number;
}

/** The world's processes with their distributions built once per run. */
export class WorldSampler {
  private readonly horizon: number;
  private readonly regions: readonly RegionProcess[];
  private readonly commonCauseRate: number;
  private readonly allRegions: number;
  private readonly degradation: { rate: number; duration: Distribution; remaining: Distribution };
  private readonly partition: { rate: number; duration: Distribution };
  private readonly corruption: { rate: number; detection: Distribution };
  private readonly lag: { baseline: Distribution; spikeRate: number; spikeMagnitude: Distribution; spikeDuration: Distribution };
  private readonly backlog: BacklogProfile | null;

  constructor(scenario: Scenario, horizon: number, traffic: Traffic) {
    this.horizon = horizon;
    const beta = scenario.commonCause.beta;
    this.allRegions = (1 << scenario.regions.length) - 1;
    this.regions = scenario.regions.map((region, r) => {
      const cp = region.outage.controlPlane;
      let mask = 1 << r;
      if (cp.scope === "provider") {
        mask = 0;
        scenario.regions.forEach((other, o) => {
          if (other.provider === region.provider) mask |= 1 << o;
        });
      }
      return {
        stream: streamKey(`outage:${region.name}`),
        degradationStream: streamKey(`degradation:${r}`),
        independentRate: (1 - beta) * region.outage.rate,
        duration: makeDistribution(region.outage.duration),
        catastrophicProbability: region.outage.catastrophic.probability,
        catastrophicDuration: makeDistribution(region.outage.catastrophic.duration),
        controlPlane: { probability: cp.probability, mask, slowdown: cp.slowdown, durationFactor: cp.durationFactor },
      };
    });
    // β-factor model: each region keeps its total rate λ; a share β of it arrives as events that hit
    // every region at once, at the mean of the regions' rates.
    const meanRate = scenario.regions.reduce((s, r) => s + r.outage.rate, 0) / scenario.regions.length;
    this.commonCauseRate = beta * meanRate;
    this.degradation = {
      rate: scenario.degradation.rate,
      duration: makeDistribution(scenario.degradation.duration),
      remaining: makeDistribution(scenario.degradation.remainingCapacity),
    };
    this.partition = { rate: scenario.partition.rate, duration: makeDistribution(scenario.partition.duration) };
    this.corruption = { rate: scenario.corruption.rate, detection: makeDistribution(scenario.corruption.detection) };
    const link = scenario.replication;
    this.lag = {
      baseline: makeDistribution(link.baselineLag),
      spikeRate: link.spikes.rate,
      spikeMagnitude: makeDistribution(link.spikes.magnitude),
      spikeDuration: makeDistribution(link.spikes.duration),
    };
    this.backlog = makeBacklogProfile(traffic, scenario.workload, link.bandwidth);
  }

  sample(seed: number, replication: number): World {
    const outages: RegionOutageEvent[] = [];
    // A process of rate 0 draws nothing (nextArrival), so its stream is not even created.
    const partitions = this.partition.rate > 0
      ? renewal(streamForKey(seed, replication, PARTITION), this.partition.rate, this.horizon, this.partition.duration)
      : [];

    for (let r = 0; r < this.regions.length; r++) {
      const region = this.regions[r]!;
      if (region.independentRate <= 0) continue;
      const rng = streamForKey(seed, replication, region.stream);
      for (let t = nextArrival(rng, 0, region.independentRate); t < this.horizon; ) {
        const catastrophic = rng() < region.catastrophicProbability;
        const d = (catastrophic ? region.catastrophicDuration : region.duration).sample(rng);
        outages.push(this.outage(t, d, 1 << r, catastrophic ? "catastrophic" : "region-outage", region.controlPlane, rng));
        t = nextArrival(rng, t + d, region.independentRate);
      }
    }
    if (this.commonCauseRate > 0 && this.regions.length > 0) {
      const first = this.regions[0]!;
      const rng = streamForKey(seed, replication, COMMON_CAUSE);
      for (let t = nextArrival(rng, 0, this.commonCauseRate); t < this.horizon; ) {
        const d = first.duration.sample(rng);
        // A common-cause event impairs the control planes of every region it hits.
        const cp = { ...first.controlPlane, mask: this.allRegions };
        outages.push(this.outage(t, d, this.allRegions, "common-cause", cp, rng));
        t = nextArrival(rng, t + d, this.commonCauseRate);
      }
    }
    if (outages.length > 1) outages.sort(byStartThenMask);
    // Lags are drawn in time order, after sorting, so they do not depend on region order. Most
    // replications have no outage: their lag streams are never created.
    const withLag = outages.length === 0 ? outages : this.withLags(outages, partitions, seed, replication);

    return {
      outages: withLag,
      degradations: this.sampleDegradations(seed, replication),
      partitions,
      corruptions: this.corruption.rate > 0 ? this.sampleCorruptions(streamForKey(seed, replication, CORRUPTION)) : [],
    };
  }

  /** Each outage with the async replication lag at its start (docs/design.md's lag process). */
  private withLags(outages: readonly RegionOutageEvent[], partitions: readonly PartitionEvent[], seed: number, replication: number): RegionOutageEvent[] {
    const lagRng = streamForKey(seed, replication, LAG);
    const spikes = renewal(streamForKey(seed, replication, LAG_SPIKES), this.lag.spikeRate, this.horizon, this.lag.spikeDuration);
    return outages.map((o) => {
      const t = o.start;
      let lag = this.lag.baseline.sample(lagRng);
      for (const s of spikes) if (s.start <= t && t < s.end) lag += this.lag.spikeMagnitude.sample(lagRng);
      // Replication stops during a partition: the lag is the time since it began.
      for (const p of partitions) if (p.start <= t && t < p.end) lag += t - p.start;
      if (this.backlog) lag += this.backlog.lagAt(t);
      return { ...o, lagAtStart: lag };
    });
  }

  private outage(
    start: number,
    duration: number,
    regionMask: number,
    cause: RegionOutageEvent["cause"],
    cp: ControlPlaneCoupling,
    rng: Rng,
  ): RegionOutageEvent {
    const impaired = rng() < cp.probability;
    return {
      start,
      end: start + duration,
      regionMask,
      cause,
      catastrophic: cause === "catastrophic",
      controlPlaneMask: impaired ? cp.mask : 0,
      controlPlaneEnd: impaired ? start + duration * cp.durationFactor : start,
      controlPlaneSlowdown: cp.slowdown,
      lagAtStart: 0,
    };
  }

  private sampleDegradations(seed: number, replication: number): DegradationEvent[] {
    const out: Mutable<DegradationEvent>[] = [];
    if (this.degradation.rate <= 0) return out;
    const { rate, duration } = this.degradation;
    for (let r = 0; r < this.regions.length; r++) {
      const rng = streamForKey(seed, replication, this.regions[r]!.degradationStream);
      // The renewal's draws first (as renewal() makes them), the remaining capacities after: the
      // events go straight into `out`, their capacity filled in afterwards (no intermediate list).
      const first = out.length;
      for (let t = nextArrival(rng, 0, rate); t < this.horizon; ) {
        const d = duration.sample(rng);
        out.push({ start: t, end: t + d, region: r, remaining: Number.NaN });
        t = nextArrival(rng, t + d, rate);
      }
      for (let i = first; i < out.length; i++) {
        out[i]!.remaining = Math.min(1, Math.max(0, this.degradation.remaining.sample(rng)));
      }
    }
    if (out.length > 1) out.sort(byStartThenRegion);
    return out;
  }

  private sampleCorruptions(rng: Rng): CorruptionEvent[] {
    const out: CorruptionEvent[] = [];
    for (let t = nextArrival(rng, 0, this.corruption.rate); t < this.horizon; t = nextArrival(rng, t, this.corruption.rate)) {
      out.push({ time: t, detectedAt: t + this.corruption.detection.sample(rng) });
    }
    return out;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// Module-level comparators: an arrow function written in the sort call is a new closure each call.
function byStartThenMask(a: RegionOutageEvent, b: RegionOutageEvent): number {
  return a.start - b.start || a.regionMask - b.regionMask;
}

function byStartThenRegion(a: DegradationEvent, b: DegradationEvent): number {
  return a.start - b.start || a.region - b.region;
}

/** Next event of a Poisson process of `rate` after `from` (Infinity when the rate is 0). */
function nextArrival(rng: Rng, from: number, rate: number): number {
  return rate > 0 ? from - Math.log(1 - rng()) / rate : Infinity;
}

/** Alternating renewal: exponential gaps of `rate`, then an event lasting a `duration` draw. */
function renewal(rng: Rng, rate: number, horizon: number, duration: Distribution): PartitionEvent[] {
  const out: PartitionEvent[] = [];
  for (let t = nextArrival(rng, 0, rate); t < horizon; ) {
    const d = duration.sample(rng);
    out.push({ start: t, end: t + d });
    t = nextArrival(rng, t + d, rate);
  }
  return out;
}
