// The files a scenario needs at run time, for `drsim k8s` to ship in a ConfigMap: exactly the files
// that loading it reads — itself, what it `extends` (recursively) and the CSVs that the merged,
// validated scenario uses — recorded by files.ts while the scenario is loaded. A file the scenario
// names but does not use (a CSV under a distribution that an override replaced) is not read, so it
// is not shipped; nothing is collected by a second, looser reading of the YAML. Paths are relative
// to the file that names them, so the set is shipped keeping its relative layout under a common root.
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { withReadLog } from "../../files.js";
import { loadScenario } from "../../replication/scenario.js";
import type { Scenario } from "../../scenario/types.js";

export interface BundledFile {
  /** Path relative to the bundle's root, with "/" separators and no "..". */
  readonly path: string;
  readonly content: string;
}

export interface ScenarioBundle {
  /** Path of the scenario itself, relative to the root. */
  readonly entry: string;
  /** The scenario first, then the files it needs, each once. */
  readonly files: readonly BundledFile[];
}

function inside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The deepest directory holding every file. */
function commonRoot(files: readonly string[]): string {
  let root = dirname(files[0]!);
  for (const file of files) {
    while (!inside(root, file)) root = dirname(root);
  }
  return root;
}

/** Loads `scenarioPath` (a ScenarioError if it is not valid) and returns it with the files it read. */
export async function bundleScenario(scenarioPath: string): Promise<{ scenario: Scenario; bundle: ScenarioBundle }> {
  const entry = resolve(scenarioPath);
  const { value: scenario, reads } = await withReadLog(() => loadScenario(entry));
  const contents = new Map<string, string>();
  for (const read of reads) {
    const file = resolve(read.path);
    if (!contents.has(file)) contents.set(file, read.text);
  }
  // The loader reads the scenario first; keep it first whatever the log says.
  const absolute = [entry, ...[...contents.keys()].filter((file) => file !== entry)];
  const root = commonRoot(absolute);
  const rel = (file: string): string => relative(root, file).split(sep).join("/");
  return {
    scenario,
    bundle: { entry: rel(entry), files: absolute.map((file) => ({ path: rel(file), content: contents.get(file)! })) },
  };
}
