// CSV, the run store's default format: replications.csv and incidents.csv (csv.ts writes their
// text, csvSource.ts reads them back).
import type { StagedFile, StagedFiles } from "./atomicWrite.js";
import { incidentRows, INCIDENTS_HEADER, ReplicationRows, REPLICATIONS_HEADER } from "./csv.js";
import { CsvSource } from "./csvSource.js";
import type { RowBatch, RowFormat, RowSink } from "./rows.js";

/** Writes each batch's rows into the two staged files, as the batches come. */
class CsvSink implements RowSink {
  private readonly replicationRows: ReplicationRows;

  constructor(
    private readonly replications: StagedFile,
    private readonly incidents: StagedFile,
    private readonly strategies: readonly string[],
  ) {
    this.replicationRows = new ReplicationRows(strategies);
  }

  async write(batch: RowBatch): Promise<void> {
    const text = batch.text?.format === "csv" ? batch.text.files : undefined;
    if (text !== undefined) {
      // Read from CSV: the rows' text as read is what formatting them would give (see RowBatch.text).
      await this.replications.write(text["replications.csv"]!);
      await this.incidents.write(text["incidents.csv"]!);
      return;
    }
    for (const chunk of this.replicationRows.rows(batch)) await this.replications.write(chunk);
    for (const chunk of incidentRows(batch, this.strategies)) await this.incidents.write(chunk);
  }

  async close(): Promise<void> {
    await this.replications.close();
    await this.incidents.close();
  }
}

export const csvFormat: RowFormat = {
  name: "csv",
  files: ["replications.csv", "incidents.csv"],
  async sink(files: StagedFiles, strategies: readonly string[]): Promise<RowSink> {
    const replications = await files.open("replications.csv");
    const incidents = await files.open("incidents.csv");
    await replications.write(REPLICATIONS_HEADER);
    await incidents.write(INCIDENTS_HEADER);
    return new CsvSink(replications, incidents, strategies);
  },
  source: (dir, layout) => new CsvSource(dir, layout),
  copiesText: true,
};
