// Use case: export a saved run's (or shard's) rows to another format — CSV by default: the
// replications.csv and incidents.csv a `--csv` run writes, byte for byte, from its Parquet files.
// Written all or nothing beside the run's files (or into `out`); nothing is re-simulated.
import { existsSync, statSync } from "node:fs";
import { UserError } from "../errors.js";
import { INCIDENT_FIELDS } from "../montecarlo/types.js";
import { REPLICATION_METRICS } from "../outcomes/metrics.js";
import { rowFormat } from "../store/formats.js";
import { openRows, savedLayout, writeRunDir } from "../store/runDir.js";
import type { ProgressListener } from "./study.js";

export interface ExportOptions {
  /** A run or shard directory written by drsim run, drsim run --shard or drsim merge. */
  readonly dir: string;
  /** Where the exported files go; default `dir` itself. */
  readonly out?: string;
  /** The format to write: "csv" (default) or "parquet". */
  readonly to?: string;
  /** Replications done of the total. */
  readonly onProgress?: ProgressListener;
}

export interface ExportOutcome {
  /** The format the rows were read in, and the one written. */
  readonly from: string;
  readonly to: string;
  readonly files: readonly string[];
}

export async function exportRun(options: ExportOptions): Promise<ExportOutcome> {
  const { dir, onProgress } = options;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: no such directory`);
  const to = rowFormat(options.to ?? "csv");
  const out = options.out ?? dir;
  const layout = savedLayout(dir);
  const { format: from, source } = openRows(dir, layout);
  if (from.name === to.name && out === dir) throw new UserError(`${dir} holds its rows as ${to.name} already`);
  const total = layout.range.end - layout.range.start;
  const label = `export ${dir} to ${to.name}`;
  onProgress?.(0, total, label);
  const { files } = await writeRunDir(out, layout.strategies, [to], async (writer) => {
    for await (const batch of source.read({ metrics: REPLICATION_METRICS, incidents: INCIDENT_FIELDS })) {
      await writer.write(batch);
      onProgress?.(batch.range.end - layout.range.start, total, label);
    }
  });
  return { from: from.name, to: to.name, files };
}
