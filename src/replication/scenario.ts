// The scenario schema of the model: scenario/'s core composed with the parts of the registered
// failure processes and strategy mechanisms — composed here, above both registries, and handed to
// scenario/'s loader and JSON Schema, so scenario/ never imports a registry.
import type { z } from "zod";
import { scenarioJsonSchema as jsonSchemaOf } from "../scenario/jsonSchema.js";
import { loadScenarioWith, type LoadOptions } from "../scenario/load.js";
import type { ScenarioPart, SchemaContributions, StrategyTypeInfo } from "../scenario/parts.js";
import { buildScenarioSchemas, type ScenarioSchemas } from "../scenario/schema.js";
import type { RegionParts, Scenario, ScenarioParts, StrategyParts } from "../scenario/types.js";
import { MECHANISMS } from "../strategies/registry.js";
import { FAILURE_PROCESSES } from "../world/registry.js";
import { REGISTRIES, type Registries } from "./registries.js";
import { compileModel } from "./replication.js";
import { FieldError } from "../scenario/fieldError.js";

// Compile-time: the registered processes and mechanisms read exactly the fields — names and types
// — that their files add to Scenario, Region and Strategy (declaration merging), no more, no fewer.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Merged<U> = (U extends unknown ? (u: U) => void : never) extends (m: infer M) => void ? M : never;
type Read<F> = { [K in keyof F]: F[K] extends z.ZodType ? z.output<F[K]> : never };
type TopFields<P> = P extends { readonly part: { readonly top: { readonly fields: infer F } } } ? F : never;
type RegionFields<P> = P extends { readonly part: { readonly region: infer F } } ? F : never;
type StrategyFields<M> = M extends { readonly part: { readonly fields: infer F } } ? F : never;
type Process = (typeof FAILURE_PROCESSES)[number];
/** The top-level fields a process lets a strategy override, each the scenario's type or undefined. */
type Overrides<P> = P extends { readonly part: { readonly top: { readonly fields: infer F }; readonly strategyOverrides: readonly (infer K)[] } }
  ? { [N in K & keyof F]: Read<F>[N] | undefined }
  : never;
const _scenarioParts: Same<Read<Merged<TopFields<Process>>>, ScenarioParts> = true;
const _regionParts: Same<Read<Merged<RegionFields<Process>>>, RegionParts> = true;
const _strategyParts: Same<Read<Merged<StrategyFields<(typeof MECHANISMS)[number]>>> & Merged<Overrides<Process>>, StrategyParts> = true;

function contributions(registries: Registries): SchemaContributions {
  const strategyTypes: Record<string, StrategyTypeInfo> = {};
  for (const m of registries.mechanisms) Object.assign(strategyTypes, m.types);
  return {
    scenario: registries.processes.map((p): ScenarioPart => p.part),
    strategy: registries.mechanisms.flatMap((m) => (m.part === null ? [] : [m.part])),
    strategyTypes,
  };
}

// Building a schema is slow (zod): once per registries value and process.
const built = new WeakMap<Registries, ScenarioSchemas>();

/** The scenario schema read with `registries`' parts. */
export function scenarioSchemas(registries: Registries = REGISTRIES): ScenarioSchemas {
  let schemas = built.get(registries);
  if (schemas === undefined) {
    schemas = buildScenarioSchemas(contributions(registries));
    built.set(registries, schemas);
  }
  return schemas;
}

/**
 * What compiling the model refuses, as a located problem: the loader compiles every scenario it
 * loads, so `validate` finds what `run` would refuse (a FieldError names its field).
 */
function compileProblem(scenario: Scenario, registries: Registries): { path: readonly string[]; message: string } | undefined {
  try {
    compileModel(scenario, registries);
    return undefined;
  } catch (error) {
    if (error instanceof FieldError) return { path: error.path, message: error.problem };
    throw error;
  }
}

/** Loads a scenario file (see scenario/load.ts) with the model's schema, and checks that the model accepts it. */
export function loadScenario(file: string, options: LoadOptions = {}, registries: Registries = REGISTRIES): Promise<Scenario> {
  const check = (scenario: Scenario): { path: readonly string[]; message: string } | undefined =>
    options.check?.(scenario) ?? compileProblem(scenario, registries);
  return loadScenarioWith(scenarioSchemas(registries), file, { ...options, check });
}

/** The JSON Schema of scenario files (schema/scenario.schema.json; `drsim schema`). */
export function scenarioJsonSchema(registries: Registries = REGISTRIES): object {
  return jsonSchemaOf(scenarioSchemas(registries));
}
