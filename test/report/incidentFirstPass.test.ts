// The incident charts' first pass fed from a run's stream (runStudy) gives the very digests a read
// of the files does, whatever the batches' edges: step sums, counts and incident samples.
import { describe, expect, it } from "vitest";
import { writeRunOutputs } from "../../src/app/runOutputs.js";
import { metricRecord, stepRecord } from "../../src/montecarlo/columns.js";
import type { ColumnarResult, IncidentColumns, RunResult } from "../../src/montecarlo/types.js";
import { IncidentFirstPass } from "../../src/report/charts/load/incidents.js";
import { readRun } from "../../src/report/charts/load/run.js";
import { synthetic, tempDir } from "../store/helpers.js";

/** Replications [start, end) of a run held in memory, as the batch that carried them. */
function slice(run: RunResult, start: number, end: number): ColumnarResult {
  const from = start - run.range.start;
  const to = end - run.range.start;
  return {
    range: { start, end },
    strategies: run.strategies.map(({ metrics, incidents: inc }) => {
      let a = 0;
      while (a < inc.count && inc.replication[a]! < start) a++;
      let b = a;
      while (b < inc.count && inc.replication[b]! < end) b++;
      const cut = <A extends Float64Array | Uint8Array | Uint32Array>(x: A): A => x.subarray(a, b) as A;
      const incidents: IncidentColumns = {
        count: b - a, replication: cut(inc.replication), start: cut(inc.start), cause: cut(inc.cause), region: cut(inc.region), regionNames: inc.regionNames,
        eventDuration: cut(inc.eventDuration), steps: stepRecord((step) => cut(inc.steps[step])), rto: cut(inc.rto), rpo: cut(inc.rpo),
        downtimeSeconds: cut(inc.downtimeSeconds), failedRequests: cut(inc.failedRequests), lostWrites: cut(inc.lostWrites),
        failedOver: cut(inc.failedOver), aborted: cut(inc.aborted), attempts: cut(inc.attempts),
      };
      return { metrics: metricRecord((m) => metrics[m].subarray(from, to)), incidents };
    }),
  };
}

describe("IncidentFirstPass", () => {
  it("gives readRun the same incident digests as reading both passes from the files", async () => {
    const RUNS = 2_000;
    const run = await synthetic(RUNS);
    const dir = tempDir("firstpass");
    await writeRunOutputs(dir, run);
    const fromFiles = (await readRun(dir)).run;
    // Edges anywhere: a batch of one replication, odd sizes.
    const edges = [0, 1, 2, 39, 500, 501, 1_333, RUNS];
    const ids = run.scenario.strategies.map((s) => s.id);
    const fed = new IncidentFirstPass(ids);
    for (let k = 0; k + 1 < edges.length; k++) fed.add(slice(run, edges[k]!, edges[k + 1]!));
    const fromStream = (await readRun(dir, {}, fed)).run;
    expect(fromStream.incidents).toStrictEqual(fromFiles.incidents);
    expect([...fromStream.incidents.keys()]).toEqual(ids);
    // The comparison is of real content: steps summed, incidents sampled.
    const last = fromFiles.incidents.get(ids[3]!)!;
    expect(last.responded).toBeGreaterThan(100);
    expect(last.sample.length).toBeGreaterThan(10);
    // And the fed pass is what readRun used, not a read of the files: one fed a batch short differs.
    const short = new IncidentFirstPass(ids);
    for (let k = 0; k + 2 < edges.length; k++) short.add(slice(run, edges[k]!, edges[k + 1]!));
    const fromShort = (await readRun(dir, {}, short)).run;
    expect(fromShort.incidents.get(ids[0]!)!.count).toBeLessThan(fromFiles.incidents.get(ids[0]!)!.count);
  });

  it("refuses the first pass of another run's strategies", async () => {
    const run = await synthetic(300);
    const dir = tempDir("firstpass-other");
    await writeRunOutputs(dir, run);
    const ids = run.scenario.strategies.map((s) => s.id);
    await expect(readRun(dir, {}, new IncidentFirstPass(ids.slice().reverse()))).rejects.toThrow(/first pass was fed another run's strategies/);
    await expect(readRun(dir, {}, new IncidentFirstPass(ids.slice(1)))).rejects.toThrow(/first pass was fed another run's strategies/);
  });
});
