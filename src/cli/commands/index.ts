// The command registry. Each command lives in its own module under src/cli/commands/ and is loaded
// only when it is the one being run, so `drsim --help` imports none of them (and none of the model).
//
// To add a command: write src/cli/commands/<name>.ts exporting `define(cmd: Command): void` (set its
// arguments, options, help example and action on `cmd`), then add one line below.
import type { Command } from "commander";

export interface CommandModule {
  /** Configures `cmd` (already named and described) with its arguments, options and action. */
  define(cmd: Command): void;
}

export interface CommandEntry {
  readonly name: string;
  /** One line for `drsim --help`. */
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "run", summary: "run scenarios (Monte Carlo) and write their results", load: () => import("./run.js") },
  { name: "validate", summary: "check scenario files without running them", load: () => import("./validate.js") },
  { name: "schema", summary: "print the JSON Schema of scenario files", load: () => import("./schema.js") },
  { name: "merge", summary: "merge shard directories into one run's results", load: () => import("./merge.js") },
  { name: "trace", summary: "print the event log of one strategy in one replication", load: () => import("./trace.js") },
  { name: "chart", summary: "regenerate a saved run's charts and report.html (no re-simulation)", load: () => import("./chart.js") },
  { name: "export", summary: "write a saved run's rows as CSV (or Parquet), without re-simulating", load: () => import("./export.js") },
  { name: "k8s", summary: "print a Kubernetes manifest for a sharded study (Indexed Job + merge Job)", load: () => import("./k8s.js") },
  { name: "slurm", summary: "print a Slurm driver script for a sharded study (job array + merge job)", load: () => import("./slurm.js") },
  { name: "sweep", summary: "run a grid of scenario variants (--set PATH=v1,v2,…) with common random numbers", load: () => import("./sweep.js") },
  { name: "recommend", summary: "recommend the cheapest strategy that meets RTO/RPO targets, with the evidence", load: () => import("./recommend.js") },
  { name: "sensitivity", summary: "rank uncertain inputs by their effect on a metric (tornado), per strategy", load: () => import("./sensitivity.js") },
  { name: "plan", summary: "choose one DR strategy per service of a portfolio: the cheapest plan meeting every tier", load: () => import("./plan.js") },
];
