// Loading a scenario: read the YAML, merge what it extends, apply `--set` overrides, merge
// regionDefaults/strategyDefaults, validate and convert units with the scenario schema it is given
// (schema.ts; replication/scenario.ts binds the one composed from the registries). Every error is a
// ScenarioError located in the file (or override) that wrote the offending value.
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { composeFile } from "./compose.js";
import { csvResources } from "./dataFiles.js";
import { expandDefaults, resolveFilePaths } from "./expand.js";
import { genericMessage, scenarioErrorFromIssues } from "./issues.js";
import { checkEventLoad } from "./limits.js";
import { applyOverride, type ScenarioOverride } from "./overrides.js";
import { originAt, stripDeletions, toPlain, type RawMap } from "./rawTree.js";
import { failAt } from "./scenarioError.js";
import { withResources } from "./resources.js";
import { mergeStrategyOverrides } from "./strategyOverrides.js";
import type { ScenarioSchemas } from "./schema.js";
import type { Scenario } from "./types.js";
import { inWrittenOrder } from "./writtenOrder.js";

export type { ScenarioOverride } from "./overrides.js";
export { ScenarioError } from "./scenarioError.js";

export interface LoadOptions {
  /** `--set path=value` overrides, applied in order on top of the merged files. */
  readonly overrides?: readonly ScenarioOverride[];
  /**
   * A caller's own limit on the loaded scenario (what fits this machine): a problem it returns is
   * located where the field it names was written, like the schema's.
   */
  readonly check?: (scenario: Scenario) => { readonly path: readonly string[]; readonly message: string } | undefined;
}

/** The scenario in `file`, read by `schemas`. */
export async function loadScenarioWith(schemas: ScenarioSchemas, file: string, options: LoadOptions = {}): Promise<Scenario> {
  const path = resolve(file);
  let tree = await composeFile(path);
  const services = tree.entries.get("services");
  if (services !== undefined) failAt(services.keyOrigin, "services", "this file is a portfolio of services: plan it with `drsim plan`");
  for (const override of options.overrides ?? []) tree = applyOverride(tree, override, schemas.scenario);
  return resolveScenarioTree(schemas, tree, path, options);
}

/**
 * The scenario a merged raw tree describes (its files composed, overrides applied): defaults
 * expanded, validated and converted by `schemas`, named after `path` unless it names itself.
 * A portfolio's service views (portfolioLoad.ts) are resolved here too.
 */
export async function resolveScenarioTree(schemas: ScenarioSchemas, tree: RawMap, path: string, options: Pick<LoadOptions, "check"> = {}): Promise<Scenario> {
  const schema = schemas.scenario;
  const raw = stripDeletions(resolveFilePaths(mergeStrategyOverrides(expandDefaults(tree), schemas.strategyOverrides)));
  const plain = toPlain(raw);
  const result = await withResources(csvResources(), () => schema.safeParseAsync(plain, { error: genericMessage }));
  if (!result.success) throw scenarioErrorFromIssues(result.error.issues, raw, schema);
  // The schema's output already has the contract's keys in types.ts order; only the name default
  // and the file name are added here. The file is recorded by its base name, not where it sat: a
  // run's identity (scenario.json, its hash) comes from the scenario's content, so shards of one
  // study run from two checkouts or two pods merge.
  const { name, description, ...rest } = inWrittenOrder(result.data, plain);
  const scenario: Scenario = { name: name ?? basename(path, extname(path)), description, file: basename(path), ...rest };
  checkEventLoad(scenario, raw);
  const problem = options.check?.(scenario);
  if (problem !== undefined) failAt(originAt(raw, problem.path).origin, problem.path, problem.message);
  return scenario;
}

/** `<package root>/scenarios/default.yaml`, from src/ (vitest, tsx) and from dist/ alike. */
export function defaultScenarioPath(): string {
  return join(packageRoot(), "scenarios", "default.yaml");
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "drsim") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`drsim's package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
