// A toy strategy mechanism, the worked example of docs/architecture.md ("Recipes: a strategy
// mechanism"): ride it out — serve from the home region and never fail over, so the service is down
// exactly while its home region is. Added through the registries alone (withEntries); its type is
// one no scenario file can name (scenario/types.ts's STRATEGY_TYPES), so tests build its scenarios
// in code.
import type { Strategy, StrategyType } from "../../../src/scenario/types.js";
import { OpenIncident } from "../../../src/services/incident.js";
import { Service } from "../../../src/services/service.js";
import type { Mechanism } from "../../../src/strategies/mechanism.js";
import type { RegionOutageEvent } from "../../../src/world/types.js";

export const RIDE_OUT_TYPE = "ride-out" as StrategyType; // a type beyond STRATEGY_TYPES: see the top
const HOME = 0;

class RideOutService extends Service {
  readonly reactsToPartitions = false;

  protected resetState(): void {}

  protected level(): number {
    this.slope = 0;
    return this.regionUp(HOME) ? this.remaining[HOME]! : 0;
  }

  protected onRegionDown(o: RegionOutageEvent, now: number): void {
    if ((o.regionMask & (1 << HOME)) !== 0 && this.incident === null) {
      this.incident = new OpenIncident(now, o.cause, this.regionNames(o.regionMask), o.end - o.start, this.ledger);
      this.emit("incident-begin", HOME, o.cause, 0);
    }
    this.refresh(now);
  }

  protected onRegionUp(_o: RegionOutageEvent, now: number): void {
    this.refresh(now);
    if (this.regionUp(HOME)) this.closeIncident(now);
  }

  protected onPartition(): void {}

  protected onStepDone(): void {}
}

export const RIDE_OUT = {
  name: "ride it out (toy)",
  types: {
    [RIDE_OUT_TYPE]: { title: "Ride it out", minRegions: 1, defaults: { replicationMode: "backup", restoreFromBackup: false, standbyControlPlanes: 0 } },
  },
  part: null,
  // Nothing runs but the primary.
  standingCompute: () => 1,
  // While nothing disturbs home, its level is home's capacity: the world's alone, whatever the strategy.
  quietHome: () => HOME,
  create: (ctx, strategy: Strategy) => new RideOutService(ctx, strategy),
} satisfies Mechanism;
