// One simulator per replication, shared by everything simulated in it: the world's events are
// scheduled once and delivered to every service that runs, and each service's own events (its
// pipeline steps, its corruption restores) share the same queue — so services can later hear each
// other's state as events. Each service's events keep exactly the order they would have alone: they
// order by (time, scheduling order), and a service schedules its own events in the same sequence
// whoever else is on the queue, after the world's (scheduled first).
//
// Event types: 2k and 2k + 1 are the begin and end of world event kind k (worldEvents.ts); each
// attached service owns 2^SERVICE_EVENT_BITS types after those, one per ServiceEvent.
import { Simulator } from "../kernel/simulator.js";
import type { TraceSink } from "../outcomes/results.js";
import type { World } from "../world/types.js";
import type { Service } from "./service.js";
import { SERVICE_EVENT_BITS } from "./serviceEvent.js";
import { WORLD_EVENT_KIND_LIST, WORLD_EVENT_TYPES } from "./worldEvents.js";

export class Simulation {
  readonly sim: Simulator;
  private readonly attached: Service[] = [];
  /** The services simulated in this replication, in attachment order. */
  private readonly running: Service[] = [];
  private world: World | null = null;

  constructor(private readonly horizon: number) {
    this.sim = new Simulator((type, arg) => this.dispatch(type, arg));
  }

  /** Makes `service` one that replications may simulate; returns the type of its first own event. */
  attach(service: Service): number {
    this.attached.push(service);
    return WORLD_EVENT_TYPES + ((this.attached.length - 1) << SERVICE_EVENT_BITS);
  }

  /** Starts a replication in `world`: no service runs in it until it join()s. */
  start(world: World): void {
    this.world = world;
    this.running.length = 0;
    this.sim.reset(0);
  }

  /** `service` is simulated in this replication; `trace`, when given, receives its event log. */
  join(service: Service, trace: TraceSink | null): void {
    service.begin(this.world!, trace);
    this.running.push(service);
  }

  /** Delivers the world's events, and runs every joined service's response, up to the horizon. */
  run(): void {
    const world = this.world!;
    for (let k = 0; k < WORLD_EVENT_KIND_LIST.length; k++) {
      const kind = WORLD_EVENT_KIND_LIST[k]!;
      if (this.heard(k)) kind.schedule(world, this.sim, 2 * k);
    }
    this.sim.run(this.horizon);
  }

  /** Whether a running service hears world event kind k (else its events need not be scheduled). */
  private heard(k: number): boolean {
    const kind = WORLD_EVENT_KIND_LIST[k]!;
    for (let i = 0; i < this.running.length; i++) if (kind.heardBy(this.running[i]!)) return true;
    return false;
  }

  private dispatch(type: number, arg: number): void {
    if (type >= WORLD_EVENT_TYPES) {
      const own = type - WORLD_EVENT_TYPES;
      this.attached[own >> SERVICE_EVENT_BITS]!.fire(own & ((1 << SERVICE_EVENT_BITS) - 1), arg);
      return;
    }
    const kind = WORLD_EVENT_KIND_LIST[type >> 1]!;
    const world = this.world!;
    const now = this.sim.now;
    const running = this.running;
    for (let i = 0; i < running.length; i++) kind.deliver(world, arg, type & 1, running[i]!, now);
  }
}
