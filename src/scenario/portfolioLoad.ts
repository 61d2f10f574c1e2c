// Loading a portfolio (portfolio.ts): the file and what it extends are composed as for a scenario,
// `--set` overrides are checked against the portfolio's shape, then each service is resolved into a
// scenario of its own — its view: the portfolio's top level (regions, failure processes, prices,
// strategyDefaults) with the service's own fields merged over it, maps key by key as `extends`
// merges — by the scenario schema itself. So a service is read, defaulted and validated exactly as
// a single-service scenario is, and every error is located where it was written.
import { basename, extname, resolve } from "node:path";
import { composeFile } from "./compose.js";
import { resolveScenarioTree, type LoadOptions } from "./load.js";
import { mergeNodes } from "./merge.js";
import { applyOverride } from "./overrides.js";
import type { Flow, Portfolio, PortfolioService, Tier } from "./portfolio.js";
import { findCycle } from "./portfolioGraph.js";
import {
  PORTFOLIO_KEYS,
  SERVICE_ONLY_KEYS,
  SERVICE_PORTFOLIO_KEYS,
  portfolioFileSchema,
  portfolioPartsSchema,
  serviceScenarioKeys,
  type PortfolioParts,
} from "./portfolioSchema.js";
import { genericMessage, scenarioErrorFromIssues } from "./issues.js";
import { originAt, rawMap, stripDeletions, toPlain, type RawEntry, type RawMap, type RawNode } from "./rawTree.js";
import { ScenarioError, failAt } from "./scenarioError.js";
import type { ScenarioSchemas } from "./schema.js";
import { suggestion } from "./suggest.js";
import type { z } from "zod";

/** Whether `file` (with what it extends) is a portfolio: it has `services`. */
export async function isPortfolioFile(file: string): Promise<boolean> {
  return (await composeFile(resolve(file))).entries.has("services");
}

// The portfolio's shape is built from the scenario schema's fields: once per schema.
const fileSchemas = new WeakMap<ScenarioSchemas, z.ZodType>();

/** The portfolio in `file`, each service read by `schemas`. */
export async function loadPortfolioWith(schemas: ScenarioSchemas, file: string, options: LoadOptions = {}): Promise<Portfolio> {
  const path = resolve(file);
  let tree = await composeFile(path);
  if (!tree.entries.has("services")) failAt(tree.origin, "services", "not a portfolio: a portfolio has services (a single-service scenario runs with `drsim run`)");
  if ((options.overrides ?? []).length > 0) {
    let shape = fileSchemas.get(schemas);
    if (shape === undefined) fileSchemas.set(schemas, (shape = portfolioFileSchema(schemas)));
    for (const override of options.overrides ?? []) tree = applyOverride(tree, override, shape);
  }
  for (const key of SERVICE_ONLY_KEYS) {
    const entry = tree.entries.get(key);
    if (entry !== undefined) failAt(entry.keyOrigin, key, `in a portfolio each service has its own ${key}: write it under services.<name>.${key}`);
  }
  const parts = readParts(tree);
  const services = serviceEntries(tree);
  checkServiceKeys(schemas, services);
  checkReferences(tree, parts);

  const world = withoutKeys(tree, PORTFOLIO_KEYS);
  const tiers = new Map(
    Object.entries(parts.tiers).map(([name, t]): [string, Tier] => [
      name,
      { name, rtoSeconds: t.rto, rpoSeconds: t.rpo, availability: t.availability, confidence: t.confidence, includeCorruption: t.includeCorruption },
    ]),
  );
  const resolved: PortfolioService[] = [];
  for (const [name, entry] of services) {
    const own = withoutKeys(entry.value as RawMap, SERVICE_PORTFOLIO_KEYS);
    const view = await serviceView(schemas, mergeNodes(world, own) as RawMap, path, name, own);
    const written = parts.services[name]!;
    resolved.push({
      name,
      tier: tiers.get(written.tier)!,
      dependsOn: Object.entries(written.dependsOn ?? {}).map(([service, scope]) => ({ service, scope })),
      scenario: view,
    });
  }
  const flows = Object.entries(parts.flows ?? {}).map(([name, f]): Flow => ({ name, ...f }));
  const first = resolved[0]!.scenario;
  const name = tree.entries.get("name")?.value;
  return {
    name: name?.kind === "scalar" && typeof name.value === "string" ? name.value : basename(path, extname(path)),
    description: first.description,
    file: basename(path),
    run: first.run,
    tiers: [...tiers.values()],
    services: resolved,
    flows,
  };
}

/** Tiers, flows, and each service's tier and dependencies, validated. */
function readParts(tree: RawMap): PortfolioParts {
  const entries = new Map<string, RawEntry>();
  for (const key of PORTFOLIO_KEYS) {
    const entry = tree.entries.get(key);
    if (entry === undefined) continue;
    entries.set(key, key === "services" ? { ...entry, value: onlyKeys(entry.value, SERVICE_PORTFOLIO_KEYS) } : entry);
  }
  const raw = stripDeletions(rawMap(tree.origin, entries));
  const result = portfolioPartsSchema.safeParse(toPlain(raw), { error: genericMessage });
  if (!result.success) throw scenarioErrorFromIssues(result.error.issues, raw, portfolioPartsSchema);
  if (Object.keys(result.data.services).length === 0) failAt(tree.entries.get("services")!.keyOrigin, "services", "a portfolio needs at least one service");
  return result.data;
}

/** Of every service of `services`, only `keys`. */
function onlyKeys(services: RawNode, keys: readonly string[]): RawNode {
  if (services.kind !== "map") return services;
  const out = new Map<string, RawEntry>();
  for (const [name, entry] of services.entries) {
    if (entry.value.kind !== "map") out.set(name, entry);
    else out.set(name, { ...entry, value: { ...entry.value, entries: new Map([...entry.value.entries].filter(([k]) => keys.includes(k))) } });
  }
  return { ...services, entries: out };
}

function serviceEntries(tree: RawMap): [string, RawEntry][] {
  const services = tree.entries.get("services")!.value;
  return services.kind === "map" ? [...services.entries] : [];
}

/** A service writes its tier, its dependencies and its own fields; the world is the portfolio's. */
function checkServiceKeys(schemas: ScenarioSchemas, services: readonly [string, RawEntry][]): void {
  const allowed = [...SERVICE_PORTFOLIO_KEYS, ...serviceScenarioKeys(schemas)];
  for (const [name, entry] of services) {
    if (entry.value.kind !== "map") continue; // reported by readParts
    for (const [key, field] of entry.value.entries) {
      if (allowed.includes(key)) continue;
      const path = ["services", name, key];
      if (key in schemas.fields) {
        failAt(field.keyOrigin, path, `${key} is the world's, the same for every service: write it at the top of the portfolio`);
      }
      failAt(field.keyOrigin, path, `unknown field${suggestion(key, allowed)}`);
    }
    for (const key of SERVICE_ONLY_KEYS) {
      if (!entry.value.entries.has(key)) failAt(entry.keyOrigin, ["services", name, key], `required field missing (every service has its own ${key})`);
    }
  }
}

/** Tiers, dependencies and flows name what exists; dependencies have no cycle. */
function checkReferences(tree: RawMap, parts: PortfolioParts): void {
  const names = Object.keys(parts.services);
  const at = (path: (string | number)[]): ReturnType<typeof originAt>["origin"] => originAt(tree, path).origin;
  for (const [name, s] of Object.entries(parts.services)) {
    if (!(s.tier in parts.tiers)) {
      failAt(at(["services", name, "tier"]), ["services", name, "tier"], `no tier "${s.tier}"${suggestion(s.tier, Object.keys(parts.tiers))}`);
    }
    for (const dependency of Object.keys(s.dependsOn ?? {})) {
      const path = ["services", name, "dependsOn", dependency];
      if (dependency === name) failAt(at(path), path, "a service cannot depend on itself");
      if (!names.includes(dependency)) failAt(at(path), path, `no service "${dependency}"${suggestion(dependency, names)}`);
    }
  }
  const cycle = findCycle(Object.entries(parts.services).map(([name, s]) => ({ name, dependsOn: Object.keys(s.dependsOn ?? {}).map((service) => ({ service })) })));
  if (cycle !== undefined) {
    const path = ["services", cycle[0]!, "dependsOn", cycle[1]!];
    failAt(at(path), path, `dependency cycle: ${cycle.join(" → ")}`);
  }
  for (const [name, f] of Object.entries(parts.flows ?? {})) {
    f.services.forEach((service, i) => {
      const path = ["flows", name, "services", i];
      if (!names.includes(service)) failAt(at(path), path, `no service "${service}"${suggestion(service, names)}`);
    });
  }
}

/**
 * Service `name`'s scenario: `tree` (the world with its own fields over it) read by the scenario
 * schema. Problems in fields the service wrote are reported at their path in the portfolio.
 */
async function serviceView(schemas: ScenarioSchemas, tree: RawMap, path: string, name: string, own: RawMap): Promise<PortfolioService["scenario"]> {
  try {
    const { name: _portfolio, description, file, ...rest } = await resolveScenarioTree(schemas, tree, path);
    return { name, description, file, service: name, ...rest };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const problems = error.problems.map((p) => {
      const first = p.fieldPath.split(".")[0]!;
      return own.entries.has(first) ? { ...p, fieldPath: `services.${name}.${p.fieldPath}` } : p;
    });
    throw new ScenarioError(problems);
  }
}

function withoutKeys(map: RawMap, keys: readonly string[]): RawMap {
  return { ...map, entries: new Map([...map.entries].filter(([key]) => !keys.includes(key))) };
}
