// Dependencies (docs/model.md, process 9): global or third-party services the recovery or the
// service itself needs — a DNS provider, an identity provider, a container registry, a secrets
// manager, the global load balancer's control plane — each with its own outage process, an
// alternating renewal. While one is down, the pipeline steps it `blocks` make no progress, for every
// strategy (services/service.ts: wallTime), and with `serviceDown` the service itself is down.
// Absent: no dependencies, nothing drawn.
import { z } from "zod";
import { makeDistribution } from "../../random/distributions.js";
import { streamForKey, streamKey } from "../../random/streams.js";
import type { Distribution, DistributionSpec } from "../../random/types.js";
import { PIPELINE_STEPS, type PipelineStep } from "../../outcomes/results.js";
import { timing } from "../../scenario/fields.js";
import { settings } from "../../scenario/objects.js";
import { ID_PATTERN } from "../../scenario/schema.js";
import type { Scenario } from "../../scenario/types.js";
import { rate } from "../../scenario/values.js";
import { nextArrival } from "../arrivals.js";
import type { CompiledProcess, FailureProcess } from "../process.js";
import type { WorldDraft } from "../types.js";

export interface Dependency {
  /** Its outages, per second. */
  readonly rate: number;
  readonly duration: DistributionSpec;
  /** The pipeline steps that cannot make progress while it is down. */
  readonly blocks: PipelineStep[];
  /** Whether the service itself is down while it is (a dependency in the request path). */
  readonly serviceDown: boolean;
}

declare module "../../scenario/types.js" {
  interface ScenarioParts {
    /** By name; undefined (absent): none. */
    readonly dependencies: Readonly<Record<string, Dependency>> | undefined;
  }
}

/** The steps a dependency can block: every pipeline step but `wait`, a record of the wait for the primary inside `decide`, not work. */
const BLOCKABLE = PIPELINE_STEPS.filter((s) => s !== "wait") as [PipelineStep, ...PipelineStep[]];

/** Bit i of a step mask: PIPELINE_STEPS[i]. */
export function stepBit(step: PipelineStep): number {
  return 1 << PIPELINE_STEPS.indexOf(step);
}

interface CompiledDependency {
  readonly name: string;
  readonly stream: number;
  readonly rate: number;
  readonly duration: Distribution;
  readonly blocks: number;
  readonly serviceDown: boolean;
}

class Dependencies implements CompiledProcess {
  private readonly dependencies: readonly CompiledDependency[];

  constructor(
    scenario: Scenario,
    private readonly horizon: number,
  ) {
    this.dependencies = Object.entries(scenario.dependencies ?? {}).map(([name, d]) => ({
      name,
      stream: streamKey(`dependency:${name}`),
      rate: d.rate,
      duration: makeDistribution(d.duration),
      blocks: d.blocks.reduce((mask, step) => mask | stepBit(step), 0),
      serviceDown: d.serviceDown,
    }));
  }

  draw(world: WorldDraft): void {
    for (const d of this.dependencies) {
      if (!(d.rate > 0)) continue; // draws nothing: the stream is not even created
      const rng = streamForKey(world.seed, world.replication, d.stream);
      for (let t = nextArrival(rng, 0, d.rate); t < this.horizon; ) {
        const end = t + d.duration.sample(rng);
        world.dependencyOutages.push({ start: t, end, dependency: d.name, blocks: d.blocks, serviceDown: d.serviceDown });
        t = nextArrival(rng, end, d.rate);
      }
    }
  }
}

export const DEPENDENCIES = {
  name: "dependency outage",
  part: {
    top: {
      after: "regions",
      fields: {
        dependencies: z
          .record(
            z.string().regex(ID_PATTERN, { error: 'expected a name of letters, digits, "-" and "_", starting with a letter' }),
            settings(
              {
                rate: rate(),
                duration: timing(),
                blocks: z.array(z.enum(BLOCKABLE), { error: `expected a list of steps (${BLOCKABLE.join(", ")})` }).default([]),
                serviceDown: z.boolean().default(false),
              },
              {
                rate: 'Rate of this dependency\'s outages: "0.5/year".',
                duration: "How long one of its outages lasts (a distribution of durations).",
                blocks: "Pipeline steps that make no progress while it is down, for every strategy (e.g. [switchTraffic] for a DNS provider).",
                serviceDown: "Whether the service itself is down while it is (a dependency in the request path); default false.",
              },
            ),
          )
          .describe("Global or third-party services the DR path or the service needs (DNS provider, identity, registry), by name, each with its own outages.")
          .optional(),
      },
    },
  },
  streams: ["dependency:<name>"],
  compile: (scenario, run): CompiledProcess => new Dependencies(scenario, run.horizon),
} satisfies FailureProcess;
