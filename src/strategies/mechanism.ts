// A strategy mechanism: one folder in strategies/, one line in strategies/registry.ts. It declares
// the strategy types it implements (title, type defaults), its fields of a strategy, its
// standing-cost rule, whether strategies of it share outcomes in quiet worlds, and how to build the
// service that runs one of its strategies.
import type { StrategyPart, StrategyTypeInfo } from "../scenario/parts.js";
import type { Scenario, Strategy } from "../scenario/types.js";
import type { Service, ServiceContext } from "../services/service.js";

export interface Mechanism {
  /** Its name in docs/model.md. */
  readonly name: string;
  /** The strategy types it implements. */
  readonly types: Readonly<Record<string, StrategyTypeInfo>>;
  /** Its fields of every strategy, with their schemas; null if it has none of its own. */
  readonly part: StrategyPart | null;
  /** The standing-cost rule: the share of the workload's compute a strategy keeps running all year. */
  standingCompute(scenario: Scenario, strategy: Strategy): number;
  /**
   * The region from which `strategy` serves while nothing disturbs it: in a world quiet there
   * (services/worldEvents.ts), every strategy of this mechanism with a quiet home comes to one
   * outcome to the last bit, so a replication simulates one and shares its outcome. Null: its
   * outcome always depends on the strategy. Only a mechanism that can show this gives one.
   */
  quietHome(strategy: Strategy): number | null;
  /** The service that runs `strategy` (it attaches itself to the run's simulation). */
  create(ctx: ServiceContext, strategy: Strategy): Service;
}
