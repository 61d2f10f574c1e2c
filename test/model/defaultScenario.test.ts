// The built-in comparison orders the four strategies as the industry's table says (AWS
// Well-Architected REL13-BP02): RTO and RPO fall, standing cost rises, from backup & restore to
// active–active. RTO/RPO are compared over region-outage incidents (ordinary and catastrophic) —
// the failures a DR strategy answers; corruption restores are the same for every strategy by design
// (docs/model.md). A strict order must hold by more than 4 standard errors of the difference; a
// "≥" must not be violated by more than 4 of them.
import { describe, expect, it } from "vitest";
import { meanCI } from "../../src/stats/stats.js";
import { compileModel, simulateReplication } from "../../src/replication/replication.js";
import { loadScenario } from "../../src/replication/scenario.js";
import { defaultScenarioPath } from "../../src/scenario/load.js";

const ORDER = ["backup-restore", "pilot-light", "warm-standby", "active-active"] as const;

describe("the default scenario", async () => {
  const scenario = await loadScenario(defaultScenarioPath());
  const model = compileModel(scenario);
  const runs = Array.from({ length: 6000 }, (_, i) => simulateReplication(model, 11, i));
  const index = (id: string): number => scenario.strategies.findIndex((s) => s.id === id);

  const perIncident = (id: string, field: "rto" | "rpo") => {
    const values = runs.flatMap((r) =>
      r.strategies[index(id)]!.incidents
        .filter((inc) => inc.cause === "region-outage" || inc.cause === "catastrophic")
        .map((inc) => inc[field]),
    );
    return { ...meanCI(values), n: values.length };
  };
  const se = (c: { sd: number; n: number }): number => c.sd / Math.sqrt(c.n);
  const gap = (a: ReturnType<typeof perIncident>, b: ReturnType<typeof perIncident>) => ({
    diff: a.mean - b.mean,
    se: Math.hypot(se(a), se(b)),
  });

  it("has the four strategies in the industry's order", () => {
    expect(scenario.strategies.map((s) => s.id)).toEqual([...ORDER]);
  });

  it("mean RTO: backup & restore > pilot light > warm standby > active–active", () => {
    for (let k = 0; k + 1 < ORDER.length; k++) {
      const { diff, se: s } = gap(perIncident(ORDER[k]!, "rto"), perIncident(ORDER[k + 1]!, "rto"));
      expect(diff).toBeGreaterThan(4 * s);
    }
  });

  it("mean RPO: backup & restore > pilot light ≥ warm standby ≥ active–active", () => {
    const rpo = ORDER.map((id) => perIncident(id, "rpo"));
    const first = gap(rpo[0]!, rpo[1]!);
    expect(first.diff).toBeGreaterThan(4 * first.se);
    for (let k = 1; k + 1 < ORDER.length; k++) {
      const { diff, se: s } = gap(rpo[k]!, rpo[k + 1]!);
      expect(diff).toBeGreaterThanOrEqual(-4 * s);
    }
  });

  it("standing cost: backup & restore < pilot light < warm standby < active–active", () => {
    const cost = ORDER.map((id) => runs[0]!.strategies[index(id)]!.metrics.standingCostUSD);
    for (let k = 0; k + 1 < cost.length; k++) expect(cost[k]!).toBeLessThan(cost[k + 1]!);
  });
});
