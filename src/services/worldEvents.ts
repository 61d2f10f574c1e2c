// How each kind of world event reaches a service, and whether it can start a recovery at the home
// region. One entry per list of world/types.ts's WorldEvents (the compiler holds the table to
// them): a failure process adds events of these kinds, so a new process needs nothing here, and a
// world is quiet for a strategy by what its events are — never by a list of processes to keep up.
import type { Simulator } from "../kernel/simulator.js";
import type { World, WorldEvents } from "../world/types.js";
import type { Service } from "./service.js";

/** A kind of world event: begin (phase 0) and, for events that last, end (phase 1). */
export interface WorldEventKind {
  /** Whether `service` hears these events at all (so whether they are worth scheduling). */
  heardBy(service: Service): boolean;
  /** Schedules the world's events of this kind at `type` + phase, arg = the event's index. */
  schedule(world: World, sim: Simulator, type: number): void;
  /** Event `index`, phase `phase`, reaches `service` (now = the event's time). */
  deliver(world: World, index: number, phase: number, service: Service, now: number): void;
  /**
   * Whether the world's events of this kind could make the outcome of `service`, serving from
   * region `home` and responding to nothing else, depend on its strategy: start a recovery there.
   * Capacity changes do not (the level follows the world); a failure of home or corruption does.
   */
  disturbsHome(world: World, home: number, service: Service): boolean;
}

const BEGIN = 0;

/** Each event's begin at `type`, its end at `type` + 1, in list order: arg = its index. */
function scheduleSpans(events: readonly { readonly start: number; readonly end: number }[], sim: Simulator, type: number): void {
  for (let i = 0; i < events.length; i++) {
    sim.schedule(events[i]!.start, type, i);
    sim.schedule(events[i]!.end, type + 1, i);
  }
}

export const WORLD_EVENT_KINDS = {
  outages: {
    heardBy: () => true,
    schedule: (world, sim, type) => scheduleSpans(world.outages, sim, type),
    deliver(world, index, phase, service, now) {
      if (phase === BEGIN) service.outageBegins(world.outages[index]!, now);
      else service.outageEnds(world.outages[index]!, now);
    },
    disturbsHome(world, home) {
      const outages = world.outages;
      for (let i = 0; i < outages.length; i++) if ((outages[i]!.regionMask & (1 << home)) !== 0) return true;
      return false;
    },
  },
  degradations: {
    heardBy: () => true,
    schedule: (world, sim, type) => scheduleSpans(world.degradations, sim, type),
    deliver(world, index, phase, service, now) {
      service.degrade(world.degradations[index]!, phase === BEGIN, now);
    },
    disturbsHome: () => false,
  },
  partitions: {
    // Partitions act on most mechanisms only through the lag, already in the world.
    heardBy: (service) => service.reactsToPartitions,
    schedule: (world, sim, type) => scheduleSpans(world.partitions, sim, type),
    deliver(world, index, phase, service, now) {
      if (service.reactsToPartitions) service.partition(world.partitions[index]!, phase === BEGIN, now);
    },
    disturbsHome: (world, _home, service) => service.reactsToPartitions && world.partitions.length > 0,
  },
  corruptions: {
    heardBy: () => true,
    schedule(world, sim, type) {
      const corruptions = world.corruptions;
      for (let i = 0; i < corruptions.length; i++) sim.schedule(corruptions[i]!.detectedAt, type, i);
    },
    deliver(world, index, _phase, service, now) {
      service.corruptionDetected(world.corruptions[index]!, index, now);
    },
    // Every strategy restores from backups, with its own decision delay and draws.
    disturbsHome: (world) => world.corruptions.length > 0,
  },
  dependencyOutages: {
    heardBy: () => true,
    schedule: (world, sim, type) => scheduleSpans(world.dependencyOutages, sim, type),
    deliver(world, index, phase, service, now) {
      service.dependency(world.dependencyOutages[index]!, phase === BEGIN, now);
    },
    // The service down while one is (the world's alone, whatever the strategy); the steps it blocks
    // run only in an incident, which something else started.
    disturbsHome: () => false,
  },
} satisfies { readonly [K in keyof WorldEvents]: WorldEventKind };

/** The kinds in scheduling order; kind k's events have types 2k (begin) and 2k + 1 (end). */
export const WORLD_EVENT_KIND_LIST: readonly WorldEventKind[] = Object.values(WORLD_EVENT_KINDS);

/** Types below this are world events; a service's own events come after (simulation.ts). */
export const WORLD_EVENT_TYPES = 2 * WORLD_EVENT_KIND_LIST.length;

/** Whether no event of `world` could make `service`'s outcome, serving from `home`, depend on its strategy. */
export function quietAt(world: World, home: number, service: Service): boolean {
  for (let k = 0; k < WORLD_EVENT_KIND_LIST.length; k++) {
    if (WORLD_EVENT_KIND_LIST[k]!.disturbsHome(world, home, service)) return false;
  }
  return true;
}
