// What the registries contribute to the scenario schema: each failure process (world/processes/)
// its part of the scenario, each strategy mechanism (strategies/<mechanism>/) its fields of a
// strategy and its types' titles and defaults. scenario/ only knows the shapes; the parts are
// handed in by the layer that holds the registries (replication/scenario.ts), so imports stay
// one-way. Each part is written with the value builders of values.ts and fields.ts.
import type { z } from "zod";
import type { ReplicationMode, Scenario } from "./types.js";

/**
 * Fields by name, each with its schema. A process or mechanism file declares the types they read
 * into beside them (ScenarioParts, RegionParts, StrategyParts in types.ts), and
 * replication/scenario.ts checks at compile time that the registered parts read exactly those.
 */
export type FieldSchemas = Readonly<Record<string, z.ZodType>>;

/**
 * The core fields a part may be placed after. Placement is the fields' order in the scenario
 * schema, the JSON Schema and scenario.json (whose bytes are a run's identity): parts placed after
 * the same core field keep registry order.
 */
export type ScenarioAnchor = "regions" | "workload" | "costs";
export type StrategyAnchor = "steps" | "drills";

/** A problem a part finds in the whole scenario, at a field path from its root. */
export interface PartProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** A failure process's part of the scenario. */
export interface ScenarioPart {
  /** Top-level fields, placed after the core field `after`. */
  readonly top?: { readonly after: ScenarioAnchor; readonly fields: FieldSchemas };
  /** Fields of every region (and of regionDefaults), after its provider. */
  readonly region?: FieldSchemas;
  /**
   * Its top-level fields a strategy may override with its own value: written under a strategy (or
   * strategyDefaults), it is merged over the scenario's (maps key by key, as `extends`), read with
   * the same schema, and becomes that strategy's; a strategy that does not write it has none
   * (undefined: the scenario's applies).
   */
  readonly strategyOverrides?: readonly string[];
  /**
   * Its top-level fields that describe one service's own data rather than the shared world — its
   * backups, its logical corruption: in a portfolio (portfolio.ts) each service may write its own
   * value, merged over the portfolio's, and the process then draws from that service's own streams
   * (serviceStreams.ts). Every other part is the world's, the same for every service.
   */
  readonly perService?: readonly string[];
  /**
   * What its fields' schemas cannot see alone: names of regions it refers to, say. Runs on a
   * scenario whose every field has parsed; each problem is reported at its path, located in the file.
   */
  readonly check?: (scenario: Scenario) => readonly PartProblem[];
}

/** A strategy mechanism's fields of every strategy, placed after the core field `after`. */
export interface StrategyPart {
  readonly after: StrategyAnchor;
  readonly fields: FieldSchemas;
}

/** What a strategy type says about a strategy: its display title, and defaults that follow from the type alone. */
export interface StrategyTypeInfo {
  /** "Warm standby": the label of strategy `warm-standby`, and the start of `Warm standby (warm-standby-20)`. */
  readonly title: string;
  /**
   * The regions a strategy of this type needs: 2 to fail over or share load (the first region is
   * the primary), 1 for a strategy that never leaves it. A scenario has at least the most any of
   * its strategies needs.
   */
  readonly minRegions: number;
  readonly defaults: {
    readonly replicationMode: ReplicationMode;
    readonly restoreFromBackup: boolean;
    readonly standbyControlPlanes: number;
  };
}

/** Everything the registries contribute to the scenario schema, in registry order. */
export interface SchemaContributions {
  readonly scenario: readonly ScenarioPart[];
  readonly strategy: readonly StrategyPart[];
  /** Every strategy type a scenario may name (scenario/types.ts's STRATEGY_TYPES) and more in tests. */
  readonly strategyTypes: Readonly<Record<string, StrategyTypeInfo>>;
}
