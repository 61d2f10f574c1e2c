// The recovery-steps digest counts region failures only: corruption restores are the same for
// every strategy and would drown out the DR response the chart is about.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadIncidents } from "../../src/report/charts/load/incidents.js";
import { PIPELINE_STEPS } from "../../src/outcomes/results.js";
import { csvFormat } from "../../src/store/csvFormat.js";

const dir = mkdtempSync(join(tmpdir(), "drsim-steps-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("leaves corruption restores out of the step breakdown", async () => {
  const header = ["replication", "strategy", "incident", "start", "cause", "regions", "eventDuration", ...PIPELINE_STEPS,
    "rto", "rpo", "downtimeSeconds", "failedRequests", "lostWrites", "failedOver", "aborted", "attempts"];
  const row = (index: number, cause: string, steps: Partial<Record<string, number>>) =>
    ["0", "ws", String(index), "10", cause, "a", "100", ...PIPELINE_STEPS.map((s) => (steps[s] === undefined ? "" : String(steps[s]))),
      "600", "1", "600", "5", "1", "true", "false", "1"].join(",");
  const file = join(dir, "incidents.csv");
  writeFileSync(file, [header.join(","), row(0, "region-outage", { detect: 60, promote: 120 }), row(1, "corruption", { decide: 300, restore: 9000 })].join("\n") + "\n");
  const rows = csvFormat.source(dir, { strategies: ["ws"], range: { start: 0, end: 1 } });
  const digest = (await loadIncidents(rows, ["ws"])).get("ws")!;
  expect(digest.count).toBe(2);
  expect(digest.responded).toBe(1);
  expect(digest.stepSeconds.promote).toBe(120);
  expect(digest.stepSeconds.restore).toBe(0);
});
