// `drsim merge`: reads shard directories back (losslessly: numbers were written in shortest
// round-trip form), checks they are shards of one run that together cover it exactly once, and
// joins them in replication order into the RunResult the unsharded run would have produced.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors.js";
import { INCIDENT_CAUSES, PIPELINE_STEPS, REPLICATION_METRICS, type PipelineStep } from "../model/results.js";
import { INCIDENT_COLUMNS, parseCsvLine, parseCsvNumber, REPLICATION_COLUMNS } from "../report/csv.js";
import { concatResults, IncidentColumnsBuilder, metricRecord, stepRecord } from "./columns.js";
import { scenarioFromJson } from "./scenarioJson.js";
import { SHARD_FORMAT, SHARD_MANIFEST, type ShardManifest } from "./shard.js";
import type { ColumnarResult, RunResult } from "./types.js";

interface ShardDir {
  readonly dir: string;
  readonly manifest: ShardManifest;
}

function readText(dir: string, name: string): string {
  const file = join(dir, name);
  if (!existsSync(file)) throw new UserError(`${file}: missing (is ${dir} a complete shard directory?)`);
  return readFileSync(file, "utf8");
}

function readManifest(dir: string): ShardDir {
  const file = join(dir, SHARD_MANIFEST);
  if (!existsSync(file)) throw new UserError(`${dir}: not a shard directory (no ${SHARD_MANIFEST}; write one with drsim run --shard i/n)`);
  let manifest: ShardManifest;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8")) as ShardManifest;
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (manifest.format !== SHARD_FORMAT) throw new UserError(`${file}: unknown shard format ${JSON.stringify(manifest.format)}`);
  return { dir, manifest };
}

/** Iterates the lines of a CSV text (without the final empty line). */
function* lines(text: string): Generator<[number, string]> {
  let at = 0;
  for (let n = 1; at < text.length; n++) {
    const end = text.indexOf("\n", at);
    const stop = end < 0 ? text.length : end;
    yield [n, text.slice(at, stop)];
    at = stop + 1;
  }
}

function expectHeader(where: string, line: string | undefined, columns: readonly string[]): void {
  if (line !== columns.join(",")) throw new UserError(`${where}:1: unexpected header (not written by this drsim version?)`);
}

function readReplications(shard: ShardDir, ids: readonly string[]): ColumnarResult["strategies"][number]["metrics"][] {
  const where = join(shard.dir, "replications.csv");
  const { start, end } = shard.manifest.range;
  const n = end - start;
  const metrics = ids.map(() => metricRecord(() => new Float64Array(n)));
  let rows = 0;
  for (const [lineNo, line] of lines(readText(shard.dir, "replications.csv"))) {
    if (lineNo === 1) {
      expectHeader(where, line, REPLICATION_COLUMNS);
      continue;
    }
    const fields = parseCsvLine(line);
    const expectedReplication = start + Math.floor(rows / ids.length);
    const s = rows % ids.length;
    if (fields.length !== REPLICATION_COLUMNS.length || Number(fields[0]) !== expectedReplication || fields[1] !== ids[s]) {
      throw new UserError(`${where}:${lineNo}: expected replication ${expectedReplication}, strategy ${ids[s]}`);
    }
    const row = expectedReplication - start;
    REPLICATION_METRICS.forEach((metric, m) => {
      metrics[s]![metric][row] = parseCsvNumber(fields[m + 2]!);
    });
    rows++;
  }
  if (rows !== n * ids.length || rows !== shard.manifest.rows.replications) {
    throw new UserError(`${where}: ${rows} rows, expected ${shard.manifest.rows.replications} (truncated?)`);
  }
  return metrics;
}

const CAUSE_INDEX = new Map<string, number>(INCIDENT_CAUSES.map((c, i) => [c, i]));
const STEP_OFFSET = INCIDENT_COLUMNS.indexOf("detect");

function readIncidents(shard: ShardDir, ids: readonly string[]): IncidentColumnsBuilder[] {
  const where = join(shard.dir, "incidents.csv");
  const index = new Map(ids.map((id, i) => [id, i]));
  const builders = ids.map(() => new IncidentColumnsBuilder());
  let rows = 0;
  for (const [lineNo, line] of lines(readText(shard.dir, "incidents.csv"))) {
    if (lineNo === 1) {
      expectHeader(where, line, INCIDENT_COLUMNS);
      continue;
    }
    const f = parseCsvLine(line);
    const s = index.get(f[1] ?? "");
    const cause = CAUSE_INDEX.get(f[4] ?? "");
    if (f.length !== INCIDENT_COLUMNS.length || s === undefined || cause === undefined) {
      throw new UserError(`${where}:${lineNo}: malformed incident row`);
    }
    const num = (i: number): number => parseCsvNumber(f[i]!);
    const steps = stepRecord((step: PipelineStep) => num(STEP_OFFSET + PIPELINE_STEPS.indexOf(step)));
    const b = builders[s]!;
    const k = STEP_OFFSET + PIPELINE_STEPS.length;
    b.add(num(0), num(3), cause, b.internRegion(f[5]!), num(6), steps, num(k), num(k + 1), num(k + 2), num(k + 3),
      num(k + 4), f[k + 5] === "true", f[k + 6] === "true", num(k + 7));
    rows++;
  }
  if (rows !== shard.manifest.rows.incidents) {
    throw new UserError(`${where}: ${rows} rows, expected ${shard.manifest.rows.incidents} (truncated?)`);
  }
  return builders;
}

function readShardData(shard: ShardDir): ColumnarResult {
  const ids = shard.manifest.strategies;
  const metrics = readReplications(shard, ids);
  const incidents = readIncidents(shard, ids);
  return { range: shard.manifest.range, strategies: metrics.map((m, s) => ({ metrics: m, incidents: incidents[s]!.finish() })) };
}

// The named settings first, so the message says what differs; the hash catches everything else.
const SAME_RUN_FIELDS = ["drsim", "scenario", "seed", "runs", "horizonSeconds", "strategies", "scenarioHash"] as const;

function checkSameRun(shards: readonly ShardDir[]): void {
  const first = shards[0]!;
  for (const other of shards.slice(1)) {
    for (const field of SAME_RUN_FIELDS) {
      const a = JSON.stringify(first.manifest[field]);
      const b = JSON.stringify(other.manifest[field]);
      if (a !== b) {
        throw new UserError(`${other.dir} is not a shard of the same run as ${first.dir}: ${field} ${b} ≠ ${a}`);
      }
    }
  }
}

function checkCoverage(shards: readonly ShardDir[]): ShardDir[] {
  const sorted = [...shards].sort((a, b) => a.manifest.range.start - b.manifest.range.start || a.manifest.range.end - b.manifest.range.end);
  const runs = sorted[0]!.manifest.runs;
  let covered = 0;
  let previous: ShardDir | undefined;
  for (const shard of sorted) {
    const { start, end } = shard.manifest.range;
    const label = `${shard.dir} (shard ${shard.manifest.shard.index}/${shard.manifest.shard.count}, replications [${start}, ${end}))`;
    if (start < covered) throw new UserError(`${label} overlaps ${previous?.dir ?? "another shard"}`);
    if (start > covered) throw new UserError(`replications [${covered}, ${start}) are missing: no shard covers them`);
    covered = end;
    previous = shard;
  }
  if (covered !== runs) throw new UserError(`replications [${covered}, ${runs}) are missing: no shard covers them`);
  return sorted;
}

/** Reads shard directories, checks they form one complete run, and joins them. */
export function mergeShards(dirs: readonly string[]): RunResult {
  if (dirs.length === 0) throw new UserError("merge: no shard directories given");
  const shards = dirs.map(readManifest);
  checkSameRun(shards);
  const ordered = checkCoverage(shards);
  const scenarioText = readText(ordered[0]!.dir, "scenario.json");
  for (const shard of ordered) {
    const text = shard === ordered[0] ? scenarioText : readText(shard.dir, "scenario.json");
    const hash = createHash("sha256").update(text).digest("hex");
    if (hash !== shard.manifest.scenarioHash) throw new UserError(`${join(shard.dir, "scenario.json")}: does not match its shard.json (edited?)`);
  }
  const scenario = scenarioFromJson(scenarioText);
  const first = ordered[0]!.manifest;
  const parts = ordered.map(readShardData);
  const joined = concatResults(parts, first.strategies.length);
  return { ...joined, scenario, scenarioHash: first.scenarioHash, drsim: first.drsim };
}
