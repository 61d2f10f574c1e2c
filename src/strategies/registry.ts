// The strategy mechanisms. Adding one is a folder in strategies/ and a line here; every strategy
// type a scenario may name (scenario/types.ts's STRATEGY_TYPES) must be implemented by exactly one
// of them, or this file does not compile.
import type { StrategyType } from "../scenario/types.js";
import { ABSORB } from "./absorb/index.js";
import { FAILOVER } from "./failover/index.js";
import type { Mechanism } from "./mechanism.js";
import { NO_DR } from "./none/index.js";

export const MECHANISMS = [FAILOVER, ABSORB, NO_DR] as const satisfies readonly Mechanism[];

type TypesOf<M> = M extends { readonly types: infer T } ? keyof T : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** A StrategyType no mechanism implements, or a mechanism's type a scenario cannot name, fails here. */
const _everyTypeHasItsMechanism: Same<TypesOf<(typeof MECHANISMS)[number]>, StrategyType> = true;

/** Each strategy type's mechanism; throws if a type is claimed twice. Built once per run. */
export function mechanismsByType(mechanisms: readonly Mechanism[]): ReadonlyMap<string, Mechanism> {
  const byType = new Map<string, Mechanism>();
  for (const m of mechanisms) {
    for (const type of Object.keys(m.types)) {
      const other = byType.get(type);
      if (other !== undefined) throw new Error(`strategy type "${type}" has two mechanisms: ${other.name} and ${m.name}`);
      byType.set(type, m);
    }
  }
  return byType;
}
