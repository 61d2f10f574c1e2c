// Replication lag (docs/model.md, process 7), at each outage's start: a `baselineLag` draw, plus a
// spike's magnitude if a spike (Poisson, `spikes`) covers the instant, plus the time since a
// partition began if one is under way, plus the backlog of write bursts above `bandwidth` (a
// deterministic fluid queue over the weekly traffic, computed once per run: world/backlog.ts).
// Derived after every process has drawn: it reads the outages and partitions.
import { makeDistribution } from "../../random/distributions.js";
import { streamForKey, streamKey } from "../../random/streams.js";
import type { Distribution, DistributionSpec } from "../../random/types.js";
import { timing } from "../../scenario/fields.js";
import { settings } from "../../scenario/objects.js";
import type { Scenario } from "../../scenario/types.js";
import { rate, throughput } from "../../scenario/values.js";
import { renewal } from "../arrivals.js";
import { makeBacklogProfile, type BacklogProfile } from "../backlog.js";
import type { CompiledProcess, FailureProcess, RunConstants } from "../process.js";
import type { PartitionEvent, WorldDraft } from "../types.js";

export interface ReplicationLink {
  /** Async replication lag at a random instant outside spikes and partitions, seconds. */
  readonly baselineLag: DistributionSpec;
  readonly spikes: {
    readonly rate: number;
    /** Extra lag during a spike, seconds. */
    readonly magnitude: DistributionSpec;
    readonly duration: DistributionSpec;
  };
  /** Inter-region link bandwidth available to replication; write bursts above it build a backlog. */
  readonly bandwidth: number;
}

declare module "../../scenario/types.js" {
  interface ScenarioParts {
    readonly replication: ReplicationLink;
  }
}

class ReplicationLag implements CompiledProcess {
  private readonly lagStream = streamKey("lag");
  private readonly spikeStream = streamKey("lag-spikes");
  private readonly horizon: number;
  private readonly baseline: Distribution;
  private readonly spikeRate: number;
  private readonly spikeMagnitude: Distribution;
  private readonly spikeDuration: Distribution;
  private readonly backlog: BacklogProfile | null;

  constructor(scenario: Scenario, run: RunConstants) {
    const link = scenario.replication;
    this.horizon = run.horizon;
    this.baseline = makeDistribution(link.baselineLag);
    this.spikeRate = link.spikes.rate;
    this.spikeMagnitude = makeDistribution(link.spikes.magnitude);
    this.spikeDuration = makeDistribution(link.spikes.duration);
    this.backlog = makeBacklogProfile(run.traffic, scenario.workload, link.bandwidth);
  }

  /** Each outage's lag at its start, drawn in time order (so it does not depend on region order). */
  derive(world: WorldDraft): void {
    const outages = world.outages;
    if (outages.length === 0) return; // most replications: the lag streams are never created
    const lagRng = streamForKey(world.seed, world.replication, this.lagStream);
    const spikes: PartitionEvent[] = [];
    renewal(streamForKey(world.seed, world.replication, this.spikeStream), this.spikeRate, this.horizon, this.spikeDuration, spikes);
    const partitions = world.partitions;
    for (const o of outages) {
      const t = o.start;
      let lag = this.baseline.sample(lagRng);
      for (const s of spikes) if (s.start <= t && t < s.end) lag += this.spikeMagnitude.sample(lagRng);
      // Replication stops during a partition: the lag is the time since it began.
      for (const p of partitions) if (p.start <= t && t < p.end) lag += t - p.start;
      if (this.backlog) lag += this.backlog.lagAt(t);
      o.lagAtStart = lag;
    }
  }
}

export const REPLICATION_LAG = {
  name: "replication lag",
  part: {
    top: {
      after: "regions",
      fields: {
        replication: settings(
          {
            baselineLag: timing(),
            spikes: settings(
              { rate: rate(), magnitude: timing(), duration: timing() },
              {
                rate: 'Rate of lag spikes: "12/year".',
                magnitude: "Extra lag during a spike (a distribution of durations).",
                duration: "How long a spike lasts (a distribution of durations).",
              },
            ),
            bandwidth: throughput().refine((v) => v > 0, { error: "expected a throughput > 0" }),
          },
          {
            baselineLag: "Asynchronous replication lag outside spikes and partitions (a distribution of durations): the RPO of an ordinary failover.",
            spikes: "Episodes of extra lag (load, maintenance).",
            bandwidth: 'Link share available to replication, to catch up after a partition: "100MB/s" or "1Gbps".',
          },
        ).describe("Cross-region replication: the lag that sets an async failover's data loss."),
      },
    },
  },
  streams: ["lag", "lag-spikes"],
  compile: (scenario, run): CompiledProcess => new ReplicationLag(scenario, run),
} satisfies FailureProcess;
