// What a strategy id says about its type, and the defaults that follow from the type alone
// (structural facts of the strategy, not calibrated figures: those come from models/*.yaml).
import { STRATEGY_TYPES, type StrategyType } from "./types.js";

const TITLES: Readonly<Record<StrategyType, string>> = {
  "backup-restore": "Backup & restore",
  "pilot-light": "Pilot light",
  "warm-standby": "Warm standby",
  "active-active": "Active–active",
};

export function isStrategyType(value: unknown): value is StrategyType {
  return (STRATEGY_TYPES as readonly unknown[]).includes(value);
}

/** "warm-standby" and "warm-standby-20" are warm standby; "cheap" is nothing in particular. */
export function inferStrategyType(id: string): StrategyType | undefined {
  // Longest first, should one type name ever be a prefix of another.
  const byLength = [...STRATEGY_TYPES].sort((a, b) => b.length - a.length);
  return byLength.find((type) => id === type || id.startsWith(`${type}-`));
}

/** "Warm standby" for id "warm-standby", "Warm standby (warm-standby-20)" otherwise. */
export function defaultLabel(id: string, type: StrategyType): string {
  return id === type ? TITLES[type] : `${TITLES[type]} (${id})`;
}

/** Type-derived defaults for fields a strategy may leave out. */
export function typeDefaults(type: StrategyType): {
  readonly replicationMode: "backup" | "async";
  readonly restoreFromBackup: boolean;
  readonly standbyControlPlanes: number;
} {
  const restores = type === "backup-restore";
  return {
    // Backup & restore has no live replica; the others keep one in sync asynchronously unless told otherwise.
    replicationMode: restores ? "backup" : "async",
    restoreFromBackup: restores,
    // Backup & restore provisions its cluster during the incident; the others keep one running.
    standbyControlPlanes: restores ? 0 : 1,
  };
}
