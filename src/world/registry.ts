// The failure processes of the world, in the order they draw and their scenario parts are placed.
// Adding one is a file in processes/ and a line here; replication/scenario.ts checks at compile
// time that their parts give exactly the fields Scenario declares.
import type { FailureProcess } from "./process.js";
import { BACKUPS } from "./processes/backups.js";
import { COMMON_CAUSE } from "./processes/commonCause.js";
import { CORRUPTION } from "./processes/corruption.js";
import { DEGRADATION } from "./processes/degradation.js";
import { DEPENDENCIES } from "./processes/dependencies.js";
import { PARTITION } from "./processes/partition.js";
import { REGION_OUTAGE } from "./processes/regionOutage.js";
import { REPLICATION_LAG } from "./processes/replicationLag.js";

export const FAILURE_PROCESSES = [
  REGION_OUTAGE,
  COMMON_CAUSE,
  DEGRADATION,
  PARTITION,
  CORRUPTION,
  REPLICATION_LAG,
  BACKUPS,
  DEPENDENCIES,
] as const satisfies readonly FailureProcess[];
