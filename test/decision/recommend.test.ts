// drsim recommend on a world where the answer is known (test/fixtures/decision/provable.yaml: fixed
// 6 h outages at 2/year per region, fixed pipelines — warm standby recovers in 22 min, pilot light
// in 32 min, backup & restore in ~140 min, active-active in 10 s; async RPO 1 s, backups up to
// ~24.7 h; costs ordered backup & restore < pilot light < warm standby < active-active by
// construction). Targets are promises about every year: a year keeps the RTO target when every
// region failure of the year recovers within it.
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
const targets = (t: Partial<Targets>): Targets => ({ rto: MIN, rpo: MIN, confidence: 0.95, includeCorruption: false, ...t });
const byId = (rec: Recommendation, id: string) => rec.strategies.find((s) => s.id === id)!;
/** The reasons as the outputs word them. */
const misses = (rec: Recommendation, id: string): string[] => missSentences(byId(rec, id), rec);
const advice = (rec: Recommendation): string => rec.noneQualifies!.advice.map((a) => adviceLine(a, rec)).join("\n");
/** |x − expected| within `k` standard errors of a share of n years. */
const withinShare = (x: number, expected: number, n: number, k = 4): void => {
  expect(Math.abs(x - expected)).toBeLessThanOrEqual(k * Math.sqrt((expected * (1 - expected)) / n));
};

let base: RunResult;
beforeAll(async () => {
  base = await run();
});

describe("recommend (provable scenario), per year", () => {
  it("RTO 1 min: only active-active keeps it; a failover strategy keeps it only in years without an outage of its region (e^−2)", () => {
    const rec = recommend(base, targets({}));
    expect(rec.choice?.id).toBe("active-active");
    expect(rec.choice?.reason).toBe("only");
    expect(rec.noneQualifies).toBeUndefined();
    const n = rec.runs;
    for (const id of ["backup-restore", "pilot-light", "warm-standby"]) {
      const s = byId(rec, id);
      expect(s.qualifies).toBe(false);
      expect(s.rto!.status).toBe("misses");
      // Every failover takes ≥ 22 min: a year keeps the promise only when its home region never fails,
      // Poisson(2/year) → e^−2.
      withinShare(s.rto!.years.p, Math.exp(-2), n);
      // Every incident breaches: ~2 a year (Poisson mean 2, standard error √(2/n)).
      expect(Math.abs(s.rto!.breaches.mean - 2)).toBeLessThanOrEqual(4 * Math.sqrt(2 / n));
      expect(s.unmet[0]).toBe("rto");
      expect(misses(rec, id)[0]).toMatch(/P\(a year keeps RTO ≤ 1 min\) = 0\.1\d\d/);
    }
    // 86 % of years have an incident, all of 22 min: the year's worst at p95 is the fixed pipeline.
    expect(byId(rec, "warm-standby").rto!.atConfidence).toBeCloseTo(22 * MIN, 6);
    expect(misses(rec, "warm-standby")[0]).toMatch(/its p95 worst RTO of a year is 22 min/);
    const aa = byId(rec, "active-active");
    // Only an outage of both regions at once exceeds 10 s: a few years in a hundred.
    expect(aa.rto!.years.p).toBeGreaterThan(0.97);
    expect(aa.rto!.years.ci95[0]).toBeGreaterThanOrEqual(0.95);
    expect(rec.metBy.rto).toEqual(["active-active"]);
    expect(rec.metBy.rpo).toEqual(["pilot-light", "warm-standby", "active-active"]);
    // Every other strategy is compared with it, paired by year: all cheaper here.
    expect(rec.choice!.comparisons.map((c) => c.id)).toEqual(["backup-restore", "pilot-light", "warm-standby"]);
    for (const c of rec.choice!.comparisons) expect(c.costDifference.ci95[1]).toBeLessThan(0);
  });

  it("targets every strategy keeps: backup & restore is demonstrably the cheapest (every paired difference excludes zero)", () => {
    const rec = recommend(base, targets({ rto: 2 * 24 * HOUR, rpo: 2 * 24 * HOUR }));
    expect(rec.strategies.every((s) => s.qualifies)).toBe(true);
    expect(rec.choice?.id).toBe("backup-restore");
    expect(rec.choice?.reason).toBe("cheapest");
    expect(rec.choice?.tied).toEqual([]);
    // Pilot light's standing 10 % standby is $40k/year: paired, the CI excludes 0.
    const d = rec.choice!.comparisons.find((c) => c.id === "pilot-light")!.costDifference;
    expect(d.ci95[0]).toBeGreaterThan(0);
    expect(d.mean).toBeGreaterThan(30_000);
  });

  it("RTO 30 min: warm standby (22 min) is the cheapest that keeps it; a budget below its cost leaves none", () => {
    const rec = recommend(base, targets({ rto: 30 * MIN }));
    expect(rec.choice?.id).toBe("warm-standby");
    expect(rec.choice?.reason).toBe("cheapest");
    expect(rec.metBy.rto).toEqual(["warm-standby", "active-active"]);
    // Pilot light takes 32 min > 30 min: it keeps the promise exactly in the years without an incident.
    const pl = byId(rec, "pilot-light").rto!;
    expect(pl.years.k).toBe(pl.years.n - yearsWithIncidents(base, "pilot-light"));

    const ws = byId(rec, "warm-standby").cost.mean;
    const tight = recommend(base, targets({ rto: 30 * MIN, budget: ws - 10_000 }));
    expect(tight.choice).toBeUndefined();
    expect(tight.noneQualifies?.best).toBe("warm-standby");
    expect(tight.noneQualifies?.hardest).toBe("budget");
    expect(tight.noneQualifies?.advice).toContainEqual({ kind: "budget", strategy: "warm-standby", budget: ws });
    expect(advice(tight)).toMatch(/Warm standby: a budget of \$[\d,]+ \(its mean cost of risk\) would admit it/);
    expect(byId(tight, "warm-standby").unmet).toEqual(["budget"]);
    expect(misses(tight, "warm-standby")).toEqual([expect.stringMatching(/^mean cost .* > budget/)]);

    const roomy = recommend(base, targets({ rto: 30 * MIN, budget: ws + 10_000 }));
    expect(roomy.choice?.id).toBe("warm-standby");
  });

  it("RPO 0 with asynchronous replication only: none qualifies, RPO is the hardest target, and it says what would", () => {
    const rec = recommend(base, targets({ rto: 2 * 24 * HOUR, rpo: 0 }));
    expect(rec.choice).toBeUndefined();
    expect(rec.metBy.rpo).toEqual([]);
    expect(rec.noneQualifies?.hardest).toBe("rpo");
    expect(rec.noneQualifies?.advice).toContainEqual({ kind: "noneMeets", target: "rpo" });
    expect(advice(rec)).toMatch(/no strategy meets the RPO target/);
    // The async strategies lose exactly the fixed 1 s of lag: the best any strategy demonstrates.
    const bestOfAll = rec.noneQualifies!.advice.find((a) => a.kind === "demonstrable" && a.bestOfAll);
    expect(bestOfAll).toMatchObject({ kind: "demonstrable", target: "rpo" });
    expect(byId(rec, (bestOfAll as { strategy: string }).strategy).rpo!.demonstrable).toBeCloseTo(1, 9);
    expect(advice(rec)).toMatch(/you could promise RPO ≤ 1 s at 95 %/);
    // A year keeps RPO 0 only without an incident: e^−2 for a failover strategy, e^−4 for
    // active-active (either region's outage interrupts it).
    withinShare(byId(rec, "warm-standby").rpo!.years.p, Math.exp(-2), rec.runs);
    withinShare(byId(rec, "active-active").rpo!.years.p, Math.exp(-4), rec.runs);
  });

  it("too few years to demonstrate the confidence: the estimate meets, the verdict is 'not demonstrated'", async () => {
    const small = await run([], 5);
    const rec = recommend(small, targets({}));
    const aa = byId(rec, "active-active");
    // 5 years, each kept: P̂ = 1 but the Wilson lower bound of 5/5 is 0.57 < 0.95.
    expect(aa.rto!.years.p).toBe(1);
    expect(aa.rto!.years.ci95[0]).toBeLessThan(0.95);
    expect(aa.rto!.status).toBe("undetermined");
    expect(aa.qualifies).toBe(false);
    expect(aa.unmet[0]).toBe("rto");
    expect(misses(rec, "active-active")[0]).toMatch(/not demonstrated/);
    expect(rec.choice).toBeUndefined();
  });

  it("corruption restores count only when asked: with them, active-active misses the 1 min RTO in years with a restore", async () => {
    const corrupt = await run([{ path: "corruption.rate", value: "2/year" }]);
    const outagesOnly = recommend(corrupt, targets({}));
    expect(outagesOnly.choice?.id).toBe("active-active");
    expect(outagesOnly.corruption?.perReplication).toBeGreaterThan(0);
    expect(noteLines(outagesOnly).join(" ")).toMatch(/Corruption restores \(\d/);
    const all = recommend(corrupt, targets({ includeCorruption: true }));
    // A corruption restore takes the 16.7 min restore at least: a year with one (1 − e^−2) breaks the promise.
    const aa = byId(all, "active-active");
    expect(aa.rto!.status).toBe("misses");
    withinShare(aa.rto!.years.p, Math.exp(-2) * byId(outagesOnly, "active-active").rto!.years.p, all.runs);
    expect(all.choice).toBeUndefined();
    expect(aa.incidents).toBeGreaterThan(byId(outagesOnly, "active-active").incidents);
  });

  it("availability target: P(a year's availability ≥ target)", () => {
    const rec = recommend(base, targets({ rto: 2 * 24 * HOUR, rpo: 2 * 24 * HOUR, availability: 0.9999 }));
    // Backup & restore is down ~140 min per outage, 2 outages a year: only a year without one reaches 99.99 % (52 min).
    expect(byId(rec, "backup-restore").availability!.status).toBe("misses");
    expect(byId(rec, "active-active").availability!.status).toBe("meets");
    expect(rec.choice?.id).toBe("active-active");
  });

  it("renders the evidence table, Markdown and JSON; the terminal text fits its width", () => {
    const rec = recommend(base, targets({ budget: 1_000_000 }));
    const text = recommendationText(rec);
    expect(text).toMatch(/^provable: 400 replications of 1 year, seed 3$/m);
    expect(text).toMatch(/Recommendation: Active–active, the only strategy/);
    expect(text).toMatch(/RECOMMENDED/);
    for (const width of [100, 80, 60]) {
      const lines = recommendationText(rec, { width }).split("\n");
      expect(Math.max(...lines.map((l) => [...l].length)), `width ${width}`).toBeLessThanOrEqual(width);
    }
    const md = recommendationMarkdown(rec);
    expect(md).toMatch(/^\| strategy \| incidents\/year \|/m);
    const json = JSON.parse(recommendationJson(rec)) as { choice: { id: string }; strategies: unknown[]; decision: string };
    expect(json.choice.id).toBe("active-active");
    expect(json.decision).toMatch(/^Active–active, the only strategy/);
    expect(json.strategies).toHaveLength(4);
  });

  it("drsim recommend prints JSON or Markdown, writes all three with --out, and rejects a bad target or a duration without its unit", () => {
    const json = drsim(["recommend", PROVABLE, "--rto", "1m", "--rpo", "1m", "-n", "100", "--workers", "1", "--json"]);
    expect(json.stderr).toBe("");
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as Recommendation).choice?.id).toBe("active-active");
    const md = drsim(["recommend", PROVABLE, "--rto", "1m", "--rpo", "0", "-n", "100", "--workers", "1", "--md"]);
    expect(md.stdout).toMatch(/^## Recommendation: provable/);
    expect(md.stdout).toMatch(/No strategy keeps every promise\. The hardest target is the RPO target/);
    const dir = tempDir("recommend");
    const out = drsim(["recommend", PROVABLE, "--rto", "30m", "--rpo", "1m", "--availability", "99.9", "--budget", "900000", "--out", dir]);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/Recommendation: Warm standby/);
    expect(readdirSync(dir).sort()).toEqual(["charts", "lossExceedance.csv", "recommendation.json", "recommendation.md", "recommendation.txt"]);
    expect(readdirSync(join(dir, "charts")).sort()).toEqual(["loss-exceedance.png", "loss-exceedance.svg", "loss-exceedance.vl.json"]);
    const bad = drsim(["recommend", PROVABLE, "--rto", "soon", "--rpo", "1m"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--rto <duration>.*invalid/);
    const bare = drsim(["recommend", PROVABLE, "--rto", "15", "--rpo", "1m"]);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/15 has no unit: write 15s for seconds, 15m for minutes/);
    const none = drsim(["recommend", PROVABLE, "-n", "10"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no targets to judge/);
  });
});

/** Replications in which strategy `id` had at least one incident. */
function yearsWithIncidents(run: RunResult, id: string): number {
  const inc = run.strategies[run.scenario.strategies.findIndex((s) => s.id === id)]!.incidents;
  return new Set(inc.replication.subarray(0, inc.count)).size;
}
