// Names of the generated Kubernetes objects and Slurm jobs.
import { basename, extname } from "node:path";
import { UserError } from "../../errors.js";

/** Longest base name: "<name>-scenario" (the longest suffix we add) must stay a 63-character DNS label. */
export const MAX_NAME_LENGTH = 50;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label derived from a scenario path: "scenarios/Warm Standby.yaml" → "drsim-warm-standby". */
export function nameFromScenario(scenarioPath: string): string {
  const stem = basename(scenarioPath, extname(scenarioPath))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const name = `drsim-${stem}`.slice(0, MAX_NAME_LENGTH).replace(/-+$/, "");
  return name === "drsim-" ? "drsim" : name;
}

/** `name` itself, or a UserError when Kubernetes would refuse it (or a suffixed object name built from it). */
export function checkName(name: string, option = "--name"): string {
  if (!DNS_LABEL.test(name) || name.length > MAX_NAME_LENGTH) {
    throw new UserError(
      `${option} ${JSON.stringify(name)}: must be lower-case letters, digits and '-', start and end ` +
        `with a letter or digit, at most ${MAX_NAME_LENGTH} characters`,
    );
  }
  return name;
}
