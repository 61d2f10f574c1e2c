// Every shipped scenario (and through `extends`, every models/ file) loads with the real loader and
// has the strategies its README promises, in order.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const scenariosDir = join(repo, "scenarios");

/** Strategy ids (in order) and their types, per scenario file. */
const EXPECTED: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  "default.yaml": [
    ["backup-restore", "backup-restore"],
    ["pilot-light", "pilot-light"],
    ["warm-standby", "warm-standby"],
    ["active-active", "active-active"],
  ],
  "internal-tool.yaml": [
    ["backup-restore-untested", "backup-restore"],
    ["backup-restore-drilled", "backup-restore"],
    ["pilot-light", "pilot-light"],
  ],
  "us-east-1-2021.yaml": [
    ["backup-restore", "backup-restore"],
    ["pilot-light", "pilot-light"],
    ["warm-standby", "warm-standby"],
    ["active-active", "active-active"],
  ],
  "europe-west9-2023.yaml": [
    ["backup-restore", "backup-restore"],
    ["pilot-light", "pilot-light"],
    ["warm-standby", "warm-standby"],
    ["active-active", "active-active"],
  ],
  "active-active-partitions.yaml": [
    ["warm-standby", "warm-standby"],
    ["active-active-async", "active-active"],
    ["active-active-sync", "active-active"],
  ],
  "data-corruption.yaml": [
    ["backup-restore", "backup-restore"],
    ["pilot-light", "pilot-light"],
    ["warm-standby", "warm-standby"],
    ["active-active", "active-active"],
  ],
  "data-corruption-pitr.yaml": [
    ["backup-restore", "backup-restore"],
    ["pilot-light", "pilot-light"],
    ["warm-standby", "warm-standby"],
    ["active-active", "active-active"],
  ],
  "warm-standby-sizing.yaml": [
    ["warm-standby-20", "warm-standby"],
    ["warm-standby-50", "warm-standby"],
    ["active-active", "active-active"],
  ],
};

/** The part of the loaded Scenario this test reads (src/model/scenario/types.ts). */
interface LoadedScenario {
  readonly regions: readonly { readonly name: string; readonly provider: string }[];
  readonly strategies: readonly { readonly id: string; readonly type: string; readonly standbyFraction: number }[];
  readonly backup: { readonly pointInTime: { readonly enabled: boolean } };
}
type LoadScenario = (file: string) => LoadedScenario | Promise<LoadedScenario>;

// Imported by a computed path so this file type-checks before the loader lands.
const loaderPath = join(repo, "src", "model", "scenario", "load.ts");
const hasLoader = existsSync(loaderPath);

async function loader(): Promise<LoadScenario> {
  const mod = (await import(loaderPath)) as { readonly loadScenario: LoadScenario };
  return mod.loadScenario;
}

describe("scenarios/", () => {
  it("lists exactly the scenarios this test knows", () => {
    const files = readdirSync(scenariosDir)
      .filter((f) => f.endsWith(".yaml"))
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, strategies] of Object.entries(EXPECTED)) {
    const title = hasLoader ? `${file} loads with strategies ${strategies.map(([id]) => id).join(", ")}` : `${file}: skipped, ${loaderPath} not written yet`;
    it.skipIf(!hasLoader)(title, async () => {
      const loadScenario = await loader();
      const scenario = await loadScenario(join(scenariosDir, file));
      expect(scenario.strategies.map((s) => [s.id, s.type])).toEqual(strategies);
      expect(scenario.regions.length).toBe(2);
    });
  }

  it.skipIf(!hasLoader)("the variants differ where they say they do", async () => {
    const loadScenario = await loader();
    const sizing = await loadScenario(join(scenariosDir, "warm-standby-sizing.yaml"));
    expect(sizing.strategies.map((s) => s.standbyFraction)).toEqual([0.2, 0.5, 1]);
    const daily = await loadScenario(join(scenariosDir, "data-corruption.yaml"));
    const pitr = await loadScenario(join(scenariosDir, "data-corruption-pitr.yaml"));
    expect(daily.backup.pointInTime.enabled).toBe(false);
    expect(pitr.backup.pointInTime.enabled).toBe(true);
    const gcp = await loadScenario(join(scenariosDir, "europe-west9-2023.yaml"));
    expect(gcp.regions.map((r) => r.provider)).toEqual(["gcp", "gcp"]);
  });
});
