// What a strategy id says about its type, and the scaling time a standby implies. What else a type
// implies — its title, the defaults that follow from it — is declared by its mechanism
// (strategies/<mechanism>/index.ts).
import { scaleSpec } from "../random/distributions.js";
import type { DistributionSpec } from "../random/types.js";
import { STRATEGY_TYPES, type StrategyType } from "./types.js";

export function isStrategyType(value: unknown): value is StrategyType {
  return (STRATEGY_TYPES as readonly unknown[]).includes(value);
}

/** "warm-standby" and "warm-standby-20" are warm standby; "cheap" is nothing in particular. */
export function inferStrategyType(id: string): StrategyType | undefined {
  // Longest first, should one type name ever be a prefix of another.
  const byLength = [...STRATEGY_TYPES].sort((a, b) => b.length - a.length);
  return byLength.find((type) => id === type || id.startsWith(`${type}-`));
}

/**
 * Scaling waves from a standby of `standbyFraction` of the fleet to all of it: the HPA roughly
 * doubles replicas per step and the cluster autoscaler adds nodes in waves (models/timings.yaml),
 * so ⌈log₂(1/f)⌉ — 0 at f ≥ 1, and 1 more each time f halves.
 */
export function scaleWaves(standbyFraction: number): number {
  if (standbyFraction >= 1) return 0;
  if (!(standbyFraction > 0)) throw new RangeError(`scaleWaves: no waves double a standby of ${standbyFraction}`);
  // The tolerance keeps exact powers of two exact (log2(1/0.25) = 2, not 2.0000000000000004).
  return Math.ceil(Math.log2(1 / standbyFraction) - 1e-9);
}

/**
 * steps.scale as given; otherwise, from steps.scaleWave (one wave's duration), the time of
 * scaleWaves(standbyFraction) waves — so a sweep or variant of standbyFraction changes the scaling
 * time with it. null: no scale step.
 */
export function resolveScale(
  scale: DistributionSpec | null | undefined,
  wave: DistributionSpec | null | undefined,
  standbyFraction: number,
): DistributionSpec | null {
  if (scale !== undefined) return scale;
  if (wave === undefined || wave === null) return null;
  const waves = scaleWaves(standbyFraction);
  return waves === 0 ? null : scaleSpec(wave, waves);
}
