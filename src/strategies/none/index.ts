// No DR (docs/model.md): one region, no failover; a catastrophic loss of the region is restored
// from backup in place once the region is back. The baseline that answers "what does DR buy over
// running in one region?". It has no fields of its own.
import type { Mechanism } from "../mechanism.js";
import { HOME, NoDrService } from "./service.js";

export const NO_DR = {
  name: "no DR",
  types: {
    none: {
      title: "No DR",
      minRegions: 1,
      // Data comes back only from backups, restored in place; nothing runs elsewhere.
      defaults: { replicationMode: "backup", restoreFromBackup: true, standbyControlPlanes: 0 },
    },
  },
  part: null,
  // The primary alone.
  standingCompute: () => 1,
  // With no corruption and no outage of HOME nothing starts: the level is remaining[HOME] at every
  // event, the world's alone, whatever the strategy.
  quietHome: () => HOME,
  create: (ctx, strategy) => new NoDrService(ctx, strategy),
} satisfies Mechanism;
