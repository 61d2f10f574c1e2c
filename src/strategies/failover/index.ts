// The failover pipeline (docs/model.md): backup & restore, pilot light and warm standby — one
// mechanism, three descriptions of which steps a strategy has and how long they take. Its fields of
// a strategy are the wait-for-primary policy and the failover attempts.
import { z } from "zod";
import type { DistributionSpec } from "../../random/types.js";
import { timing } from "../../scenario/fields.js";
import { settings } from "../../scenario/objects.js";
import { count, duration, fraction, probability, rate } from "../../scenario/values.js";
import type { Mechanism } from "../mechanism.js";
import type { LatentFaultProcess } from "./latentFaults.js";
import { FailoverService, HOME } from "./service.js";

export interface FailoverPolicy {
  /** Wait this long after detection for the primary to come back before deciding to fail over. */
  readonly waitForPrimary: number;
  /** Abort the failover if the primary returns before the point of no return (promote/restore). */
  readonly abortWhenPrimaryReturns: boolean;
  /** Failback to the primary after it recovers: a delay, then a planned window of full outage. */
  readonly failback: { readonly delay: DistributionSpec; readonly window: DistributionSpec };
  /**
   * Sync replication only: what the primary does with writes while its synchronous standby is
   * unreachable (a partition, or every other region down). `stall` (absent): writes wait for an
   * acknowledgement that cannot come and the service stops; `reject`: writes fail, reads are
   * served; `async`: writes go on unreplicated, and a failover meanwhile loses them.
   */
  readonly syncUnreachable?: SyncUnreachable;
}

export type SyncUnreachable = "stall" | "reject" | "async";

export interface FailoverAttempts {
  /** Probability that one failover attempt fails (runbook broken, wrong credentials…). */
  readonly failureProbabilityUntested: number;
  /** The same once drills are run at least once a year. */
  readonly failureProbabilityDrilled: number;
  /**
   * Drills that decay: latent faults in the recovery path, found by drills. When given, an attempt
   * fails if a fault is present, and the two fixed probabilities are not used. Absent: they are.
   */
  readonly latentFaults?: LatentFaultProcess;
  /** Time lost diagnosing a failed attempt before the data step is retried. */
  readonly retryDelay: DistributionSpec;
  readonly maxAttempts: number;
}

declare module "../../scenario/types.js" {
  interface StrategyParts {
    readonly policy: FailoverPolicy;
    readonly failover: FailoverAttempts;
  }
}

/** Backup & restore has no live replica and provisions its cluster during the incident; the others keep one of each. */
const REPLICA = { replicationMode: "async", restoreFromBackup: false, standbyControlPlanes: 1 } as const;

export const FAILOVER = {
  name: "failover pipeline",
  types: {
    "backup-restore": {
      title: "Backup & restore",
      minRegions: 2,
      defaults: { replicationMode: "backup", restoreFromBackup: true, standbyControlPlanes: 0 },
    },
    "pilot-light": { title: "Pilot light", minRegions: 2, defaults: REPLICA },
    "warm-standby": { title: "Warm standby", minRegions: 2, defaults: REPLICA },
  },
  part: {
    after: "steps",
    fields: {
      policy: settings({
        waitForPrimary: duration(),
        abortWhenPrimaryReturns: z.boolean().default(true),
        failback: settings({ delay: timing(), window: timing() }),
        syncUnreachable: z.enum(["stall", "reject", "async"]).optional(),
      }),
      failover: settings({
        failureProbabilityUntested: probability(),
        failureProbabilityDrilled: probability(),
        latentFaults: settings({ rate: rate(), drillCoverage: fraction().default(1) }).optional(),
        retryDelay: timing(),
        maxAttempts: count(1),
      }),
    },
  },
  // The primary plus the standby's standing share.
  standingCompute: (_scenario, strategy) => 1 + strategy.standbyFraction,
  // With no corruption and no outage of HOME the pipeline never starts: the phase stays Idle and
  // traffic stays on HOME (onRegionDown/Up do nothing for other regions while Idle), so the level is
  // remaining[HOME] at every event (level()), which depends on the world alone. The ledger then sees
  // the same set() calls at the same instants for every failover strategy — the same outcome to the
  // last bit, whatever the strategy's steps, policy or stream. Not so with sync replication: a
  // partition or an outage of the standby cuts its write path (policy.syncUnreachable) wherever
  // home is, so such a strategy is always simulated itself.
  quietHome: (strategy) => (strategy.replication.mode === "sync" ? null : HOME),
  create: (ctx, strategy) => new FailoverService(ctx, strategy),
} satisfies Mechanism;
