// Values the model cannot compute with are refused at the field that wrote them, not carried into
// the run as an infinity (a `null` in summary.json) or a negative duration.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASE, loadError, scenarioFile } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "drsim-overflow-"));
function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("a unit value that overflows a double", () => {
  const CASES: [field: string, line: string, column: number][] = [
    ["regionDefaults.outage.duration", "regionDefaults: { outage: { duration: 1e400h } }", 39],
    ["regionDefaults.outage.duration", "regionDefaults: { outage: { duration: 1e307y } }", 39], // finite, but not in seconds
    ["regionDefaults.outage.rate", "regionDefaults: { outage: { rate: 1e400/year } }", 35],
    ["workload.datasetSize", "workload: { datasetSize: 1e400GB }", 26],
    ["backup.restoreThroughput", "backup: { restoreThroughput: 1e400MB/s }", 30],
    ["regionDefaults.outage.duration.median", "regionDefaults: { outage: { duration: { dist: lognormal, median: 1e400h, sigma: 1 } } }", 66],
  ];
  for (const [field, text, column] of CASES) {
    it(`is refused at ${field}: ${text}`, async () => {
      const error = await loadError(scenarioFile(`extends: ${BASE}`, text));
      expect(error).toMatchObject({ line: 2, column, fieldPath: field });
      expect(error.message).toMatch(/: "1e\d+[a-zA-Z/]+" is too large to compute with$/);
    });
  }
});

describe("an empirical CSV sample outside what the field can hold", () => {
  const empirical = (field: string, file: string, column: string, unit = ""): string =>
    `${field}: { dist: empirical, file: ${file}, column: ${column}${unit ? `, unit: ${unit}` : ""} }`;

  it("refuses a negative duration or throughput at the CSV line, located at the field's file", async () => {
    const hours = csv("hours.csv", "hours\n1\n2\n-3\n4\n");
    const duration = await loadError(scenarioFile(`extends: ${BASE}`, "regionDefaults:", "  outage:", `    ${empirical("duration", hours, "hours", "h")}`));
    expect(duration).toMatchObject({ line: 4, fieldPath: "regionDefaults.outage.duration.file" });
    expect(duration.message).toMatch(/hours\.csv:4: column "hours" is negative$/);
    const mbps = csv("mbps.csv", "mbps\n10\n-0.5\n");
    const throughput = await loadError(scenarioFile(`extends: ${BASE}`, "backup:", `  ${empirical("restoreThroughput", mbps, "mbps", "MB/s")}`));
    expect(throughput).toMatchObject({ line: 3, fieldPath: "backup.restoreThroughput.file" });
    expect(throughput.message).toMatch(/mbps\.csv:3: column "mbps" is negative$/);
  });

  it("refuses a fraction above 1 and a value that overflows once scaled", async () => {
    const share = csv("share.csv", "share\n0.5\n1.5\n");
    const fraction = await loadError(scenarioFile(`extends: ${BASE}`, "degradation:", `  ${empirical("remainingCapacity", share, "share")}`));
    expect(fraction).toMatchObject({ fieldPath: "degradation.remainingCapacity.file" });
    expect(fraction.message).toMatch(/share\.csv:3: column "share" is above 1$/);
    const huge = csv("huge.csv", "hours\n1\n1e308\n");
    const overflow = await loadError(scenarioFile(`extends: ${BASE}`, "regionDefaults:", "  outage:", `    ${empirical("duration", huge, "hours", "h")}`));
    expect(overflow.message).toMatch(/huge\.csv:3: column "hours" is too large to compute with$/);
  });

  it("refuses a negative rate in a workload trace at its line", async () => {
    const trace = csv("trace.csv", "rps\n100\n-1\n");
    const error = await loadError(scenarioFile(`extends: ${BASE}`, `workload: { trace: { file: ${trace}, column: rps, step: 5m } }`));
    expect(error).toMatchObject({ fieldPath: "workload.trace.file" });
    expect(error.message).toMatch(/trace\.csv:3: column "rps" is negative$/);
  });
});

describe("a long value in a message", () => {
  it("is quoted cut to its first 40 characters, with its length", async () => {
    const long = "x".repeat(100_000);
    const error = await loadError(scenarioFile(`extends: ${BASE}`, `workload: { datasetSize: "${long}" }`));
    expect(error.fieldPath).toBe("workload.datasetSize");
    expect(error.message).toContain(`got "${"x".repeat(40)}"… (100000 characters)`);
    expect(error.message.length).toBeLessThan(300);
  });
});
