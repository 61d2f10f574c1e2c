// What every use case that simulates takes besides its own options: the scenario file and the run
// settings on top of it, the worker threads, and a listener for progress. Plain values, so the CLI
// and a researcher's script call the use cases the same way.
import type { RunSettings } from "./scenario.js";

/**
 * Replications done of the total, over every run the use case makes; `label` names the work for a
 * display ("default sweep (4 points)"). The first call, (0, total), comes before any replication.
 * After the simulation, a study reports its output phases too (the summary's passes, the charts),
 * each under its own label and in its own `unit` ("rows", "runs"; replications when none is given).
 */
export type ProgressListener = (done: number, total: number, label: string, unit?: string) => void;

/** `targets` (from RunSettings) are judged over the scenario's own: recommend, and run on a scenario with targets. */
export interface StudyOptions extends Omit<RunSettings, "overrides"> {
  /** Scenario file (YAML); undefined = the built-in default scenario. */
  readonly scenario?: string;
  /** Worker threads; 1 runs one replication at a time (in-process when the run is small). Default: every core. */
  readonly workers?: number;
  readonly onProgress?: ProgressListener;
  readonly signal?: AbortSignal;
}
