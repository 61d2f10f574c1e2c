// Which random streams a service owns. In a portfolio (portfolio.ts) every service faces one world —
// the same region outages, common-cause events, degradations, partitions and dependency outages,
// drawn from the world's streams — but what is the service's own must not be shared: its
// strategies' response times, the latent faults of its recovery path, its data's corruption and
// backups. Those streams carry the service's name; in a single-service scenario they keep the names
// they always had, so no output byte of one moves.
import type { ScenarioCore } from "./types.js";

/** `name` in a single-service scenario, `<service>/<name>` in the view of a portfolio's service. */
export function serviceStream(scenario: Pick<ScenarioCore, "service">, name: string): string {
  return scenario.service === undefined ? name : `${scenario.service}/${name}`;
}
