// The use cases a researcher imports are the commands: called as functions with the options the
// flags map to, they write the same files, byte for byte, and the command prints their renderer's
// text. Small runs of the hand-checkable scenario, in-process.
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { recommendStrategy } from "../../src/app/recommend.js";
import { rankSensitivity } from "../../src/app/sensitivity.js";
import { sweepScenario } from "../../src/app/sweep.js";
import { recommendationText } from "../../src/report/recommend.js";
import { sensitivityText } from "../../src/report/sensitivity.js";
import { sweepText } from "../../src/report/sweep.js";
import { drsim, readDir, tempDir } from "../cli/helpers.js";
import { PROVABLE } from "../decision/fixture.js";

function cli(args: string[]): string {
  const r = drsim([...args, "--workers", "1", "--no-progress"]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}

describe("use cases as functions equal the commands", () => {
  it("sweepScenario", async () => {
    const [a, b] = [tempDir("sweep-lib"), tempDir("sweep-cli")];
    const set = [{ path: "regionDefaults.outage.rate", value: "1/year,4/year" }];
    const outcome = await sweepScenario({ scenario: PROVABLE, set, runs: 100, workers: 1, out: a, charts: false });
    const stdout = cli(["sweep", PROVABLE, "--set", "regionDefaults.outage.rate=1/year,4/year", "-n", "100", "--out", b, "--no-charts"]);
    expect(readDir(a)).toEqual(readDir(b));
    expect(outcome.files.map((f) => relative(a, f)).sort()).toEqual([...readDir(a).keys()].sort());
    expect(stdout).toBe(`${sweepText(outcome.table, outcome.scenario, outcome.points, { width: 100 })}written to ${b}/\n`);
  });

  it("rankSensitivity", async () => {
    const [a, b] = [tempDir("sensitivity-lib"), tempDir("sensitivity-cli")];
    const outcome = await rankSensitivity({ scenario: PROVABLE, metric: "costUSD.mean", inputs: ["outage.rate", "steps.decide"], runs: 100, workers: 1, out: a, charts: false });
    const stdout = cli(["sensitivity", PROVABLE, "--metric", "costUSD.mean", "--inputs", "outage.rate,steps.decide", "-n", "100", "--out", b, "--no-charts"]);
    expect(readDir(a)).toEqual(readDir(b));
    expect(stdout).toBe(`${sensitivityText(outcome.result, undefined, { width: 100 })}written to ${b}/\n`);
  });

  it("recommendStrategy", async () => {
    const [a, b] = [tempDir("recommend-lib"), tempDir("recommend-cli")];
    // --availability takes percent: 99.9 / 100 (which is 0.9990000000000001, not 0.999).
    const targets = { rto: 30 * 60, rpo: 60, availability: 99.9 / 100 };
    const outcome = await recommendStrategy({ scenario: PROVABLE, targets, runs: 100, workers: 1, out: a, charts: false });
    const stdout = cli(["recommend", PROVABLE, "--rto", "30m", "--rpo", "1m", "--availability", "99.9", "-n", "100", "--out", b, "--no-charts"]);
    expect(readDir(a)).toEqual(readDir(b));
    // In 100 years warm standby keeps RTO 30 min in 99 (one both-regions-down year): its Wilson lower
    // bound, 0.946, does not demonstrate 95 %; active–active's 100 of 100 (0.963) does.
    expect(outcome.recommendation.choice?.id).toBe("active-active");
    expect(stdout).toBe(`${recommendationText(outcome.recommendation)}written to ${b}\n`);
  });
});
