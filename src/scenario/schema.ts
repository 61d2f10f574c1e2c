// The scenario schema (zod 4): strict (unknown keys are errors), mirroring docs/scenario-format.md,
// and producing the resolved Scenario of types.ts (seconds, per-second rates, bytes, USD). The input
// side is what the JSON Schema describes. Defaults are neutral (penalties 0, no drills, point-in-time
// recovery off…); calibrated figures are required, so a scenario gets them from models/ via extends.
// `name` and `file` are filled in by the loader, which knows the file.
//
// This file holds the core — run, regions and their providers, workload, costs, what every strategy
// has — and composes it with the parts the registries contribute (parts.ts): each failure process's
// fields and each strategy mechanism's, placed after the core field they name.
import { z } from "zod";
import { deepPartial, settings } from "./objects.js";
import { positiveDuration, stepTiming, timing } from "./fields.js";
import type { FieldSchemas, SchemaContributions, ScenarioAnchor, StrategyAnchor, StrategyTypeInfo } from "./parts.js";
import { currentResources } from "./resources.js";
import { errorText } from "./distribution.js";
import { resolveScale } from "./strategyTypes.js";
import { STRATEGY_TYPES, type Region, type Scenario, type Strategy, type Workload } from "./types.js";
import { parseDuration } from "./units.js";
import { count, fraction, label, money, nonNegative, positive, size, text } from "./values.js";
import { MAX_HORIZON_SECONDS, MAX_REGIONS, MAX_RUNS } from "./limits.js";

/** Region names and strategy ids: usable in `--set` paths, CSV columns and file names. */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const ID_EXPECTED = 'expected a name of letters, digits, "-" and "_", starting with a letter';

export const RUN_DEFAULTS = { runs: 10_000, seed: 1, horizon: parseDuration("1y") } as const;

/** What the schema produces: a Scenario but for the loader's `file` and the name's default. */
export type ScenarioFromSchema = Omit<Scenario, "name" | "file"> & { readonly name: string | undefined };

/** The scenario schema and its reused parts (named definitions in the JSON Schema). */
export interface ScenarioSchemas {
  readonly scenario: z.ZodType<ScenarioFromSchema, unknown>;
  readonly region: z.ZodType;
  readonly strategy: z.ZodType;
  readonly strategyPartial: z.ZodType;
  readonly step: z.ZodType;
  /** Top-level fields a strategy may override (ScenarioPart.strategyOverrides); the loader merges them. */
  readonly strategyOverrides: readonly string[];
  /** Every top-level field by name, as a file writes it: a portfolio's schema (portfolioSchema.ts) is built from them. */
  readonly fields: Readonly<Record<string, z.ZodType>>;
  /** Top-level fields a portfolio's service may write its own value of (ScenarioPart.perService). */
  readonly perService: readonly string[];
}

type Shape = Record<string, z.ZodType>;

/** `core` in order, each contributed field right after the core field it is placed after. */
function placed<Anchor extends string>(
  core: Readonly<Record<string, z.ZodType>>,
  parts: readonly { readonly after: Anchor; readonly fields: FieldSchemas }[],
): Shape {
  const shape: Shape = {};
  const put = (key: string, schema: z.ZodType): void => {
    if (key in shape) throw new Error(`scenario schema: two parts define "${key}"`);
    shape[key] = schema;
  };
  for (const [key, schema] of Object.entries(core)) {
    put(key, schema);
    for (const part of parts) if (part.after === key) for (const [field, s] of Object.entries(part.fields)) put(field, s);
  }
  for (const part of parts) {
    if (!(part.after in core)) throw new Error(`scenario schema: a part is placed after "${part.after}", which is not a core field`);
  }
  return shape;
}

/** "Warm standby" for id "warm-standby", "Warm standby (warm-standby-20)" otherwise. */
function defaultLabel(id: string, type: string, title: string): string {
  return id === type ? title : `${title} (${id})`;
}

/**
 * The scenario schema with the registries' contributions. Parsing it reads CSV files through the
 * resources given to withResources() (resources.ts). Build it once per process: zod schemas are
 * immutable and slow to build.
 */
export function buildScenarioSchemas(contributions: SchemaContributions): ScenarioSchemas {
  const id = (): z.ZodString => z.string().regex(ID_PATTERN, { error: ID_EXPECTED });
  const typeInfo = (type: string): StrategyTypeInfo => {
    const info = contributions.strategyTypes[type];
    if (info === undefined) throw new Error(`strategy type "${type}" has no mechanism`);
    return info;
  };

  const regionParts = contributions.scenario.flatMap((part) => (part.region ? [{ after: "provider", fields: part.region }] : []));
  const region = settings(
    placed(
      {
        /** Regions of one provider share provider-scoped control-plane impairments. */
        provider: z.string().default("aws"),
      },
      regionParts,
    ),
  );

  // Every field of a strategy but its type, which strategyDefaults entries do not repeat.
  const coreStrategyFields: Record<StrategyAnchor | "label" | "standbyFraction" | "standbyControlPlanes" | "replication", z.ZodType> = {
    label: label().optional(),
    standbyFraction: nonNegative(),
    standbyControlPlanes: count(0).optional(),
    replication: settings({ mode: z.enum(["backup", "async", "sync"]).optional() }).optional(),
    steps: settings({
      detect: timing(),
      decide: stepTiming(),
      provision: stepTiming(),
      promote: stepTiming(),
      restoreFromBackup: z.boolean().optional(),
      scale: stepTiming().optional(),
      scaleWave: stepTiming().optional(),
      switchTraffic: stepTiming(),
    }),
    drills: settings({ perYear: nonNegative().default(0), costUSD: money().default(0) }).prefault({}),
  };
  // A strategy's own value of a scenario-wide field, merged over the scenario's by the loader
  // (strategyOverrides.ts), is read with the field's own schema; placed after the strategy's drills.
  const strategyOverrides = contributions.scenario.flatMap((part) => part.strategyOverrides ?? []);
  const overrideFields: Record<string, z.ZodType> = {};
  for (const part of contributions.scenario) {
    for (const name of part.strategyOverrides ?? []) {
      const field = part.top?.fields[name];
      if (field === undefined) throw new Error(`scenario schema: a strategy override "${name}" is not a top-level field of its part`);
      overrideFields[name] = field.optional();
    }
  }
  const strategyShape = placed<StrategyAnchor>(coreStrategyFields, [
    ...contributions.strategy,
    ...(strategyOverrides.length > 0 ? [{ after: "drills" as const, fields: overrideFields }] : []),
  ]);
  const strategyFieldOrder = Object.keys(strategyShape);
  const strategyFields = settings(strategyShape);
  const strategy = settings({ type: z.enum(STRATEGY_TYPES), ...strategyFields.in.shape }).superRefine((raw, ctx) => {
    const s = raw as unknown as WrittenStrategy;
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

  /** The resolved strategy: core fields with their type's defaults, then every part's fields, in schema order. */
  const resolveStrategy = (strategyId: string, s: Record<string, unknown>): Strategy => {
    const type = s["type"] as Strategy["type"];
    const info = typeInfo(type);
    const written = s as unknown as WrittenStrategy;
    const core: Record<string, unknown> = {
      label: written.label ?? defaultLabel(strategyId, type, info.title),
      standbyFraction: written.standbyFraction,
      standbyControlPlanes: written.standbyControlPlanes ?? info.defaults.standbyControlPlanes,
      replication: { mode: written.replication?.mode ?? info.defaults.replicationMode },
      steps: {
        detect: written.steps.detect,
        decide: written.steps.decide,
        provision: written.steps.provision,
        promote: written.steps.promote,
        restoreFromBackup: written.steps.restoreFromBackup ?? info.defaults.restoreFromBackup,
        scale: resolveScale(written.steps.scale, written.steps.scaleWave, written.standbyFraction),
        switchTraffic: written.steps.switchTraffic,
      },
      drills: written.drills,
    };
    const out: Record<string, unknown> = { id: strategyId, type };
    // A field the strategy leaves out stays out (an override it does not make, say).
    for (const key of strategyFieldOrder) if (key in core || s[key] !== undefined) out[key] = key in core ? core[key] : s[key];
    return out as unknown as Strategy;
  };

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

  const costs = settings({
    computeUSDPerYear: money(),
    controlPlaneUSDPerHour: money(),
    storageUSDPerGBMonth: money(),
    egressUSDPerGB: money(),
    downtimeUSDPerMinute: money().default(0),
    lostWriteUSD: money().default(0),
  });

  // Fields only the input has: the loader consumes them before validation (extends) or merges them
  // under each region / strategy of the type (the defaults); validated on their own so a typo there
  // is caught even if every region overrides it.
  const inputOnly = new Set(["extends", "regionDefaults", "strategyDefaults"]);
  const core: Record<ScenarioAnchor | "name" | "description" | "extends" | "run" | "regionDefaults" | "strategyDefaults" | "strategies", z.ZodType> = {
    name: label().optional(),
    description: text().default(""),
    /** Consumed by the loader before validation; here so the JSON Schema knows it. */
    extends: z.union([z.string(), z.array(z.string())]).optional(),
    run: settings({
      runs: count(1)
        .max(MAX_RUNS, { error: "expected at most 1e10 replications (split larger studies into several)" })
        .default(RUN_DEFAULTS.runs),
      seed: count(0).default(RUN_DEFAULTS.seed),
      horizon: positiveDuration()
        .refine((v) => v <= MAX_HORIZON_SECONDS, { error: "expected a horizon of at most 100000y (event times would lose their milliseconds)" })
        .default(RUN_DEFAULTS.horizon),
    }).prefault({}),
    regionDefaults: deepPartial(region),
    regions: z
      .record(id(), region)
      .transform((regions): Region[] => Object.entries(regions).map(([name, r]) => ({ name, ...(r as object) }) as Region)),
    workload,
    costs,
    strategyDefaults: strategyDefaults.optional(),
    strategies: z
      .record(id(), strategy)
      .transform((strategies): Strategy[] =>
        Object.entries(strategies).map(([strategyId, s]) => resolveStrategy(strategyId, s as Record<string, unknown>)),
      ),
  };
  const topParts = contributions.scenario.flatMap((part) => (part.top ? [part.top] : []));
  const shape = placed<ScenarioAnchor>(core, topParts);
  const outputOrder = Object.keys(shape).filter((key) => !inputOnly.has(key));

  const scenario = z
    .strictObject(shape)
    .superRefine((s, ctx) => {
      const strategies = s["strategies"] as readonly Strategy[] | undefined;
      const regions = s["regions"] as readonly Region[] | undefined;
      if (!Array.isArray(strategies) || !Array.isArray(regions)) return; // reported where they failed
      if (strategies.length === 0) {
        ctx.addIssue({ code: "custom", path: ["strategies"], message: "at least one strategy is needed" });
        return;
      }
      if (regions.length > MAX_REGIONS) {
        ctx.addIssue({
          code: "custom",
          path: ["regions"],
          message: `at most ${MAX_REGIONS} regions can be simulated (a region is one bit of a 32-bit mask), ${regions.length} given`,
        });
        return;
      }
      // The strategy needing the most regions decides (its type says how many: StrategyTypeInfo).
      const needs = strategies.reduce((most, st) => (typeInfo(st.type).minRegions > typeInfo(most.type).minRegions ? st : most));
      const needed = typeInfo(needs.type).minRegions;
      if (regions.length < needed) {
        ctx.addIssue({
          code: "custom",
          path: ["regions"],
          message:
            `at least ${needed} regions are needed (the first is the primary; strategy "${needs.id}" ` +
            `fails over to or shares load with another), ${regions.length} given`,
        });
      }
      // The parts' own checks see a whole scenario: only once every field has parsed.
      if (ctx.issues.length > 0) return;
      for (const part of contributions.scenario) {
        for (const problem of part.check?.(s as unknown as Scenario) ?? []) {
          ctx.addIssue({ code: "custom", path: [...problem.path], message: problem.message });
        }
      }
    })
    .transform((s): ScenarioFromSchema => {
      // The contract's keys in schema order: scenario.json is written in this order.
      const out: Record<string, unknown> = {};
      // An optional part left out stays out (scenario.json of a scenario without it is unchanged).
      for (const key of outputOrder) if (s[key] !== undefined) out[key] = s[key];
      return out as unknown as ScenarioFromSchema;
    });
  const perService = contributions.scenario.flatMap((part) => part.perService ?? []);
  return { scenario, region, strategy, strategyPartial, step: stepTiming(), strategyOverrides, fields: shape, perService };
}

/** A strategy as its core fields come out of the schema, before type defaults. */
interface WrittenStrategy {
  readonly label?: string;
  readonly standbyFraction: number;
  readonly standbyControlPlanes?: number;
  readonly replication?: { readonly mode?: Strategy["replication"]["mode"] };
  readonly steps: {
    readonly detect: Strategy["steps"]["detect"];
    readonly decide: Strategy["steps"]["decide"];
    readonly provision: Strategy["steps"]["provision"];
    readonly promote: Strategy["steps"]["promote"];
    readonly restoreFromBackup?: boolean;
    readonly scale?: Strategy["steps"]["scale"];
    readonly scaleWave?: Strategy["steps"]["scale"];
    readonly switchTraffic: Strategy["steps"]["switchTraffic"];
  };
  readonly drills: Strategy["drills"];
}
