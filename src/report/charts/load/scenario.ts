// The few fields of the resolved scenario.json that the charts need: names and strategy labels.
import { UserError } from "../../../errors.js";
import { readFile } from "node:fs/promises";
import { z } from "zod";

const scenarioInfo = z.object({
  name: z.string(),
  description: z.string().optional().default(""),
  strategies: z.array(z.object({ id: z.string(), label: z.string(), type: z.string() })),
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
