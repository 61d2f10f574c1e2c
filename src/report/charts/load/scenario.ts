// The few fields of the resolved scenario.json that the charts and the report need: names, strategy
// labels, the targets judged and the inputs as written.
import { UserError } from "../../../errors.js";
import { readFile } from "node:fs/promises";
import { z } from "zod";

const scenarioInfo = z.object({
  name: z.string(),
  description: z.string().optional().default(""),
  strategies: z.array(z.object({ id: z.string(), label: z.string(), type: z.string() })),
  /** The targets the run was judged against (scenario.json of drsim ≥ issue 13; absent: no decision). */
  targets: z
    .object({
      rto: z.number().optional(),
      rpo: z.number().optional(),
      availability: z.number().optional(),
      confidence: z.number(),
      budget: z.number().optional(),
      includeCorruption: z.boolean(),
    })
    .optional(),
  /** Every value as written, with where and the comment citing it (the report's inputs table). */
  inputs: z.array(z.object({ path: z.string(), value: z.string(), from: z.string(), source: z.string() })).optional().default([]),
});
export type ScenarioInfo = z.infer<typeof scenarioInfo>;

export async function loadScenarioInfo(path: string): Promise<ScenarioInfo> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new UserError(`${path}: not JSON (${(e as Error).message})`);
  }
  const parsed = scenarioInfo.safeParse(json);
  if (!parsed.success) throw new UserError(`${path}: not a resolved drsim scenario (${parsed.error.issues[0]?.message ?? ""})`);
  return parsed.data;
}
