// summary.json as the charts read it (the contract of issue 4; extra fields are ignored).
import { UserError } from "../../../errors.js";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { STAT_DEFS, type CauseStat, type ContractIncidentStat, type ContractStat, type ExtraStat } from "../../../outcomes/metrics.js";

/** A statistic may be null in JSON where it is undefined (no incidents → no RTO): read as NaN. */
const num = z
  .number()
  .nullable()
  .transform((x) => (x === null ? Number.NaN : x));

const stat = z.object({
  mean: num,
  sd: num,
  ci95: z.tuple([num, num]),
  p50: num,
  p90: num,
  p95: num,
  p99: num,
  p999: num,
  max: num,
});
export type Stat = z.infer<typeof stat>;

// The contract's statistics, from the metric catalogue; region failures are optional (summaries of
// drsim before they were reported apart lack them).
const statsAt = <K extends string>(paths: readonly string[], prefix: string): { [P in K]: typeof stat } =>
  Object.fromEntries(paths.filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes(".")).map((p) => [p.slice(prefix.length), stat])) as { [P in K]: typeof stat };
const contract = STAT_DEFS.filter((d) => d.contract === true).map((d) => d.path);
/** The other top-level statistics: optional (summaries written before a metric existed lack it). */
const extra = Object.fromEntries(
  STAT_DEFS.filter((d) => d.contract !== true && !d.path.includes(".")).map((d) => [d.path, stat.optional()]),
) as { [P in ExtraStat]: z.ZodOptional<typeof stat> };

const strategySummary = z.object({
  ...statsAt<ContractStat>(contract, ""),
  ...extra,
  incidents: z.object({
    ...statsAt<ContractIncidentStat>(contract, "incidents."),
    regionFailures: z.object(statsAt<CauseStat>(STAT_DEFS.map((d) => d.path), "incidents.regionFailures.")).optional(),
  }),
  /** Written by drsim ≥ 0.1 besides the contract: used when scenario.json is missing. */
  label: z.string().optional(),
  nines: num.optional(),
  type: z.string().optional(),
});
export type StrategySummary = z.infer<typeof strategySummary>;

const runSummary = z.object({
  drsim: z.string(),
  scenario: z.string(),
  seed: z.number(),
  runs: z.number(),
  horizonHours: z.number(),
  strategies: z.record(z.string(), strategySummary),
});
export type RunSummary = z.infer<typeof runSummary>;

export function parseRunSummary(text: string, where: string): RunSummary {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${where}: not JSON (${(e as Error).message})`);
  }
  const parsed = runSummary.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const at = first === undefined ? "" : first.path.join(".");
    throw new UserError(`${where}: not a drsim summary (${at}: ${first?.message ?? "invalid"})`);
  }
  return parsed.data;
}

export async function loadRunSummary(path: string): Promise<RunSummary> {
  return parseRunSummary(await readFile(path, "utf8"), path);
}
