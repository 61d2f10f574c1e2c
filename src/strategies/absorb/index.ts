// Absorbing load (docs/model.md): active–active, every region serving a share, the survivors
// carrying a failed region's. Its own field of a strategy: the share of partition-time writes that
// conflict under async multi-master replication.
import { fraction } from "../../scenario/values.js";
import type { Mechanism } from "../mechanism.js";
import { AbsorbService } from "./service.js";

declare module "../../scenario/types.js" {
  interface StrategyParts {
    /** For active–active with async replication: share of partition-time writes that conflict. */
    readonly conflictFraction: number;
  }
}

export const ABSORB = {
  name: "absorb",
  types: {
    "active-active": {
      title: "Active–active",
      minRegions: 2,
      defaults: { replicationMode: "async", restoreFromBackup: false, standbyControlPlanes: 1 },
    },
  },
  part: { after: "drills", fields: { conflictFraction: fraction().default(0) } },
  // Every region at its capacity share.
  standingCompute: (scenario, strategy) => scenario.regions.length * strategy.standbyFraction,
  // Even without outages the level depends on the strategy (standbyFraction, replication mode, conflicts).
  quietHome: () => null,
  create: (ctx, strategy) => new AbsorbService(ctx, strategy),
} satisfies Mechanism;
