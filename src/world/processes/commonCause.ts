// Common-cause events (docs/model.md, process 2): Poisson at β·mean(λ), each hitting every region
// at once for a duration drawn from the first region's outage distribution, and impairing every
// region's control plane with the first region's coupling. The β-factor model keeps each region's
// total outage rate at λ: regionOutage.ts draws the independent (1−β)·λ.
import { makeDistribution } from "../../random/distributions.js";
import { streamForKey, streamKey } from "../../random/streams.js";
import type { Distribution } from "../../random/types.js";
import { settings } from "../../scenario/objects.js";
import type { Scenario } from "../../scenario/types.js";
import { fraction } from "../../scenario/values.js";
import { nextArrival } from "../arrivals.js";
import type { CompiledProcess, FailureProcess } from "../process.js";
import type { WorldDraft } from "../types.js";
import { controlPlaneCoupling, outageEvent, type ControlPlaneCoupling } from "./regionOutage.js";

export interface CommonCause {
  /** β-factor: share of each region's outage rate that arrives as events hitting all regions at once. */
  readonly beta: number;
}

declare module "../../scenario/types.js" {
  interface ScenarioParts {
    readonly commonCause: CommonCause;
  }
}

class CommonCauseEvents implements CompiledProcess {
  private readonly stream = streamKey("common-cause");
  private readonly rate: number;
  private readonly allRegions: number;
  private readonly duration: Distribution | null;
  private readonly controlPlane: ControlPlaneCoupling | null;

  constructor(
    scenario: Scenario,
    private readonly horizon: number,
  ) {
    const regions = scenario.regions;
    this.allRegions = (1 << regions.length) - 1;
    // β-factor model: each region keeps its total rate λ; a share β of it arrives as events that hit
    // every region at once, at the mean of the regions' rates.
    const meanRate = regions.reduce((s, r) => s + r.outage.rate, 0) / regions.length;
    this.rate = regions.length > 0 ? scenario.commonCause.beta * meanRate : 0;
    this.duration = regions.length > 0 ? makeDistribution(regions[0]!.outage.duration) : null;
    // A common-cause event impairs the control planes of every region it hits.
    this.controlPlane = regions.length > 0 ? { ...controlPlaneCoupling(scenario, 0), mask: this.allRegions } : null;
  }

  draw(world: WorldDraft): void {
    if (!(this.rate > 0)) return;
    const rng = streamForKey(world.seed, world.replication, this.stream);
    for (let t = nextArrival(rng, 0, this.rate); t < this.horizon; ) {
      const d = this.duration!.sample(rng);
      world.outages.push(outageEvent(t, d, this.allRegions, "common-cause", this.controlPlane!, rng));
      t = nextArrival(rng, t + d, this.rate);
    }
  }
}

export const COMMON_CAUSE = {
  name: "common-cause event",
  part: { top: { after: "regions", fields: { commonCause: settings({ beta: fraction() }) } } },
  streams: ["common-cause"],
  compile: (scenario, run): CompiledProcess => new CommonCauseEvents(scenario, run.horizon),
} satisfies FailureProcess;
