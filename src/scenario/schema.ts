// The scenario schema (zod 4): strict (unknown keys are errors), mirroring docs/scenario-format.md,
// and producing the resolved Scenario of types.ts (seconds, per-second rates, bytes, USD). The input
// side is what the JSON Schema describes. Defaults are neutral (penalties 0, no drills, point-in-time
// recovery off…); calibrated figures are required, so a scenario gets them from models/ via extends.
// `name` and `file` are filled in by the loader, which knows the file.
import { z } from "zod";
import type { DistributionSpec } from "../random/types.js";
import {
  DURATION_KIND,
  FRACTION_KIND,
  THROUGHPUT_KIND,
  errorText,
  valueOrDistribution,
} from "./distribution.js";
import { deepPartial, settings } from "./objects.js";
import { currentResources } from "./resources.js";
import { defaultLabel, resolveScale, typeDefaults } from "./strategyTypes.js";
import { STRATEGY_TYPES, type Region, type Scenario, type Strategy, type Workload } from "./types.js";
import { DURATION_EXPECTED, parseDuration } from "./units.js";
import { count, duration, fraction, money, nonNegative, positive, probability, rate, size, throughput } from "./values.js";

/** Region names and strategy ids: usable in `--set` paths, CSV columns and file names. */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const ID_EXPECTED = 'expected a name of letters, digits, "-" and "_", starting with a letter';

export const RUN_DEFAULTS = { runs: 10_000, seed: 1, horizon: parseDuration("1y") } as const;

const STEP_EXPECTED = 'expected a duration like "15m", a distribution {dist: ...} or none';
const SLOWDOWN_EXPECTED = 'expected a factor ≥ 1 or "blocked"';

let built: ReturnType<typeof buildSchemas> | undefined;

/**
 * The scenario schema, built once per process. Parsing it reads CSV files through the resources
 * given to withResources() (resources.ts).
 */
export function scenarioSchema(): ReturnType<typeof buildSchemas>["scenario"] {
  return scenarioSchemaParts().scenario;
}

/** The scenario schema and its reused parts (named definitions in the JSON Schema). */
export function scenarioSchemaParts(): ReturnType<typeof buildSchemas> {
  built ??= buildSchemas();
  return built;
}

function buildSchemas() {
  // Shared instances: one definition each in the JSON Schema, and fewer schemas to build.
  const timing: z.ZodType<DistributionSpec, unknown> = valueOrDistribution(DURATION_KIND);
  const step: z.ZodType<DistributionSpec | null, unknown> = z.union(
    [z.literal("none").transform(() => null), valueOrDistribution(DURATION_KIND, STEP_EXPECTED)],
    { error: STEP_EXPECTED },
  );
  const positiveDuration = () => duration().refine((v) => v > 0, { error: `${DURATION_EXPECTED} (> 0)` });
  const id = (): z.ZodString => z.string().regex(ID_PATTERN, { error: ID_EXPECTED });

  const region = settings({
    /** Regions of one provider share provider-scoped control-plane impairments. */
    provider: z.string().default("aws"),
    outage: settings({
      rate: rate(),
      duration: timing,
      catastrophic: settings({ probability: probability(), duration: timing }),
      controlPlane: settings({
        probability: probability(),
        scope: z.enum(["region", "provider"]).default("region"),
        slowdown: z.union([z.number().min(1, { error: SLOWDOWN_EXPECTED }), z.literal("blocked").transform(() => Infinity)], {
          error: SLOWDOWN_EXPECTED,
        }),
        durationFactor: nonNegative().default(1),
      }),
    }),
  });

  // Every field of a strategy but its type, which strategyDefaults entries do not repeat.
  const strategyFields = settings({
    label: z.string().optional(),
    standbyFraction: nonNegative(),
    standbyControlPlanes: count(0).optional(),
    replication: settings({ mode: z.enum(["backup", "async", "sync"]).optional() }).optional(),
    steps: settings({
      detect: timing,
      decide: step,
      provision: step,
      promote: step,
      restoreFromBackup: z.boolean().optional(),
      scale: step.optional(),
      scaleWave: step.optional(),
      switchTraffic: step,
    }),
    policy: settings({
      waitForPrimary: duration(),
      abortWhenPrimaryReturns: z.boolean().default(true),
      failback: settings({ delay: timing, window: timing }),
    }),
    failover: settings({
      failureProbabilityUntested: probability(),
      failureProbabilityDrilled: probability(),
      retryDelay: timing,
      maxAttempts: count(1),
    }),
    drills: settings({ perYear: nonNegative().default(0), costUSD: money().default(0) }).prefault({}),
    conflictFraction: fraction().default(0),
  });
  const strategy = settings({ type: z.enum(STRATEGY_TYPES), ...strategyFields.in.shape }).superRefine((s, ctx) => {
    if (s.steps.scale === undefined && s.steps.scaleWave && !(s.standbyFraction > 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["steps", "scaleWave"],
        message: "a standby of 0 has no fleet to double: give steps.scale (the time to build the whole fleet) instead",
      });
    }
  });
  const strategyPartial = deepPartial(strategyFields);
  const strategyDefaults = z.strictObject(Object.fromEntries(STRATEGY_TYPES.map((type) => [type, strategyPartial])));

  const trace = z
    .strictObject({
      file: z.string({ error: "expected a CSV file path (relative to this file)" }),
      column: z.string({ error: "expected a column name" }),
      step: positiveDuration(),
    })
    .transform(async (t, ctx): Promise<Workload["trace"]> => {
      try {
        const rates = await currentResources().loadColumn(t.file, t.column);
        if (rates.length === 0) throw new Error(`no rows in column "${t.column}"`);
        const bad = rates.findIndex((r) => !Number.isFinite(r) || r < 0);
        if (bad >= 0) throw new Error(`row ${bad + 1} of column "${t.column}" is not a rate ≥ 0`);
        return { step: t.step, rates };
      } catch (error) {
        ctx.addIssue({ code: "custom", path: ["file"], message: errorText(error) });
        return z.NEVER;
      }
    });

  const workload = z
    .strictObject({
      requestsPerSecond: positive(),
      diurnalAmplitude: z
        .number({ error: "expected a number in [0, 1)" })
        .min(0, { error: "expected a number in [0, 1)" })
        .lt(1, { error: "expected a number in [0, 1)" })
        .default(0),
      peakHour: z
        .number({ error: "expected an hour of the day, 0 to 24" })
        .min(0, { error: "expected an hour of the day, 0 to 24" })
        .max(24, { error: "expected an hour of the day, 0 to 24" })
        .default(12),
      weekendFactor: nonNegative().default(1),
      trace: trace.optional(),
      writeFraction: fraction(),
      bytesPerWrite: size(),
      datasetSize: size(),
    })
    .transform(
      (w): Workload => ({
        requestsPerSecond: w.requestsPerSecond,
        diurnalAmplitude: w.diurnalAmplitude,
        peakHour: w.peakHour,
        weekendFactor: w.weekendFactor,
        trace: w.trace ?? null,
        writeFraction: w.writeFraction,
        bytesPerWrite: w.bytesPerWrite,
        datasetBytes: w.datasetSize,
      }),
    );

  const backup = settings({
    interval: positiveDuration(),
    duration: timing,
    copyDelay: timing,
    restoreThroughput: valueOrDistribution(THROUGHPUT_KIND),
    pointInTime: z
      .strictObject({ enabled: z.boolean().default(false), granularity: duration().optional() })
      .superRefine((p, ctx) => {
        if (p.enabled && p.granularity === undefined) {
          ctx.addIssue({ code: "custom", path: ["granularity"], message: `${DURATION_EXPECTED} (needed when enabled)` });
        }
      })
      .transform((p) => ({ enabled: p.enabled, granularity: p.granularity ?? 0 }))
      .prefault({}),
    retentionDays: nonNegative(),
  });

  const costs = settings({
    computeUSDPerYear: money(),
    controlPlaneUSDPerHour: money(),
    storageUSDPerGBMonth: money(),
    egressUSDPerGB: money(),
    downtimeUSDPerMinute: money().default(0),
    lostWriteUSD: money().default(0),
  });

  const scenario = z
    .strictObject({
      name: z.string().optional(),
      description: z.string().default(""),
      /** Consumed by the loader before validation; here so the JSON Schema knows it. */
      extends: z.union([z.string(), z.array(z.string())]).optional(),
      run: settings({
        runs: count(1).default(RUN_DEFAULTS.runs),
        seed: count(0).default(RUN_DEFAULTS.seed),
        horizon: positiveDuration().default(RUN_DEFAULTS.horizon),
      }).prefault({}),
      // Validated on their own so a typo there is caught even if every region overrides it; the
      // loader has already merged them under each region / strategy of the type.
      regionDefaults: deepPartial(region),
      regions: z
        .record(id(), region)
        .transform((regions): Region[] => Object.entries(regions).map(([name, r]) => ({ name, ...r }))),
      commonCause: settings({ beta: fraction() }),
      degradation: settings({
        rate: rate(),
        duration: timing,
        remainingCapacity: valueOrDistribution(FRACTION_KIND),
      }),
      partition: settings({ rate: rate(), duration: timing }),
      corruption: settings({ rate: rate(), detection: timing }),
      replication: settings({
        baselineLag: timing,
        spikes: settings({ rate: rate(), magnitude: timing, duration: timing }),
        bandwidth: throughput().refine((v) => v > 0, { error: "expected a throughput > 0" }),
      }),
      workload,
      backup,
      costs,
      strategyDefaults: strategyDefaults.optional(),
      strategies: z.record(id(), strategy).transform((strategies): Strategy[] =>
        Object.entries(strategies).map(([strategyId, s]) => {
          const defaults = typeDefaults(s.type);
          return {
            id: strategyId,
            type: s.type,
            label: s.label ?? defaultLabel(strategyId, s.type),
            standbyFraction: s.standbyFraction,
            standbyControlPlanes: s.standbyControlPlanes ?? defaults.standbyControlPlanes,
            replication: { mode: s.replication?.mode ?? defaults.replicationMode },
            steps: {
              detect: s.steps.detect,
              decide: s.steps.decide,
              provision: s.steps.provision,
              promote: s.steps.promote,
              restoreFromBackup: s.steps.restoreFromBackup ?? defaults.restoreFromBackup,
              scale: resolveScale(s.steps.scale, s.steps.scaleWave, s.standbyFraction),
              switchTraffic: s.steps.switchTraffic,
            },
            policy: s.policy,
            failover: s.failover,
            drills: s.drills,
            conflictFraction: s.conflictFraction,
          };
        }),
      ),
    })
    .superRefine((s, ctx) => {
      if (s.strategies.length === 0) {
        ctx.addIssue({ code: "custom", path: ["strategies"], message: "at least one strategy is needed" });
      } else if (s.regions.length < 2) {
        ctx.addIssue({
          code: "custom",
          path: ["regions"],
          message: `at least 2 regions are needed (the first is the primary; every strategy fails over to another), ${s.regions.length} given`,
        });
      }
    })
    .transform(
      (s): ScenarioFromSchema => ({
        name: s.name,
        description: s.description,
        run: s.run,
        regions: s.regions,
        commonCause: s.commonCause,
        degradation: s.degradation,
        partition: s.partition,
        corruption: s.corruption,
        replication: s.replication,
        workload: s.workload,
        backup: s.backup,
        costs: s.costs,
        strategies: s.strategies,
      }),
    );
  return { scenario, region, strategy, strategyPartial, step };
}

/** What the schema produces: a Scenario but for the loader's `file` and the name's default. */
export type ScenarioFromSchema = Omit<Scenario, "name" | "file"> & { readonly name: string | undefined };

// Compile-time check that the schema's output is exactly the contract (both directions).
type Output = z.output<ReturnType<typeof buildSchemas>["scenario"]>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesContract: Same<Output, ScenarioFromSchema> = true;
