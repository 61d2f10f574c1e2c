// Row sets read one after another on a thread of their own: a merge decodes and checks its shards'
// rows there while the main thread summarises and writes the batches before. Measured on 10⁶
// replications in 10 shards, reading was ~3.9 s of the merge's main thread. The thread's entry is
// rowsThread.ts.
import type { ReplicationMetric } from "../outcomes/metrics.js";
import { startStream, type AsideStream } from "../threads.js";
import type { IncidentField, ReadOptions, RowBatch, RowLayout } from "./rows.js";
import { openRows } from "./runDir.js";

/** One row set: a run's or shard's directory, what it holds, and which columns to read. */
export interface RowJob {
  readonly dir: string;
  readonly layout: RowLayout;
  /** What the directory should be, for the message when its files are missing (openRows). */
  readonly what: string;
  readonly options: ReadOptions<ReplicationMetric, IncidentField>;
}

/** The next batch of job `job`, or (`batch` undefined) the end of its rows. */
export interface JobRows {
  readonly job: number;
  readonly batch: RowBatch | undefined;
}

/** Every job's batches in order, each job's followed by its end. */
export async function* readJobs(jobs: readonly RowJob[]): AsyncGenerator<JobRows> {
  for (const [job, { dir, layout, what, options }] of jobs.entries()) {
    const { source } = openRows(dir, layout, what);
    for await (const batch of source.read(options)) yield { job, batch: batch as RowBatch };
    yield { job, batch: undefined };
  }
}

/**
 * The jobs' rows, read on a thread of their own when `aside` (and the compiled entry exists), else
 * here: the same batches either way.
 */
export function readRowsAside(jobs: readonly RowJob[], aside = true): AsideStream<JobRows> {
  return startStream(new URL("./rowsThread.js", import.meta.url), readJobs, jobs, aside);
}
