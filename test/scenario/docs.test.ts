// The examples in docs/scenario-format.md must stay true: the top-level example loads (with the
// repository's models/ as its `extends`), and so does the strategy example.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/replication/scenario.js";
import { BASE, scenarioFile } from "./helpers.js";

const DOC = readFileSync(fileURLToPath(new URL("../../docs/scenario-format.md", import.meta.url)), "utf8");
const MODELS = fileURLToPath(new URL("../../models/", import.meta.url));

/** The first ```yaml block after `heading`. */
function example(heading: string): string {
  const section = DOC.slice(DOC.indexOf(heading));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  if (match === null) throw new Error(`no yaml example under ${heading}`);
  return match[1]!;
}

describe("docs/scenario-format.md", () => {
  it("has a top-level example that loads", async () => {
    const text = example("## Top level")
      .replace(/^extends: .*$/m, `extends: [${MODELS}outages.yaml, ${MODELS}timings.yaml, ${MODELS}prices-aws.yaml]`)
      .replace(/^ {2}trace: .*$/m, ""); // traffic.csv is not in the repository
    const scenario = await loadScenario(scenarioFile(text));
    expect(scenario.name).toBe("default");
    expect(scenario.strategies.map((s) => s.id)).toEqual([
      "backup-restore",
      "pilot-light",
      "warm-standby-20",
      "warm-standby-50",
      "active-active",
    ]);
    expect(scenario.strategies[3]!.label).toBe("Warm standby 50 %");
  });

  it("has a strategy example that loads", async () => {
    const strategy = example("## A strategy")
      .split("\n")
      .map((line) => `    ${line}`)
      .join("\n");
    const scenario = await loadScenario(scenarioFile(`extends: ${BASE}`, "strategies:", "  example:", strategy));
    expect(scenario.strategies.at(-1)).toMatchObject({ id: "example", type: "warm-standby", label: "Warm standby 20 %" });
  });
});
