// Inter-region partitions (docs/model.md, process 4): an alternating renewal. Replication stops
// meanwhile (the lag grows: replicationLag.ts); active–active writes conflict or are rejected.
import { makeDistribution } from "../../random/distributions.js";
import { streamForKey, streamKey } from "../../random/streams.js";
import type { Distribution, DistributionSpec } from "../../random/types.js";
import { timing } from "../../scenario/fields.js";
import { settings } from "../../scenario/objects.js";
import type { Scenario } from "../../scenario/types.js";
import { rate } from "../../scenario/values.js";
import { renewal } from "../arrivals.js";
import type { CompiledProcess, FailureProcess } from "../process.js";
import type { WorldDraft } from "../types.js";

export interface Partition {
  /** Inter-region partitions, per second. */
  readonly rate: number;
  readonly duration: DistributionSpec;
}

declare module "../../scenario/types.js" {
  interface ScenarioParts {
    readonly partition: Partition;
  }
}

class Partitions implements CompiledProcess {
  private readonly stream = streamKey("partition");
  private readonly rate: number;
  private readonly duration: Distribution;

  constructor(
    scenario: Scenario,
    private readonly horizon: number,
  ) {
    this.rate = scenario.partition.rate;
    this.duration = makeDistribution(scenario.partition.duration);
  }

  draw(world: WorldDraft): void {
    // A process of rate 0 draws nothing, so its stream is not even created.
    if (this.rate > 0) renewal(streamForKey(world.seed, world.replication, this.stream), this.rate, this.horizon, this.duration, world.partitions);
  }
}

export const PARTITION = {
  name: "inter-region partition",
  part: { top: { after: "regions", fields: {
        partition: settings(
          { rate: rate(), duration: timing() },
          {
            rate: 'Rate of inter-region network partitions: "1/year".',
            duration: "How long a partition lasts (a distribution of durations).",
          },
        ).describe("Inter-region network partitions: replication stops (async lag grows, sync stalls) while both regions serve."),
      } } },
  streams: ["partition"],
  compile: (scenario, run): CompiledProcess => new Partitions(scenario, run.horizon),
} satisfies FailureProcess;
