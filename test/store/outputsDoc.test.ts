// docs/outputs.md describes the tables as the store writes them: each table's rows in the doc are
// the columns of src/store/tables.ts, in order, with their type, unit and meaning.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { INCIDENT_TABLE, REPLICATION_TABLE, type TableColumn } from "../../src/store/tables.js";

const DOC = readFileSync(new URL("../../docs/outputs.md", import.meta.url), "utf8");

/** The rows of the Markdown table under the heading that starts with `heading` (up to the next heading). */
function tableRows(heading: string): string[][] {
  const lines = DOC.slice(DOC.indexOf(heading)).split("\n").slice(1);
  const next = lines.findIndex((l) => l.startsWith("#"));
  return lines
    .slice(0, next < 0 ? undefined : next)
    .filter((l) => l.startsWith("|"))
    .slice(2)
    .map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
}

test.each([
  ["### `replications.parquet`", REPLICATION_TABLE],
  ["### `incidents.parquet`", INCIDENT_TABLE],
] as [string, readonly TableColumn[]][])("%s lists the table's columns in order, with type, unit and meaning", (heading, table) => {
  expect(tableRows(heading)).toEqual(table.map((c) => [c.name, c.kind, c.unit ?? "", c.description]));
});
