// A row format defined in the tests, to show that a new format is one more RowFormat: JSON lines,
// one object per replication × strategy (replications.jsonl) and per incident (incidents.jsonl).
// JSON has no NaN: a step that did not run is null. Numbers round-trip exactly (JSON.stringify
// writes the shortest round-trip form).
import { join } from "node:path";
import { IncidentColumnsBuilder, stepRecord } from "../../src/montecarlo/columns.js";
import { PIPELINE_STEPS, INCIDENT_CAUSES } from "../../src/outcomes/results.js";
import { REPLICATION_METRICS, type ReplicationMetric } from "../../src/outcomes/metrics.js";
import type { StagedFile } from "../../src/store/atomicWrite.js";
import { CsvFile } from "../../src/store/csvReader.js";
import type { IncidentField, ReadOptions, RowBatch, RowFormat, RowLayout, RowSink, RowSource } from "../../src/store/rows.js";

const json = (x: number): number | null => (Number.isNaN(x) ? null : x);
const number = (x: number | null): number => x ?? NaN;

interface IncidentLine {
  replication: number; strategy: string; start: number; cause: string; regions: string; eventDuration: number;
  steps: (number | null)[]; rto: number; rpo: number; downtimeSeconds: number; failedRequests: number; lostWrites: number;
  failedOver: boolean; aborted: boolean; attempts: number;
}

class JsonlSink implements RowSink {
  constructor(
    private readonly files: { readonly replications: StagedFile; readonly incidents: StagedFile },
    private readonly strategies: readonly string[],
  ) {}

  async write(batch: RowBatch): Promise<void> {
    const lines: string[] = [];
    for (let r = batch.range.start; r < batch.range.end; r++) {
      batch.strategies.forEach((s, k) => {
        const row: Record<string, unknown> = { replication: r, strategy: this.strategies[k] };
        for (const m of REPLICATION_METRICS) row[m] = json(s.metrics[m][r - batch.range.start]!);
        lines.push(JSON.stringify(row));
      });
    }
    await this.files.replications.write(lines.length > 0 ? `${lines.join("\n")}\n` : "");
    const incidents: string[] = [];
    batch.strategies.forEach(({ incidents: inc }, s) => {
      for (let k = 0; k < inc.count; k++) {
        const line: IncidentLine = {
          replication: inc.replication[k]!, strategy: this.strategies[s]!, start: inc.start[k]!, cause: INCIDENT_CAUSES[inc.cause[k]!]!,
          regions: inc.regionNames[inc.region[k]!]!, eventDuration: inc.eventDuration[k]!, steps: PIPELINE_STEPS.map((p) => json(inc.steps[p][k]!)),
          rto: inc.rto[k]!, rpo: inc.rpo[k]!, downtimeSeconds: inc.downtimeSeconds[k]!, failedRequests: inc.failedRequests[k]!,
          lostWrites: inc.lostWrites[k]!, failedOver: inc.failedOver[k] === 1, aborted: inc.aborted[k] === 1, attempts: inc.attempts[k]!,
        };
        incidents.push(JSON.stringify(line));
      }
    });
    await this.files.incidents.write(incidents.length > 0 ? `${incidents.join("\n")}\n` : "");
  }

  async close(): Promise<void> {
    await this.files.replications.close();
    await this.files.incidents.close();
  }
}

/** Reads whole files (a test's runs are small) and hands them out as one batch per range. */
class JsonlSource implements RowSource {
  constructor(
    private readonly dir: string,
    private readonly layout: RowLayout,
  ) {}

  private async lines(name: string): Promise<unknown[]> {
    const file = new CsvFile(join(this.dir, name));
    const out: unknown[] = [];
    for (let line = await file.next(); line !== undefined; line = await file.next()) out.push(JSON.parse(line));
    return out;
  }

  async *read<C extends ReplicationMetric, I extends IncidentField>(options: ReadOptions<C, I>): AsyncGenerator<RowBatch<C, I>> {
    const { strategies, range } = this.layout;
    const n = range.end - range.start;
    const rows = options.metrics.length > 0 ? ((await this.lines("replications.jsonl")) as Record<string, number | null>[]) : [];
    const metrics = strategies.map(() => Object.fromEntries(options.metrics.map((m) => [m, new Float64Array(n)])) as Record<C, Float64Array>);
    rows.forEach((row, i) => {
      for (const m of options.metrics) metrics[i % strategies.length]![m][Math.floor(i / strategies.length)] = number(row[m]!);
    });
    const builders = strategies.map(() => new IncidentColumnsBuilder());
    const incidents = options.incidents.length > 0 ? ((await this.lines("incidents.jsonl")) as IncidentLine[]) : [];
    for (const inc of incidents) {
      const b = builders[strategies.indexOf(inc.strategy)]!;
      const steps = stepRecord((p) => number(inc.steps[PIPELINE_STEPS.indexOf(p)]!));
      b.add(inc.replication, inc.start, (INCIDENT_CAUSES as readonly string[]).indexOf(inc.cause), b.internRegion(inc.regions), inc.eventDuration, steps,
        inc.rto, inc.rpo, inc.downtimeSeconds, inc.failedRequests, inc.lostWrites, inc.failedOver, inc.aborted, inc.attempts);
    }
    if (n > 0) yield { range, strategies: strategies.map((_, s) => ({ metrics: metrics[s]!, incidents: builders[s]!.finish() })) };
  }
}

export const jsonlFormat: RowFormat = {
  name: "jsonl",
  files: ["replications.jsonl", "incidents.jsonl"],
  async sink(files, strategies) {
    return new JsonlSink({ replications: await files.open("replications.jsonl"), incidents: await files.open("incidents.jsonl") }, strategies);
  },
  source: (dir, layout) => new JsonlSource(dir, layout),
};
