// Partial degradation (docs/model.md, process 3): per region, an alternating renewal of periods in
// which the region keeps only a `remainingCapacity` share of its capacity.
import { makeDistribution } from "../../random/distributions.js";
import { streamForKey, streamKey } from "../../random/streams.js";
import type { Distribution, DistributionSpec } from "../../random/types.js";
import { FRACTION_KIND, valueOrDistribution } from "../../scenario/distribution.js";
import { timing } from "../../scenario/fields.js";
import { settings } from "../../scenario/objects.js";
import type { Scenario } from "../../scenario/types.js";
import { rate } from "../../scenario/values.js";
import { nextArrival } from "../arrivals.js";
import type { CompiledProcess, FailureProcess } from "../process.js";
import type { WorldDraft } from "../types.js";

export interface Degradation {
  /** Per region, per second. */
  readonly rate: number;
  readonly duration: DistributionSpec;
  /** Fraction of the region's capacity that remains while degraded, in [0, 1]. */
  readonly remainingCapacity: DistributionSpec;
}

declare module "../../scenario/types.js" {
  interface ScenarioParts {
    readonly degradation: Degradation;
  }
}

class Degradations implements CompiledProcess {
  private readonly rate: number;
  private readonly duration: Distribution;
  private readonly remaining: Distribution;
  /** Stream keys by region index (`degradation:<index>`). */
  private readonly streams: readonly number[];

  constructor(
    scenario: Scenario,
    private readonly horizon: number,
  ) {
    this.rate = scenario.degradation.rate;
    this.duration = makeDistribution(scenario.degradation.duration);
    this.remaining = makeDistribution(scenario.degradation.remainingCapacity);
    this.streams = scenario.regions.map((_, r) => streamKey(`degradation:${r}`));
  }

  draw(world: WorldDraft): void {
    if (this.rate <= 0) return;
    const out = world.degradations;
    for (let r = 0; r < this.streams.length; r++) {
      const rng = streamForKey(world.seed, world.replication, this.streams[r]!);
      // The renewal's draws first, the remaining capacities after: the events go straight into the
      // world's list, their capacity filled in afterwards (no intermediate list).
      const first = out.length;
      for (let t = nextArrival(rng, 0, this.rate); t < this.horizon; ) {
        const d = this.duration.sample(rng);
        out.push({ start: t, end: t + d, region: r, remaining: Number.NaN });
        t = nextArrival(rng, t + d, this.rate);
      }
      for (let i = first; i < out.length; i++) out[i]!.remaining = Math.min(1, Math.max(0, this.remaining.sample(rng)));
    }
  }
}

export const DEGRADATION = {
  name: "partial degradation",
  part: {
    top: {
      after: "regions",
      fields: {
        degradation: settings(
          { rate: rate(), duration: timing(), remainingCapacity: valueOrDistribution(FRACTION_KIND) },
          {
            rate: 'Rate of partial degradations (brownouts) per region: "2/year".',
            duration: "How long a degradation lasts (a distribution of durations).",
            remainingCapacity: "Share of the region's capacity left while degraded (a fraction or a distribution of fractions).",
          },
        ).describe("Partial degradations of a region (brownouts): capacity falls without an outage; no failover is triggered."),
      },
    },
  },
  streams: ["degradation:<region index>"],
  compile: (scenario, run): CompiledProcess => new Degradations(scenario, run.horizon),
} satisfies FailureProcess;
