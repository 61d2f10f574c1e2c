// drsim recommend on a world where the answer is known (test/fixtures/decision/provable.yaml: fixed
// 6 h outages, fixed pipelines — warm standby recovers in 22 min, pilot light in 32 min, backup &
// restore in ~140 min, active-active in 10 s; async RPO 1 s, backups up to ~24.7 h; costs ordered
// backup & restore < pilot light < warm standby < active-active by construction).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { recommend, type Recommendation, type Targets } from "../../src/analysis/recommend.js";
import { recommendationJson, recommendationMarkdown, recommendationText } from "../../src/report/recommend.js";
import { adviceLine, missSentences, noteLines } from "../../src/report/recommendReasons.js";
import type { RunResult } from "../../src/montecarlo/index.js";
import { drsim, tempDir } from "../cli/helpers.js";
import { PROVABLE, run } from "./fixture.js";

const MIN = 60;
const HOUR = 3600;
const targets = (t: Partial<Targets>): Targets => ({ rtoSeconds: MIN, rpoSeconds: MIN, confidence: 0.95, includeCorruption: false, ...t });
const byId = (rec: Recommendation, id: string) => rec.strategies.find((s) => s.id === id)!;
/** The reasons as the outputs word them. */
const misses = (rec: Recommendation, id: string): string[] => missSentences(byId(rec, id), rec.targets.confidence);
const advice = (rec: Recommendation): string => rec.noneQualifies!.advice.map((a) => adviceLine(a, rec)).join("\n");

let base: RunResult;
beforeAll(async () => {
  base = await run();
});

describe("recommend (provable scenario)", () => {
  it("targets only active-active can meet (RTO 1 min): active-active, and every other strategy misses RTO with P = 0", () => {
    const rec = recommend(base, targets({}));
    expect(rec.choice?.id).toBe("active-active");
    expect(rec.noneQualifies).toBeUndefined();
    for (const id of ["backup-restore", "pilot-light", "warm-standby"]) {
      const s = byId(rec, id);
      expect(s.qualifies).toBe(false);
      // Every failover takes ≥ 22 min: not one incident meets 1 min.
      expect(s.rto.proportion.k).toBe(0);
      expect(s.rto.status).toBe("misses");
      expect(s.unmet[0]).toBe("rto");
      expect(misses(rec, id).join(" ")).toMatch(/P\(RTO ≤ 60 s\) = 0\.000/);
    }
    // Its p95 RTO is quoted: warm standby's fixed pipeline is 22 min.
    expect(byId(rec, "warm-standby").rto.atConfidence).toBeCloseTo(22 * MIN, 6);
    expect(misses(rec, "warm-standby")[0]).toMatch(/its p95 RTO is 22 min/);
    const aa = byId(rec, "active-active");
    // Only overlapping outages of both regions (~0.3 % of incidents) exceed 10 s.
    expect(aa.rto.proportion.p).toBeGreaterThan(0.98);
    expect(aa.rto.proportion.ci95[0]).toBeGreaterThanOrEqual(0.95);
    expect(rec.metBy.rto).toEqual(["active-active"]);
    expect(rec.metBy.rpo).toEqual(["pilot-light", "warm-standby", "active-active"]);
  });

  it("targets every strategy meets: the cheapest (backup & restore) wins, pilot light is the runner-up", () => {
    const rec = recommend(base, targets({ rtoSeconds: 2 * 24 * HOUR, rpoSeconds: 2 * 24 * HOUR }));
    expect(rec.strategies.every((s) => s.qualifies)).toBe(true);
    expect(rec.choice?.id).toBe("backup-restore");
    expect(rec.choice?.runnerUp?.id).toBe("pilot-light");
    // Pilot light's standing 10 % standby is $40k/year; paired, the CI excludes 0.
    const d = rec.choice!.runnerUp!.costDifference;
    expect(d.ci95[0]).toBeGreaterThan(0);
    expect(d.mean).toBeGreaterThan(30_000);
  });

  it("RTO 30 min: warm standby (22 min) is the cheapest qualifier; a budget below its cost excludes it and nothing qualifies", () => {
    const rec = recommend(base, targets({ rtoSeconds: 30 * MIN }));
    expect(rec.choice?.id).toBe("warm-standby");
    expect(rec.choice?.runnerUp?.id).toBe("active-active");
    expect(byId(rec, "pilot-light").rto.proportion.k).toBe(0); // 32 min > 30 min

    const ws = byId(rec, "warm-standby").cost.mean;
    const tight = recommend(base, targets({ rtoSeconds: 30 * MIN, budgetUSD: ws - 10_000 }));
    expect(tight.choice).toBeUndefined();
    expect(tight.noneQualifies?.best).toBe("warm-standby");
    expect(tight.noneQualifies?.hardest).toBe("budget");
    expect(tight.noneQualifies?.advice).toContainEqual({ kind: "budget", strategy: "warm-standby", budget: ws });
    expect(advice(tight)).toMatch(/warm-standby: a budget of \$[\d,]+ \(its mean cost of risk\) would admit it/);
    expect(byId(tight, "warm-standby").unmet).toEqual(["budget"]);
    expect(misses(tight, "warm-standby")).toEqual([expect.stringMatching(/^mean cost .* > budget/)]);

    const roomy = recommend(base, targets({ rtoSeconds: 30 * MIN, budgetUSD: ws + 10_000 }));
    expect(roomy.choice?.id).toBe("warm-standby");
  });

  it("RPO 0 with asynchronous replication only: none qualifies, RPO is the hardest target, and it says what would", () => {
    const rec = recommend(base, targets({ rtoSeconds: 2 * 24 * HOUR, rpoSeconds: 0 }));
    expect(rec.choice).toBeUndefined();
    expect(rec.metBy.rpo).toEqual([]);
    expect(rec.noneQualifies?.hardest).toBe("rpo");
    expect(rec.noneQualifies?.advice).toContainEqual({ kind: "noneMeets", target: "rpo" });
    expect(advice(rec)).toMatch(/no strategy meets the RPO target/);
    // The async strategies lose exactly the fixed 1 s of lag: the best any strategy demonstrates.
    const bestOfAll = rec.noneQualifies!.advice.find((a) => a.kind === "demonstrable" && a.bestOfAll);
    expect(bestOfAll).toMatchObject({ kind: "demonstrable", target: "rpo" });
    expect(byId(rec, (bestOfAll as { strategy: string }).strategy).rpo.demonstrable).toBeCloseTo(1, 9);
    expect(advice(rec)).toMatch(/you could meet RPO ≤ 1 s at 95 %/);
    // Only an outage overlapping one of the other region (≈ 2 × 2/year × 6 h / 8766 h = 0.27 % of
    // incidents) can end without a failover and so without loss; allow 5 standard errors over that.
    const overlap = (2 * 2 * 6) / 8766;
    for (const s of rec.strategies) {
      const n = s.rpo.proportion.n;
      expect(s.rpo.proportion.p).toBeLessThan(overlap + 5 * Math.sqrt((overlap * (1 - overlap)) / n));
    }
  });

  it("too few incidents to demonstrate the confidence: the estimate meets, the verdict is 'not demonstrated'", async () => {
    const small = await run([], 5);
    const rec = recommend(small, targets({}));
    const aa = byId(rec, "active-active");
    // ~20 incidents, all within 10 s: P̂ = 1 but the Wilson lower bound of 20/20 is 0.84 < 0.95.
    expect(aa.rto.proportion.p).toBe(1);
    expect(aa.rto.proportion.ci95[0]).toBeLessThan(0.95);
    expect(aa.rto.status).toBe("undetermined");
    expect(aa.qualifies).toBe(false);
    expect(aa.unmet[0]).toBe("rto");
    expect(misses(rec, "active-active")[0]).toMatch(/not demonstrated/);
    expect(rec.choice).toBeUndefined();
  });

  it("corruption incidents count only when asked: with them, active-active misses the 1 min RTO", async () => {
    const corrupt = await run([{ path: "corruption.rate", value: "2/year" }]);
    const outagesOnly = recommend(corrupt, targets({}));
    expect(outagesOnly.choice?.id).toBe("active-active");
    expect(outagesOnly.corruption?.perReplication).toBeGreaterThan(0);
    expect(noteLines(outagesOnly).join(" ")).toMatch(/Corruption incidents \(\d/);
    const all = recommend(corrupt, targets({ includeCorruption: true }));
    // A corruption restore takes the 16.7 min restore at least: a third of active-active's incidents.
    expect(byId(all, "active-active").rto.status).toBe("misses");
    expect(all.choice).toBeUndefined();
    expect(byId(all, "active-active").incidents).toBeGreaterThan(byId(outagesOnly, "active-active").incidents);
  });

  it("availability target: P(annual availability ≥ target) per replication", () => {
    const rec = recommend(base, targets({ rtoSeconds: 2 * 24 * HOUR, rpoSeconds: 2 * 24 * HOUR, availability: 0.9999 }));
    // Backup & restore is down ~140 min per outage, 2 outages a year: no year reaches 99.99 % (52 min).
    expect(byId(rec, "backup-restore").availability!.status).toBe("misses");
    expect(byId(rec, "active-active").availability!.status).toBe("meets");
    expect(rec.choice?.id).toBe("active-active");
  });

  it("renders the evidence table, Markdown and JSON", () => {
    const rec = recommend(base, targets({ budgetUSD: 1_000_000 }));
    const text = recommendationText(rec);
    expect(text).toMatch(/^provable: 400 replications of 1 year, seed 3$/m);
    expect(text).toMatch(/Recommendation: Active–active \(active-active\)/);
    expect(text).toMatch(/RECOMMENDED/);
    const md = recommendationMarkdown(rec);
    expect(md).toMatch(/^\| strategy \| incidents\/yr \|/m);
    const json = JSON.parse(recommendationJson(rec)) as { choice: { id: string }; strategies: unknown[] };
    expect(json.choice.id).toBe("active-active");
    expect(json.strategies).toHaveLength(4);
  });

  it("drsim recommend prints JSON or Markdown, writes all three with --out, and rejects a bad target", () => {
    const json = drsim(["recommend", PROVABLE, "--rto", "1m", "--rpo", "1m", "-n", "100", "--workers", "1", "--json"]);
    expect(json.stderr).toBe("");
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as Recommendation).choice?.id).toBe("active-active");
    const md = drsim(["recommend", PROVABLE, "--rto", "1m", "--rpo", "0", "-n", "100", "--workers", "1", "--md"]);
    expect(md.stdout).toMatch(/^## Recommendation: provable/);
    expect(md.stdout).toMatch(/No strategy qualifies\. The hardest target is the RPO target/);
    const dir = tempDir("recommend");
    const out = drsim(["recommend", PROVABLE, "--rto", "30m", "--rpo", "1m", "--availability", "99.9", "--budget", "600000", "-n", "100", "--out", dir]);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/Recommendation: Warm standby \(warm-standby\)/);
    expect(readdirSync(dir).sort()).toEqual(["charts", "lossExceedance.csv", "recommendation.json", "recommendation.md", "recommendation.txt"]);
    expect(readdirSync(join(dir, "charts")).sort()).toEqual(["loss-exceedance.png", "loss-exceedance.svg", "loss-exceedance.vl.json"]);
    const bad = drsim(["recommend", PROVABLE, "--rto", "soon", "--rpo", "1m"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--rto <duration>.*invalid/);
  });
});
