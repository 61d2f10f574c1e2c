// Every shipped scenario (and through `extends`, every models/ file) loads with the real loader and
// has the strategies its README promises, in order.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/replication/scenario.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const scenariosDir = join(repo, "scenarios");
const HOUR = 3600;
const YEAR = 365.25 * 86_400;

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
    ["warm-standby-sync", "warm-standby"],
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
  "one-region-baseline.yaml": [
    ["none", "none"],
    ["backup-restore", "backup-restore"],
    ["pilot-light", "pilot-light"],
    ["warm-standby", "warm-standby"],
    ["active-active", "active-active"],
  ],
  "blast-radius-three-regions.yaml": [
    ["pilot-light", "pilot-light"],
    ["warm-standby", "warm-standby"],
    ["active-active", "active-active"],
  ],
  "drill-frequency.yaml": [
    ["warm-standby-yearly", "warm-standby"],
    ["warm-standby-quarterly", "warm-standby"],
    ["warm-standby-monthly", "warm-standby"],
  ],
  "dns-provider.yaml": [
    ["backup-restore", "backup-restore"],
    ["pilot-light", "pilot-light"],
    ["warm-standby", "warm-standby"],
    ["active-active", "active-active"],
  ],
  "backup-policy.yaml": [
    ["warm-standby", "warm-standby"],
    ["warm-standby-hourly", "warm-standby"],
    ["warm-standby-pitr", "warm-standby"],
  ],
  "warm-standby-sizing.yaml": [
    ["warm-standby-20", "warm-standby"],
    ["warm-standby-50", "warm-standby"],
    ["active-active", "active-active"],
  ],
};

/** Regions per scenario file, where not the usual two. */
const REGIONS: Readonly<Record<string, number>> = { "blast-radius-three-regions.yaml": 3 };

describe("scenarios/", () => {
  it("lists exactly the scenarios this test knows", () => {
    // Portfolios (portfolio*.yaml) hold several services: test/portfolio/shipped.test.ts checks them.
    const files = readdirSync(scenariosDir)
      .filter((f) => f.endsWith(".yaml") && !f.startsWith("portfolio"))
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, strategies] of Object.entries(EXPECTED)) {
    it(`${file} loads with strategies ${strategies.map(([id]) => id).join(", ")}`, async () => {
      const scenario = await loadScenario(join(scenariosDir, file));
      expect(scenario.strategies.map((s) => [s.id, s.type])).toEqual(strategies);
      expect(scenario.regions.length).toBe(REGIONS[file] ?? 2);
    });
  }

  it("the variants differ where they say they do", async () => {
    const sizing = await loadScenario(join(scenariosDir, "warm-standby-sizing.yaml"));
    expect(sizing.strategies.map((s) => s.standbyFraction)).toEqual([0.2, 0.5, 1]);
    const daily = await loadScenario(join(scenariosDir, "data-corruption.yaml"));
    const pitr = await loadScenario(join(scenariosDir, "data-corruption-pitr.yaml"));
    expect(daily.backup.pointInTime.enabled).toBe(false);
    expect(pitr.backup.pointInTime.enabled).toBe(true);
    const gcp = await loadScenario(join(scenariosDir, "europe-west9-2023.yaml"));
    expect(gcp.regions.map((r) => r.provider)).toEqual(["gcp", "gcp"]);
    expect(gcp.regions[0]!.outage.catastrophic.probability).toBe(0.5);
    const usEast1 = await loadScenario(join(scenariosDir, "us-east-1-2021.yaml"));
    expect(usEast1.regions[0]!.outage.controlPlane).toEqual({ probability: 0.7, scope: "provider", slowdown: Infinity, durationFactor: 0.8 });
    expect(usEast1.regions[1]!.outage.controlPlane.scope).toBe("region");
    const internal = await loadScenario(join(scenariosDir, "internal-tool.yaml"));
    expect(internal.strategies.map((s) => s.drills.perYear)).toEqual([0, 1, 1]);
    expect(internal.strategies[0]!.policy.waitForPrimary).toBe(4 * HOUR);
    const blast = await loadScenario(join(scenariosDir, "blast-radius-three-regions.yaml"));
    expect(blast.commonCause.regions).toEqual({ dist: "groups", groups: { "us-east": ["us-east-1", "us-east-2"] } });
    const drills = await loadScenario(join(scenariosDir, "drill-frequency.yaml"));
    expect(drills.strategies.map((s) => s.drills.perYear)).toEqual([1, 4, 12]);
    for (const s of drills.strategies) expect(s.failover.latentFaults).toEqual({ rate: 4 / YEAR, drillCoverage: 0.9 });
    const dns = await loadScenario(join(scenariosDir, "dns-provider.yaml"));
    expect(dns.dependencies).toEqual({
      dns: { rate: 3.667 / YEAR, duration: { dist: "lognormal", median: 1.312 * HOUR, sigma: 1.305 }, blocks: ["switchTraffic", "failback"], serviceDown: false },
    });
    const policies = await loadScenario(join(scenariosDir, "backup-policy.yaml"));
    expect(policies.strategies.map((s) => [s.backup?.interval, s.backup?.pointInTime.enabled])).toEqual([
      [undefined, undefined],
      [HOUR, false],
      [24 * HOUR, true],
    ]);
    const partitions = await loadScenario(join(scenariosDir, "active-active-partitions.yaml"));
    expect(partitions.strategies.map((s) => s.replication.mode)).toEqual(["async", "async", "sync", "sync"]);
    expect(partitions.strategies[3]!.policy.syncUnreachable).toBe("reject");
    expect(partitions.partition.rate * YEAR).toBeCloseTo(12, 9);
  });

  it("default.yaml carries the calibrated models/ figures", async () => {
    const s = await loadScenario(join(scenariosDir, "default.yaml"));
    const primary = s.regions[0]!;
    expect(primary.name).toBe("us-east-1");
    expect(primary.provider).toBe("aws");
    expect(primary.outage.rate * YEAR).toBeCloseTo(0.1, 9);
    expect(primary.outage.duration).toEqual({ dist: "lognormal", median: 7.107 * HOUR, sigma: 0.505 });
    expect(s.degradation.duration).toEqual({ dist: "lognormal", median: 2.275 * HOUR, sigma: 1.279 });
    expect(s.commonCause.beta).toBe(0.1);
    expect(s.costs.egressUSDPerGB).toBe(0.02);
    expect(s.backup.interval).toBe(24 * HOUR);
    expect(s.backup.restoreThroughput).toEqual({ dist: "lognormal", median: 47e6, sigma: 0.7 });
    const byId = new Map(s.strategies.map((x) => [x.id, x]));
    expect(byId.get("backup-restore")!.steps.provision).toEqual({ dist: "truncated-normal", mean: 43.8 * 60, sd: 2.3 * 60 });
    expect(byId.get("backup-restore")!.steps.restoreFromBackup).toBe(true);
    expect(byId.get("pilot-light")!.steps.provision).toBeNull();
    expect(byId.get("active-active")!.steps.switchTraffic).toBeNull();
    expect(s.strategies.map((x) => x.standbyFraction)).toEqual([0, 0.1, 0.3, 1]);
    expect(s.strategies.map((x) => x.standbyControlPlanes)).toEqual([0, 1, 1, 1]);
  });
});
