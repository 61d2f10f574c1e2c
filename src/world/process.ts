// A failure process: one file in world/processes/, one line in world/registry.ts. It declares its
// part of the scenario, its random streams, and how it draws its events; it adds them to the world
// as the kinds of event services already hear (outages, degradations, partitions, corruptions,
// backups: world/types.ts), so a new process needs no edit anywhere else — and a world is "quiet"
// for a strategy by what its events are (services/worldEvents.ts), never by a list of processes.
import type { ScenarioPart } from "../scenario/parts.js";
import type { Scenario } from "../scenario/types.js";
import type { Traffic } from "./traffic.js";
import type { WorldDraft } from "./types.js";

/** What a run gives every process when it compiles. */
export interface RunConstants {
  readonly horizon: number;
  readonly traffic: Traffic;
}

/**
 * A failure process of scenarios of type S: a process whose part is not in Scenario (a toy in a
 * test) reads its own fields through S; the registered ones read Scenario.
 */
export interface FailureProcess<S extends Scenario = Scenario> {
  /** Its name in docs/model.md. */
  readonly name: string;
  /** Its fields of the scenario (top-level, or of every region), with their schemas. */
  readonly part: ScenarioPart;
  /**
   * The world streams it draws from (`<…>` stands for a region, an index…). Each process draws
   * from its own streams only, so adding, removing or reordering processes shifts no other
   * process's numbers; test/model/processStreams.test.ts checks that each draws from these alone
   * and that no two declare the same.
   */
  readonly streams: readonly string[];
  /** Builds, once per run, what its draws need (distributions, stream keys). */
  compile(scenario: S, run: RunConstants): CompiledProcess;
}

/**
 * A process ready to draw replications. The world sampler calls every `draw` in registry order,
 * sorts the outages, then calls every `derive`: a process whose events depend on others' (the lag
 * at each outage's start) derives them once they are all drawn.
 */
export interface CompiledProcess {
  /** Adds this process's events of replication (world.seed, world.replication) to the world. */
  draw?(world: WorldDraft): void;
  /** Completes the world from what every process drew. */
  derive?(world: WorldDraft): void;
}
