// The sweep grid: every `--set PATH=v1,v2,…` is one parameter; the grid is their Cartesian product,
// the first parameter varying slowest (as nested loops in the order written). A parameter with one
// value is a plain override applied to every point.
import { UserError } from "../errors.js";
import type { ScenarioOverride } from "../scenario/load.js";
import { splitValues } from "./listValues.js";

export interface SweepParameter {
  /** Scenario field path, e.g. "regionDefaults.outage.rate". */
  readonly path: string;
  /** Values as typed, in the scenario's own units. */
  readonly values: readonly string[];
}

export interface GridPoint {
  /** 0-based, in grid order: points/<index>/ on disk. */
  readonly index: number;
  /** One value per parameter, in parameter order. */
  readonly values: readonly string[];
  readonly overrides: readonly ScenarioOverride[];
}

/** `--set` occurrences (path, "v1,v2,…") → parameters; a path given twice is an error. */
export function sweepParameters(sets: readonly { path: string; value: string }[]): SweepParameter[] {
  const seen = new Set<string>();
  return sets.map(({ path, value }) => {
    if (seen.has(path)) throw new UserError(`--set ${path} is given twice: list all its values in one --set ${path}=v1,v2,…`);
    seen.add(path);
    const values = splitValues(value);
    const duplicate = values.find((v, i) => values.indexOf(v) !== i);
    if (duplicate !== undefined) throw new UserError(`--set ${path}: the value ${duplicate} is listed twice`);
    return { path, values };
  });
}

/** Every combination of the parameters' values; one point (no overrides) when there are none. */
export function gridPoints(parameters: readonly SweepParameter[]): GridPoint[] {
  let combos: string[][] = [[]];
  for (const p of parameters) combos = combos.flatMap((c) => p.values.map((v) => [...c, v]));
  return combos.map((values, index) => ({
    index,
    values,
    overrides: values.map((value, i) => ({ path: parameters[i]!.path, value })),
  }));
}
