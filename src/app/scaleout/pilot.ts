// A few replications of the scenario, run here before a sharded study is generated: how many
// incidents a replication records is what makes one scenario need more memory per replication than
// another (a 10-year horizon records ten times the incidents of a 1-year one), and only the model knows.
import { runMonteCarlo } from "../../montecarlo/runner.js";
import type { Scenario } from "../../scenario/types.js";

/** Replications of the pilot: ~0.1 s for the default scenario, and a count within a few percent. */
export const PILOT_RUNS = 1000;

/** Incidents per replication (all strategies together), measured on the first PILOT_RUNS replications of `seed`. */
export async function incidentsPerReplication(scenario: Scenario, seed = scenario.run.seed): Promise<number> {
  const run = { ...scenario.run, runs: PILOT_RUNS, seed };
  const pilot = await runMonteCarlo({ scenario: { ...scenario, run }, workers: 1 });
  const incidents = pilot.strategies.reduce((sum, strategy) => sum + strategy.incidents.count, 0);
  return incidents / PILOT_RUNS;
}
