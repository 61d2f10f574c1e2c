// Logical corruption (docs/model.md, process 5): Poisson; each is discovered `detection` later.
// Replication copies it everywhere, so every strategy restores the same way
// (services/corruptionRecovery.ts).
import { makeDistribution } from "../../random/distributions.js";
import { streamForKey, streamKey } from "../../random/streams.js";
import type { Distribution, DistributionSpec } from "../../random/types.js";
import { timing } from "../../scenario/fields.js";
import { settings } from "../../scenario/objects.js";
import { serviceStream } from "../../scenario/serviceStreams.js";
import type { Scenario } from "../../scenario/types.js";
import { rate } from "../../scenario/values.js";
import { nextArrival } from "../arrivals.js";
import type { CompiledProcess, FailureProcess } from "../process.js";
import type { WorldDraft } from "../types.js";

export interface Corruption {
  /** Logical corruption events (bad deploy, operator error), per second. */
  readonly rate: number;
  /** Time from the corruption to its discovery, seconds. */
  readonly detection: DistributionSpec;
}

declare module "../../scenario/types.js" {
  interface ScenarioParts {
    readonly corruption: Corruption;
  }
}

class Corruptions implements CompiledProcess {
  private readonly stream: number;
  private readonly rate: number;
  private readonly detection: Distribution;

  constructor(
    scenario: Scenario,
    private readonly horizon: number,
  ) {
    this.stream = streamKey(serviceStream(scenario, "corruption"));
    this.rate = scenario.corruption.rate;
    this.detection = makeDistribution(scenario.corruption.detection);
  }

  draw(world: WorldDraft): void {
    if (!(this.rate > 0)) return;
    const rng = streamForKey(world.seed, world.replication, this.stream);
    for (let t = nextArrival(rng, 0, this.rate); t < this.horizon; t = nextArrival(rng, t, this.rate)) {
      world.corruptions.push({ time: t, detectedAt: t + this.detection.sample(rng) });
    }
  }
}

export const CORRUPTION = {
  name: "logical corruption",
  // Each service of a portfolio corrupts its own data, from its own stream.
  part: { top: { after: "regions", fields: { corruption: settings({ rate: rate(), detection: timing() }) } }, perService: ["corruption"] },
  streams: ["corruption"],
  compile: (scenario, run): CompiledProcess => new Corruptions(scenario, run.horizon),
} satisfies FailureProcess;
