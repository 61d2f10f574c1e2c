// The few fields of the resolved scenario.json that the charts need: names and strategy labels.
import { readFile } from "node:fs/promises";
import { z } from "zod";

const scenarioInfo = z.object({
  name: z.string(),
  description: z.string().optional().default(""),
  strategies: z.array(z.object({ id: z.string(), label: z.string(), type: z.string() })),
});
export type ScenarioInfo = z.infer<typeof scenarioInfo>;

export async function loadScenarioInfo(path: string): Promise<ScenarioInfo> {
  const text = await readFile(path, "utf8");
  const parsed = scenarioInfo.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path}: not a resolved drsim scenario (${parsed.error.issues[0]?.message ?? ""})`);
  return parsed.data;
}
