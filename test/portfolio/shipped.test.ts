// The shipped portfolio (scenarios/portfolio.yaml) has the services, tiers, dependencies and flows
// docs/portfolio.md and scenarios/README.md describe, and its question in its header.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadPortfolio } from "../../src/replication/portfolioScenario.js";

const FILE = fileURLToPath(new URL("../../scenarios/portfolio.yaml", import.meta.url));

describe("scenarios/portfolio.yaml", () => {
  it("states its question and is answered by drsim plan", () => {
    const text = readFileSync(FILE, "utf8");
    expect(text.startsWith("# QUESTION:")).toBe(true);
    expect(text).toContain("drsim plan scenarios/portfolio.yaml");
  });

  it("holds six services in three tiers across two regions, with their dependencies and flows", async () => {
    const p = await loadPortfolio(FILE);
    expect(p.tiers.map((t) => t.name)).toEqual(["tier-0", "tier-1", "tier-2"]);
    expect(p.services.map((s) => [s.name, s.tier.name, s.scenario.strategies.map((x) => x.type)])).toEqual([
      ["payments-db", "tier-0", ["pilot-light", "warm-standby", "active-active"]],
      ["identity", "tier-0", ["warm-standby", "active-active"]],
      ["api", "tier-0", ["pilot-light", "warm-standby", "active-active"]],
      ["web", "tier-1", ["pilot-light", "warm-standby", "active-active"]],
      ["analytics", "tier-2", ["none", "backup-restore"]],
      ["internal-tool", "tier-2", ["none", "backup-restore", "pilot-light"]],
    ]);
    const needs = Object.fromEntries(p.services.map((s) => [s.name, s.dependsOn.map((d) => `${d.service}:${d.scope}`)]));
    expect(needs).toEqual({
      "payments-db": [],
      identity: [],
      api: ["payments-db:same-region", "identity:any-region"],
      web: ["api:same-region", "identity:any-region"],
      analytics: ["payments-db:any-region"],
      "internal-tool": ["identity:any-region"],
    });
    expect(p.flows.map((f) => [f.name, f.services])).toEqual([
      ["checkout", ["web", "api", "payments-db"]],
      ["login", ["web", "identity"]],
      ["reporting", ["analytics"]],
    ]);
    expect(p.services.every((s) => s.scenario.regions.map((r) => r.name).join() === "us-east-1,us-west-2")).toBe(true);
    expect(p.services.reduce((n, s) => n * s.scenario.strategies.length, 1)).toBe(324);
    expect(p.run).toMatchObject({ runs: 10_000, seed: 1 });
  });
});
