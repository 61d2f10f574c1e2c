// What validation needs from outside the scenario text: CSV columns for empirical distributions
// and workload traces. Provided per load through AsyncLocalStorage so the schema itself is built
// once per process (building zod schemas is the slow part of a load) and concurrent loads with
// different resources (tests, the CLI) cannot see each other's.
import { AsyncLocalStorage } from "node:async_hooks";

export interface SchemaResources {
  /** The column's values times `scale`, in file order, as a sample to draw from; each in [0, max]. */
  loadSamples(file: string, column: string, scale: number, max?: number): Promise<number[]>;
  /** The column's values in file order (a workload trace); each ≥ 0. */
  loadColumn(file: string, column: string): Promise<number[]>;
}

const storage = new AsyncLocalStorage<SchemaResources>();

export function withResources<T>(resources: SchemaResources, run: () => Promise<T>): Promise<T> {
  return storage.run(resources, run);
}

export function currentResources(): SchemaResources {
  const resources = storage.getStore();
  if (resources === undefined) throw new Error("scenario schema parsed outside withResources()");
  return resources;
}
