// Scenarios built in code for model tests: a quiet two-region world (every process off) that each
// test switches on piece by piece, so a closed form applies exactly.
import type { DistributionSpec } from "../../src/random/types.js";
import type { Region, Scenario, Strategy, StrategyType } from "../../src/scenario/types.js";

export const HOUR = 3600;
export const YEAR = 365.25 * 86_400;
export const perYear = (n: number): number => n / YEAR;
export const fixed = (value: number): DistributionSpec => ({ dist: "fixed", value });

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export function region(name: string, outage: DeepPartial<Region["outage"]> = {}): Region {
  return {
    name,
    provider: "aws",
    outage: {
      rate: outage.rate ?? 0,
      duration: (outage.duration as DistributionSpec | undefined) ?? fixed(HOUR),
      catastrophic: {
        probability: outage.catastrophic?.probability ?? 0,
        duration: (outage.catastrophic?.duration as DistributionSpec | undefined) ?? fixed(100 * HOUR),
      },
      controlPlane: {
        probability: outage.controlPlane?.probability ?? 0,
        scope: outage.controlPlane?.scope ?? "region",
        slowdown: outage.controlPlane?.slowdown ?? 1,
        durationFactor: outage.controlPlane?.durationFactor ?? 1,
      },
    },
  };
}

/**
 * A strategy whose steps all take zero time unless the test says otherwise. Backup & restore and
 * `none` restore from backups (no replica to promote; `none` keeps no standby either).
 */
export function strategy(id: string, type: StrategyType, over: Partial<Strategy> = {}): Strategy {
  const fromBackup = type === "backup-restore" || type === "none";
  return {
    id,
    type,
    label: id,
    standbyFraction: type === "none" ? 0 : 1, // 1: a failed-over or surviving region carries all the load at once
    standbyControlPlanes: type === "none" ? 0 : 1,
    replication: { mode: fromBackup ? "backup" : type === "active-active" ? "sync" : "async" },
    steps: {
      detect: fixed(0),
      decide: null,
      provision: null,
      promote: fromBackup ? null : fixed(0),
      restoreFromBackup: fromBackup,
      scale: null,
      switchTraffic: null,
    },
    policy: { waitForPrimary: 0, abortWhenPrimaryReturns: true, failback: { delay: fixed(0), window: fixed(0) } },
    failover: { failureProbabilityUntested: 0, failureProbabilityDrilled: 0, retryDelay: fixed(0), maxAttempts: 3 },
    drills: { perYear: 0, costUSD: 0 },
    conflictFraction: 0,
    backup: undefined,
    ...over,
  };
}

export function scenario(over: Partial<Scenario> = {}): Scenario {
  return {
    name: "test",
    description: "",
    file: "<test>",
    run: { runs: 1000, seed: 1, horizon: YEAR },
    regions: [region("a"), region("b")],
    commonCause: { beta: 0 },
    degradation: { rate: 0, duration: fixed(HOUR), remainingCapacity: fixed(0.5) },
    partition: { rate: 0, duration: fixed(HOUR) },
    corruption: { rate: 0, detection: fixed(HOUR) },
    dependencies: undefined,
    replication: {
      baselineLag: fixed(1),
      spikes: { rate: 0, magnitude: fixed(0), duration: fixed(0) },
      bandwidth: 1e12,
    },
    workload: {
      requestsPerSecond: 100,
      diurnalAmplitude: 0,
      peakHour: 12,
      weekendFactor: 1,
      trace: null,
      writeFraction: 0.1,
      bytesPerWrite: 1000,
      datasetBytes: 100e9,
    },
    backup: {
      interval: 24 * HOUR,
      duration: fixed(HOUR),
      copyDelay: fixed(0),
      restoreThroughput: fixed(100e6),
      pointInTime: { enabled: false, granularity: 300 },
      retentionDays: 30,
    },
    costs: {
      computeUSDPerYear: 100_000,
      controlPlaneUSDPerHour: 0.1,
      storageUSDPerGBMonth: 0.05,
      egressUSDPerGB: 0.02,
      downtimeUSDPerMinute: 0,
      lostWriteUSD: 0,
    },
    strategies: [strategy("warm-standby", "warm-standby")],
    ...over,
  };
}
