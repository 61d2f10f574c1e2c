// Region outages (docs/model.md, processes 1 and 6): per region, an alternating renewal — up-time
// Exp((1−β)·λ), then an outage, catastrophic with probability `catastrophic.probability` (its own
// long duration, the region's data gone) — each of which impairs control planes with probability
// `controlPlane.probability`: its region's (`scope: region`) or its provider's (`provider`), for
// `durationFactor` × the outage's duration. The β share of λ arrives as common-cause events
// (commonCause.ts), built by outageEvent() below like these.
import { z } from "zod";
import { makeDistribution } from "../../random/distributions.js";
import { streamForKey, streamKey } from "../../random/streams.js";
import type { Distribution, DistributionSpec, Rng } from "../../random/types.js";
import { timing } from "../../scenario/fields.js";
import { settings } from "../../scenario/objects.js";
import type { Scenario } from "../../scenario/types.js";
import { nonNegative, probability, rate } from "../../scenario/values.js";
import { nextArrival } from "../arrivals.js";
import type { CompiledProcess, FailureProcess } from "../process.js";
import type { RegionOutageEvent, WorldDraft } from "../types.js";

export interface RegionOutage {
  /** Total outage rate of this region (independent + its share of common-cause), per second. */
  readonly rate: number;
  /** Duration of an ordinary (recoverable) outage, seconds. */
  readonly duration: DistributionSpec;
  /** The catastrophic class: region and its data unrecoverable for a long time; failover is forced. */
  readonly catastrophic: { readonly probability: number; readonly duration: DistributionSpec };
  /** Control-plane impairment coupled to this region's outages (us-east-1 2021 / 2025). */
  readonly controlPlane: {
    readonly probability: number;
    /** "region": only this region's control plane; "provider": every region of the same provider. */
    readonly scope: "region" | "provider";
    /** Steps needing the control plane take this many times longer; Infinity = blocked until it ends. */
    readonly slowdown: number;
    /** The impairment lasts this multiple of the outage's duration (from the outage start). */
    readonly durationFactor: number;
  };
}

declare module "../../scenario/types.js" {
  interface RegionParts {
    readonly outage: RegionOutage;
  }
}

const SLOWDOWN_EXPECTED = 'expected a factor ≥ 1 or "blocked"';

/** How an outage impairs control planes: with what probability, which regions', how much. */
export interface ControlPlaneCoupling {
  readonly probability: number;
  readonly mask: number;
  readonly slowdown: number;
  readonly durationFactor: number;
}

/** The control-plane coupling of region r's outages: its own region, or every region of its provider. */
export function controlPlaneCoupling(scenario: Scenario, r: number): ControlPlaneCoupling {
  const region = scenario.regions[r]!;
  const cp = region.outage.controlPlane;
  let mask = 1 << r;
  if (cp.scope === "provider") {
    mask = 0;
    scenario.regions.forEach((other, o) => {
      if (other.provider === region.provider) mask |= 1 << o;
    });
  }
  return { probability: cp.probability, mask, slowdown: cp.slowdown, durationFactor: cp.durationFactor };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An outage from `start` lasting `duration`; draws (from `rng`) whether it impairs control planes. */
export function outageEvent(
  start: number,
  duration: number,
  regionMask: number,
  cause: RegionOutageEvent["cause"],
  cp: ControlPlaneCoupling,
  rng: Rng,
): Mutable<RegionOutageEvent> {
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
    lagAtStart: 0, // the replication-lag process fills it in (replicationLag.ts)
  };
}

interface RegionProcess {
  readonly stream: number;
  /** Independent outage rate: the region's total rate less its common-cause share. */
  readonly independentRate: number;
  readonly duration: Distribution;
  readonly catastrophicProbability: number;
  readonly catastrophicDuration: Distribution;
  readonly controlPlane: ControlPlaneCoupling;
}

class RegionOutages implements CompiledProcess {
  private readonly regions: readonly RegionProcess[];

  constructor(
    scenario: Scenario,
    private readonly horizon: number,
  ) {
    const beta = scenario.commonCause.beta;
    this.regions = scenario.regions.map((region, r) => ({
      stream: streamKey(`outage:${region.name}`),
      independentRate: (1 - beta) * region.outage.rate,
      duration: makeDistribution(region.outage.duration),
      catastrophicProbability: region.outage.catastrophic.probability,
      catastrophicDuration: makeDistribution(region.outage.catastrophic.duration),
      controlPlane: controlPlaneCoupling(scenario, r),
    }));
  }

  draw(world: WorldDraft): void {
    for (let r = 0; r < this.regions.length; r++) {
      const region = this.regions[r]!;
      if (region.independentRate <= 0) continue; // draws nothing: the stream is not even created
      const rng = streamForKey(world.seed, world.replication, region.stream);
      for (let t = nextArrival(rng, 0, region.independentRate); t < this.horizon; ) {
        const catastrophic = rng() < region.catastrophicProbability;
        const d = (catastrophic ? region.catastrophicDuration : region.duration).sample(rng);
        world.outages.push(outageEvent(t, d, 1 << r, catastrophic ? "catastrophic" : "region-outage", region.controlPlane, rng));
        t = nextArrival(rng, t + d, region.independentRate);
      }
    }
  }
}

export const REGION_OUTAGE = {
  name: "region outage",
  part: {
    region: {
      outage: settings(
        {
          rate: rate(),
          duration: timing(),
          catastrophic: settings(
            { probability: probability(), duration: timing() },
            {
              probability: "Share of outages that are catastrophic: the region and its data are lost, failover is forced.",
              duration: "How long a catastrophic outage lasts (a distribution of durations).",
            },
          ),
          controlPlane: settings(
            {
              probability: probability(),
              scope: z.enum(["region", "provider"]).default("region"),
              slowdown: z.union([z.number().min(1, { error: SLOWDOWN_EXPECTED }), z.literal("blocked").transform(() => Infinity)], {
                error: SLOWDOWN_EXPECTED,
              }),
              durationFactor: nonNegative().default(1),
            },
            {
              probability: "Share of outages that also impair the control plane (provisioning and scaling APIs).",
              scope: "region: only this region's control plane; provider: every region of the same provider.",
              slowdown: 'Steps needing the control plane take this many times longer (a number ≥ 1), or "blocked": they wait until the impairment ends.',
              durationFactor: "The impairment lasts this multiple of the outage (default 1).",
            },
          ),
        },
        {
          rate: 'Total outage rate of the region, independent and common-cause share together: "0.1/year".',
          duration: "How long an ordinary, recoverable outage lasts (a distribution of durations).",
          catastrophic: "Outages that destroy the region and its data.",
          controlPlane: "Outages that also impair provisioning and scaling.",
        },
      ).describe("The region's outages: a renewal process of region-wide, multi-service impairments that force a DR decision."),
    },
  },
  streams: ["outage:<region>"],
  compile: (scenario, run): CompiledProcess => new RegionOutages(scenario, run.horizon),
} satisfies FailureProcess;
