// A toy failure process, the worked example of docs/architecture.md ("Recipes: a failure process"):
// blinks of the home region — Poisson at `blink.rate`, each taking region 0 down for a
// `blink.duration` draw. It is added through the registries alone (withEntries), and its events are
// outages, the kind of world event services already hear: strategies respond to them, and a world
// with one is no longer quiet for the failover strategies, without any list being edited.
import { makeDistribution } from "../../../src/random/distributions.js";
import { streamForKey, streamKey } from "../../../src/random/streams.js";
import type { Distribution, DistributionSpec } from "../../../src/random/types.js";
import { timing } from "../../../src/scenario/fields.js";
import { settings } from "../../../src/scenario/objects.js";
import type { Scenario } from "../../../src/scenario/types.js";
import { rate } from "../../../src/scenario/values.js";
import { nextArrival } from "../../../src/world/arrivals.js";
import type { CompiledProcess, FailureProcess } from "../../../src/world/process.js";
import { outageEvent, type ControlPlaneCoupling } from "../../../src/world/processes/regionOutage.js";
import type { WorldDraft } from "../../../src/world/types.js";

/** The toy's part of a scenario. A real process declares it in Scenario (declaration merging); a test keeps it to itself. */
export interface Blink {
  /** Blinks per second. */
  readonly rate: number;
  readonly duration: DistributionSpec;
}
export type BlinkScenario = Scenario & { readonly blink: Blink };

const HOME_ONLY = 1; // region mask of region 0
const NO_CONTROL_PLANE: ControlPlaneCoupling = { probability: 0, mask: 0, slowdown: 1, durationFactor: 1 };

class Blinks implements CompiledProcess {
  private readonly stream = streamKey("toy-blink");
  private readonly rate: number;
  private readonly duration: Distribution;

  constructor(
    scenario: BlinkScenario,
    private readonly horizon: number,
  ) {
    this.rate = scenario.blink.rate;
    this.duration = makeDistribution(scenario.blink.duration);
  }

  draw(world: WorldDraft): void {
    if (!(this.rate > 0)) return;
    const rng = streamForKey(world.seed, world.replication, this.stream);
    for (let t = nextArrival(rng, 0, this.rate); t < this.horizon; t = nextArrival(rng, t, this.rate)) {
      world.outages.push(outageEvent(t, this.duration.sample(rng), HOME_ONLY, "region-outage", NO_CONTROL_PLANE, rng));
    }
  }
}

export const HOME_BLINK = {
  name: "home blink (toy)",
  part: { top: { after: "regions", fields: { blink: settings({ rate: rate(), duration: timing() }, { rate: "Rate of blinks of the home region.", duration: "How long a blink lasts." }) } } },
  streams: ["toy-blink"],
  compile: (scenario: BlinkScenario, run) => new Blinks(scenario, run.horizon),
} satisfies FailureProcess<BlinkScenario>;
