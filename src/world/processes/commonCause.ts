// Common-cause events (docs/model.md, process 2): Poisson at β·mean(λ), each lasting a draw of the
// first region's outage duration. Its blast radius: which regions it hits — every one (the
// default), each independently, a number of them, or one named group (two regions of one
// geography) — and how deep: down, or with probability `zonal.probability` a zonal event that
// leaves each region it hits a `remainingCapacity` share of its capacity (a degradation). A down
// event impairs the control planes of the regions it hits with the first region's coupling. With
// every region hit, the β-factor model keeps each region's total outage rate at λ:
// regionOutage.ts draws the independent (1−β)·λ.
import { z } from "zod";
import { makeDistribution } from "../../random/distributions.js";
import { streamForKey, streamKey } from "../../random/streams.js";
import type { Distribution, DistributionSpec, Rng } from "../../random/types.js";
import { FRACTION_KIND, valueOrDistribution } from "../../scenario/distribution.js";
import { settings } from "../../scenario/objects.js";
import type { PartProblem } from "../../scenario/parts.js";
import type { Scenario } from "../../scenario/types.js";
import { fraction, nonNegative, probability } from "../../scenario/values.js";
import { nextArrival } from "../arrivals.js";
import type { CompiledProcess, FailureProcess } from "../process.js";
import type { WorldDraft } from "../types.js";
import { controlPlaneCoupling, outageEvent, type ControlPlaneCoupling } from "./regionOutage.js";

/**
 * Which regions one common-cause event hits: a distribution over sets of regions, written like a
 * distribution (`dist`), so an override replaces it whole rather than merging two kinds.
 */
export type BlastRadius =
  | "all"
  /** Each region independently with this probability (at least one: drawn again until one is hit). */
  | { readonly dist: "each"; readonly probability: number }
  /** How many regions — weights of 1, 2, … regions — chosen at random among all. */
  | { readonly dist: "count"; readonly weights: number[] }
  /** One named group of regions, each group equally likely. */
  | { readonly dist: "groups"; readonly groups: Readonly<Record<string, string[]>> };

export interface CommonCause {
  /** β-factor: share of each region's outage rate that arrives as events hitting several regions at once. */
  readonly beta: number;
  /** The regions an event hits; absent: every region. */
  readonly regions?: BlastRadius;
  /** Events that take a zone of each region they hit rather than the regions: absent, none. */
  readonly zonal?: { readonly probability: number; readonly remainingCapacity: DistributionSpec };
}

declare module "../../scenario/types.js" {
  interface ScenarioParts {
    readonly commonCause: CommonCause;
  }
}

/** Draws the region mask of one event (bit r: region r hit). */
type RegionSetDraw = (rng: Rng) => number;

/** The region-set draw of `radius` over `regions`; null for every region (nothing is drawn). */
function regionSets(radius: BlastRadius, regions: readonly string[]): RegionSetDraw | null {
  const n = regions.length;
  if (radius === "all") return null;
  if (radius.dist === "each") {
    const p = radius.probability;
    return (rng) => {
      for (;;) {
        let mask = 0;
        for (let r = 0; r < n; r++) if (rng() < p) mask |= 1 << r;
        if (mask !== 0) return mask;
      }
    };
  }
  if (radius.dist === "count") {
    // Weights of 1…n regions (counts above n are n).
    const weights = new Float64Array(n);
    radius.weights.forEach((w, i) => (weights[Math.min(n, i + 1) - 1]! += w));
    const total = weights.reduce((a, b) => a + b, 0);
    return (rng) => {
      let u = rng() * total;
      let k = 1;
      while (k < n && u >= weights[k - 1]!) u -= weights[k++ - 1]!;
      // k of the n regions, chosen uniformly: a partial Fisher–Yates shuffle.
      const order = Array.from({ length: n }, (_, r) => r);
      let mask = 0;
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(rng() * (n - i));
        [order[i], order[j]] = [order[j]!, order[i]!];
        mask |= 1 << order[i]!;
      }
      return mask;
    };
  }
  const masks = Object.values(radius.groups).map((names) => names.reduce((m, name) => m | (1 << regions.indexOf(name)), 0));
  return (rng) => masks[Math.floor(rng() * masks.length)]!;
}

class CommonCauseEvents implements CompiledProcess {
  private readonly stream = streamKey("common-cause");
  private readonly rate: number;
  private readonly allRegions: number;
  private readonly duration: Distribution | null;
  private readonly controlPlane: ControlPlaneCoupling | null;
  private readonly regionSet: RegionSetDraw | null;
  private readonly zonalProbability: number;
  private readonly zonalRemaining: Distribution | null;

  constructor(
    scenario: Scenario,
    private readonly horizon: number,
  ) {
    const regions = scenario.regions;
    const cc = scenario.commonCause;
    this.allRegions = (1 << regions.length) - 1;
    // β-factor model: each region keeps its total rate λ; a share β of it arrives as events that hit
    // every region at once, at the mean of the regions' rates.
    const meanRate = regions.reduce((s, r) => s + r.outage.rate, 0) / regions.length;
    this.rate = regions.length > 0 ? cc.beta * meanRate : 0;
    this.duration = regions.length > 0 ? makeDistribution(regions[0]!.outage.duration) : null;
    this.controlPlane = regions.length > 0 ? controlPlaneCoupling(scenario, 0) : null;
    this.regionSet = regionSets(cc.regions ?? "all", regions.map((r) => r.name));
    this.zonalProbability = cc.zonal?.probability ?? 0;
    this.zonalRemaining = cc.zonal ? makeDistribution(cc.zonal.remainingCapacity) : null;
  }

  // Per event: its arrival, its duration, then — only where the scenario asks for them, so that
  // the defaults draw exactly what they always drew — whether it is zonal and which regions it hits;
  // then the control-plane draw of a down event, or the capacity left in each region of a zonal one.
  draw(world: WorldDraft): void {
    if (!(this.rate > 0)) return;
    const rng = streamForKey(world.seed, world.replication, this.stream);
    for (let t = nextArrival(rng, 0, this.rate); t < this.horizon; ) {
      const d = this.duration!.sample(rng);
      const zonal = this.zonalProbability > 0 && rng() < this.zonalProbability;
      const mask = this.regionSet === null ? this.allRegions : this.regionSet(rng);
      if (zonal) {
        for (let r = 0; mask >> r !== 0; r++) {
          if ((mask & (1 << r)) === 0) continue;
          const remaining = Math.min(1, Math.max(0, this.zonalRemaining!.sample(rng)));
          world.degradations.push({ start: t, end: t + d, region: r, remaining });
        }
      } else {
        world.outages.push(outageEvent(t, d, mask, "common-cause", { ...this.controlPlane!, mask }, rng));
      }
      t = nextArrival(rng, t + d, this.rate);
    }
  }
}

/** Region names a `groups` blast radius refers to must be the scenario's. */
function checkGroups(scenario: Scenario): readonly PartProblem[] {
  const radius = scenario.commonCause.regions;
  if (radius === undefined || radius === "all" || radius.dist !== "groups") return [];
  const names = scenario.regions.map((r) => r.name);
  const problems: PartProblem[] = [];
  for (const [group, members] of Object.entries(radius.groups)) {
    members.forEach((name, i) => {
      if (!names.includes(name)) {
        problems.push({ path: ["commonCause", "regions", "groups", group, i], message: `expected a region of this scenario (${names.join(", ")}), got "${name}"` });
      }
    });
  }
  return problems;
}

const BLAST_RADIUS_EXPECTED = 'expected "all" or {dist: each | count | groups, …}';
const blastRadius = z.union(
  [
    z.literal("all"),
    z.discriminatedUnion(
      "dist",
      [
        z.strictObject({ dist: z.literal("each"), probability: probability().refine((p) => p > 0, { error: "expected a probability > 0" }) }),
        z.strictObject({
          dist: z.literal("count"),
          weights: z
            .array(nonNegative(), { error: "expected a list of weights of 1, 2, … regions" })
            .refine((w) => w.some((x) => x > 0), { error: "expected at least one weight > 0" }),
        }),
        z.strictObject({
          dist: z.literal("groups"),
          groups: z
            .record(z.string(), z.array(z.string(), { error: "expected a list of region names" }).min(1, { error: "expected at least one region" }))
            .refine((g) => Object.keys(g).length > 0, { error: "expected at least one group" }),
        }),
      ],
      { error: BLAST_RADIUS_EXPECTED },
    ),
  ],
  { error: BLAST_RADIUS_EXPECTED },
);

export const COMMON_CAUSE = {
  name: "common-cause event",
  part: {
    top: {
      after: "regions",
      fields: {
        commonCause: settings({
          beta: fraction(),
          regions: blastRadius.optional(),
          zonal: settings({ probability: probability(), remainingCapacity: valueOrDistribution(FRACTION_KIND) }).optional(),
        }),
      },
    },
    check: checkGroups,
  },
  streams: ["common-cause"],
  compile: (scenario, run): CompiledProcess => new CommonCauseEvents(scenario, run.horizon),
} satisfies FailureProcess;
