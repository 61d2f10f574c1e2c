// The metric catalogue: every number drsim reports, named once. Two kinds of entry:
//  - replication columns: what one replication produces for one strategy (computed in
//    replication/replication.ts), in the column order of replications.csv;
//  - summary metrics: what summary.json says of a strategy — statistics (a Stat) read off a
//    replication column or off the incidents, and a few plain numbers (computed in
//    montecarlo/summaryAccumulator.ts).
// Everything that lists metrics derives from here: replications.csv's columns, the columns' copy
// into typed arrays, summary.json's shape, the `<metric>.<stat>` paths that --metric takes,
// sensitivity's paired values, sweep.csv's columns, the summary tables (terminal, Markdown, HTML)
// and the charts' curves. docs/store-and-catalogue.md has the recipe for adding one.

/** Units of the catalogue's numbers. */
export type Unit = "s" | "min" | "requests" | "writes" | "bytes" | "count" | "fraction" | "USD" | "nines";

function column<const Id extends string>(id: Id, unit: Unit, description: string) {
  return { id, unit, description } as const;
}

/** Per-replication metrics, in the column order of replications.csv: totals over the horizon. */
export const REPLICATION_COLUMN_DEFS = [
  column("downtimeSeconds", "s", "full outage: no request served"),
  column("failedRequests", "requests", "integral of unserved demand"),
  column("offeredRequests", "requests", "integral of demand"),
  column("unavailability", "fraction", "failedRequests / offeredRequests"),
  column("dataLossSeconds", "s", "sum over incidents of seconds of writes lost"),
  column("lostWrites", "writes", "writes lost"),
  column("lostBytes", "bytes", "bytes of the writes lost"),
  column("conflictWrites", "writes", "active–active writes that conflicted during partitions"),
  column("incidents", "count", "incidents that touched this strategy's service"),
  column("failovers", "count", "completed failovers"),
  column("standingCostUSD", "USD", "infrastructure standing cost over the horizon (compute, control planes, storage, egress, drills)"),
  column("incidentCostUSD", "USD", "surge compute while running on the standby at full scale"),
  column("penaltyCostUSD", "USD", "downtime and lost-write penalties"),
  column("costUSD", "USD", "total cost of risk = standing + incident + penalty"),
  // Added by issue 13 (last, so the columns above keep their places): the headline metrics kept
  // apart by meaning and cause (docs/decision.md, "What the headline metrics mean").
  column("partialSeconds", "s", "partial service: some but not all demand served (scaling ramps included)"),
  column("partialUnavailability", "fraction", "requests failed during partial service / offeredRequests; the rest of unavailability is full outage"),
  column("allRegionsDownUnavailability", "fraction", "requests failed while every region was down (outside corruption restores) / offeredRequests"),
  column("brownoutUnavailability", "fraction", "requests failed below full service with no incident open (brownouts, degraded zones) / offeredRequests"),
  column("corruptionUnavailability", "fraction", "requests failed while restoring from a backup after logical corruption / offeredRequests"),
  column("floorUnavailability", "fraction", "allRegionsDown + brownout + corruption unavailability: what no DR strategy removes"),
  column("regionFailureDataLossSeconds", "s", "seconds of writes lost to region failures (the strategy's RPO)"),
  column("corruptionDataLossSeconds", "s", "seconds of writes discarded by corruption restores (alike for every strategy)"),
  column("worstRtoSeconds", "s", "the longest RTO of the year's region-failure incidents; 0 in a year without one"),
  column("worstRpoSeconds", "s", "the largest RPO of the year's region-failure incidents; 0 in a year without one"),
  column("floorPenaltyUSD", "USD", "penalties for the floor: downtime while every region was down or restoring from corruption, and the writes corruption restores discard"),
] as const;

export type ReplicationMetric = (typeof REPLICATION_COLUMN_DEFS)[number]["id"];

/** The per-replication metrics, in the column order of replications.csv. */
export const REPLICATION_METRICS: readonly ReplicationMetric[] = REPLICATION_COLUMN_DEFS.map((c) => c.id);

/** The numbers of a Stat that a metric path can name (`downtimeMinutes.p99`); ci95 is split in two. */
export const STAT_NAMES = ["mean", "sd", "ci95lo", "ci95hi", "p50", "p90", "p95", "p99", "p999", "max", "min"] as const;
export type StatName = (typeof STAT_NAMES)[number];

/**
 * How a statistic reads its replication column. `summary` is the form summary.json's statistics were
 * always computed with; `values` the form sensitivity's paired values and the charts' curves use.
 * They differ only for minutes, in the last bit of about one value in eleven (x·(1/60) rounds twice,
 * x/60 once): each output keeps the form it was written with, so no byte of it moves.
 */
export const SCALES = {
  identity: { summary: (x: number): number => x, values: (x: number): number => x },
  complement: { summary: (x: number): number => 1 - x, values: (x: number): number => 1 - x },
  minutes: { summary: (x: number): number => x * (1 / 60), values: (x: number): number => x / 60 },
} as const;
export type Scale = keyof typeof SCALES;

/**
 * What a metric is about. Each view orders the metrics it shows by theme (in its own theme order),
 * then in catalogue order.
 */
export type Theme = "availability" | "impact" | "incidents" | "cost";

/**
 * How a view formats a number; each view maps these to its own wording: "availability" a fraction
 * shown with as many decimals as its nines, "nines" shown as nines, "number" a plain number, "usd"
 * dollars, "percent" a fraction as a percentage.
 */
export type CellFormat = "availability" | "nines" | "number" | "usd" | "percent";

/** One column of a summary table: a heading and the statistics shown in its cells (joined by " / "). */
export interface TableColumn {
  /**
   * `<per>` stands for the horizon's unit ("/yr") where the view knows it; a "\n" splits the
   * heading over two header lines in a terminal (one line in Markdown).
   */
  readonly heading: string;
  readonly stats: readonly StatName[];
  readonly format: CellFormat;
  /** For summaries written before this metric existed: the metric shown in its place. */
  readonly fallback?: string;
  /** Shown only in the wide table (--wide); the default table fits 100 columns. */
  readonly wide?: true;
  /** Where a narrow terminal drops columns: the highest rank first (the strategy's column always stays). */
  readonly rank?: number;
}

/** Where a metric is shown, beyond summary.json and the metric paths (which show every metric). */
interface Views {
  /** Its columns in sweep.csv: `<path>.<stat>` for the sweep's statistics (a Stat) or `<path>`. */
  readonly sweep?: true;
  /** Its column in the terminal and Markdown summary table. */
  readonly table?: TableColumn;
  /** Its columns in report.html's summary table. */
  readonly report?: readonly TableColumn[];
  /** Its distribution is drawn (an ECDF over replications: the downtime and exceedance charts). */
  readonly curve?: true;
}

interface MetricBase extends Views {
  /** Where it sits in a strategy's summary (summary.json), dotted; also the name --metric takes. */
  readonly path: string;
  readonly unit: Unit;
  readonly label: string;
  readonly theme: Theme;
}

/** A statistic (mean, sd, CI, quantiles, extremes) of a sample. */
export interface StatDef extends MetricBase {
  readonly kind: "stat";
  /** One value per replication (a total over the horizon), or one per incident. */
  readonly over: "replication" | "incident";
  /** The replication column it summarizes and how (absent: over incidents, see summaryAccumulator). */
  readonly column?: { readonly id: ReplicationMetric; readonly scale: Scale };
  /** One of the fields every summary.json has (what readers such as the charts may rely on). */
  readonly contract?: true;
  /** Its paired difference against the baseline strategy (summary.json's differences), and its row there. */
  readonly difference?: { readonly table?: TableColumn };
  /** Thresholds x of its exceedance probabilities P[X > x] (summary.json's exceedance). */
  readonly exceedance?: readonly number[];
}

/** A plain number of a strategy's summary. */
export interface ScalarDef extends MetricBase {
  readonly kind: "scalar";
}

export type MetricDef = StatDef | ScalarDef;

const stat = <const D extends Omit<StatDef, "kind">>(def: D) => ({ kind: "stat", ...def }) as const;
const scalar = <const D extends Omit<ScalarDef, "kind">>(def: D) => ({ kind: "scalar", ...def }) as const;

/**
 * The summary metrics, in the order the metric paths list them. summary.json places the contract's
 * statistics first, then `incidents`, then the others (see montecarlo/summary.ts).
 */
export const SUMMARY_METRICS = [
  stat({
    path: "availability", unit: "fraction", label: "availability", theme: "availability", over: "replication",
    column: { id: "unavailability", scale: "complement" }, contract: true, sweep: true,
    table: { heading: "avail.\nmean", stats: ["mean"], format: "availability", rank: 1 },
    report: [{ heading: "Availability (mean)", stats: ["mean"], format: "availability" }, { heading: "Nines", stats: ["mean"], format: "nines" }],
  }),
  scalar({
    path: "nines", unit: "nines", label: "nines (−log10 of mean unavailability)", theme: "availability", sweep: true,
    table: { heading: "\nnines", stats: [], format: "nines", rank: 6 },
  }),
  stat({
    path: "downtimeMinutes", unit: "min", label: "downtime", theme: "impact", over: "replication",
    column: { id: "downtimeSeconds", scale: "minutes" }, contract: true, sweep: true, curve: true,
    difference: { table: { heading: "Δ full outage min<per>\nmean [95% CI]", stats: ["mean"], format: "number" } },
    exceedance: [0, 5, 15, 60, 240, 1440],
    table: { heading: "outage\nmin<per>\nmean / p99", stats: ["mean", "p99"], format: "number", rank: 2 },
    report: [{ heading: "Full outage min/yr: mean / p99", stats: ["mean", "p99"], format: "number" }],
  }),
  stat({
    path: "unavailability", unit: "fraction", label: "unavailability (request-weighted)", theme: "availability", over: "replication",
    column: { id: "unavailability", scale: "identity" }, contract: true, sweep: true, difference: {},
  }),
  stat({
    path: "dataLossSeconds", unit: "s", label: "data loss (seconds of writes)", theme: "impact", over: "replication",
    column: { id: "dataLossSeconds", scale: "identity" }, contract: true, sweep: true,
    difference: { table: { heading: "Δ data loss s<per>\nmean [95% CI]", stats: ["mean"], format: "number" } },
    exceedance: [0, 1, 60, 900, 3600],
    table: { heading: "data loss s<per>\np50 / p99", stats: ["p50", "p99"], format: "number", wide: true },
  }),
  stat({
    path: "lostWrites", unit: "writes", label: "lost writes", theme: "impact", over: "replication",
    column: { id: "lostWrites", scale: "identity" }, contract: true, sweep: true,
  }),
  stat({
    path: "lostBytes", unit: "bytes", label: "lost bytes", theme: "impact", over: "replication",
    column: { id: "lostBytes", scale: "identity" },
  }),
  stat({
    path: "conflictWrites", unit: "writes", label: "conflicting writes", theme: "impact", over: "replication",
    column: { id: "conflictWrites", scale: "identity" },
  }),
  stat({
    path: "failovers", unit: "count", label: "failovers", theme: "incidents", over: "replication",
    column: { id: "failovers", scale: "identity" },
  }),
  stat({
    path: "costUSD", unit: "USD", label: "total cost of risk", theme: "cost", over: "replication",
    column: { id: "costUSD", scale: "identity" }, contract: true, sweep: true,
    difference: { table: { heading: "Δ cost $<per>\nmean [95% CI]", stats: ["mean"], format: "usd" } },
    table: { heading: "cost\n$<per>\nmean", stats: ["mean"], format: "usd", rank: 3 },
    report: [{ heading: "Cost of risk $/yr: mean", stats: ["mean"], format: "usd" }],
  }),
  stat({
    path: "standingCostUSD", unit: "USD", label: "standing cost", theme: "cost", over: "replication",
    column: { id: "standingCostUSD", scale: "identity" }, contract: true, sweep: true,
    report: [{ heading: "of which standing", stats: ["mean"], format: "usd" }],
  }),
  stat({
    path: "incidentCostUSD", unit: "USD", label: "incident (surge) cost", theme: "cost", over: "replication",
    column: { id: "incidentCostUSD", scale: "identity" }, sweep: true,
  }),
  stat({
    path: "penaltyCostUSD", unit: "USD", label: "penalty cost", theme: "cost", over: "replication",
    column: { id: "penaltyCostUSD", scale: "identity" }, sweep: true,
  }),
  stat({
    path: "incidents.count", unit: "count", label: "incidents", theme: "incidents", over: "replication",
    column: { id: "incidents", scale: "identity" }, contract: true, sweep: true,
  }),
  stat({ path: "incidents.rtoMinutes", unit: "min", label: "RTO per incident", theme: "incidents", over: "incident", contract: true, sweep: true }),
  stat({ path: "incidents.rpoSeconds", unit: "s", label: "RPO per incident", theme: "incidents", over: "incident", contract: true, sweep: true }),
  scalar({ path: "incidents.total", unit: "count", label: "incidents over all replications", theme: "incidents" }),
  scalar({ path: "incidents.regionFailures.total", unit: "count", label: "region failures over all replications", theme: "incidents" }),
  stat({
    path: "incidents.regionFailures.rtoMinutes", unit: "min", label: "RTO per region failure", theme: "incidents", over: "incident", sweep: true,
    table: { heading: "RTO per region failure min\np50 / p99", stats: ["p50", "p99"], format: "number", wide: true },
  }),
  stat({
    path: "incidents.regionFailures.rpoSeconds", unit: "s", label: "RPO per region failure", theme: "incidents", over: "incident", sweep: true,
    table: { heading: "RPO per region failure s\np50 / p99", stats: ["p50", "p99"], format: "number", wide: true },
  }),
  scalar({ path: "incidents.failedOverFraction", unit: "fraction", label: "share of incidents that failed over", theme: "incidents" }),
  scalar({ path: "incidents.abortedFraction", unit: "fraction", label: "share of incidents whose failover was aborted", theme: "incidents" }),
  // Issue 13: full outage and partial service apart, the floor no DR strategy removes, data loss by
  // cause, and the per-year worst incident a target is a promise about (docs/decision.md).
  stat({
    path: "partialMinutes", unit: "min", label: "partial service (some demand unserved)", theme: "impact", over: "replication",
    column: { id: "partialSeconds", scale: "minutes" }, sweep: true,
    table: { heading: "partial\nmin<per>\nmean", stats: ["mean"], format: "number", rank: 5 },
    report: [{ heading: "Partial service min/yr: mean", stats: ["mean"], format: "number" }],
  }),
  stat({
    path: "partialUnavailability", unit: "fraction", label: "unavailability during partial service", theme: "availability", over: "replication",
    column: { id: "partialUnavailability", scale: "identity" }, sweep: true,
  }),
  stat({
    path: "floorUnavailability", unit: "fraction", label: "unavailability no failover removes (floor)", theme: "impact", over: "replication",
    column: { id: "floorUnavailability", scale: "identity" }, sweep: true,
    table: { heading: "floor\nunavail.\nmean", stats: ["mean"], format: "percent", rank: 7 },
    report: [{ heading: "Floor: % of requests lost", stats: ["mean"], format: "percent" }],
  }),
  stat({
    path: "allRegionsDownUnavailability", unit: "fraction", label: "unavailability while every region was down", theme: "availability", over: "replication",
    column: { id: "allRegionsDownUnavailability", scale: "identity" },
  }),
  stat({
    path: "brownoutUnavailability", unit: "fraction", label: "unavailability from brownouts (no incident open)", theme: "availability", over: "replication",
    column: { id: "brownoutUnavailability", scale: "identity" },
  }),
  stat({
    path: "corruptionUnavailability", unit: "fraction", label: "unavailability while restoring from corruption", theme: "availability", over: "replication",
    column: { id: "corruptionUnavailability", scale: "identity" },
  }),
  stat({
    path: "regionFailureDataLossSeconds", unit: "s", label: "data loss from region failures", theme: "impact", over: "replication",
    column: { id: "regionFailureDataLossSeconds", scale: "identity" }, sweep: true, curve: true,
    table: { heading: "region-failure loss s<per>\nmean / p99", stats: ["mean", "p99"], format: "number", wide: true },
    report: [{ heading: "Data loss, region failures s/yr: mean / p99", stats: ["mean", "p99"], format: "number" }],
  }),
  stat({
    path: "corruptionDataLossSeconds", unit: "s", label: "data discarded by corruption restores", theme: "impact", over: "replication",
    column: { id: "corruptionDataLossSeconds", scale: "identity" },
    table: { heading: "corruption loss s<per>\nmean / p99", stats: ["mean", "p99"], format: "number", wide: true },
  }),
  stat({
    path: "worstRtoMinutes", unit: "min", label: "worst region-failure RTO of the year", theme: "incidents", over: "replication",
    column: { id: "worstRtoSeconds", scale: "minutes" }, sweep: true, curve: true,
    table: { heading: "RTO\nworst<per>\np95 min", stats: ["p95"], format: "number", rank: 4 },
    report: [{ heading: "Worst RTO of a year: p95 (min)", stats: ["p95"], format: "number" }],
  }),
  stat({
    path: "worstRpoSeconds", unit: "s", label: "worst region-failure RPO of the year", theme: "incidents", over: "replication",
    column: { id: "worstRpoSeconds", scale: "identity" }, sweep: true, curve: true,
    table: { heading: "RPO\nworst<per>\np95 s", stats: ["p95"], format: "number", rank: 4 },
    report: [{ heading: "Worst RPO of a year: p95 (s)", stats: ["p95"], format: "number" }],
  }),
  stat({
    path: "floorPenaltyUSD", unit: "USD", label: "penalties no failover avoids (floor)", theme: "cost", over: "replication",
    column: { id: "floorPenaltyUSD", scale: "identity" },
    table: { heading: "floor penalties $<per>\nmean", stats: ["mean"], format: "usd", wide: true },
  }),
] as const satisfies readonly MetricDef[];

type Entry = (typeof SUMMARY_METRICS)[number];
type StatEntry = Extract<Entry, { kind: "stat" }>;

/** Paths of the statistics (`<path>.<stat>` names one number) and of the plain numbers. */
export type StatPath = StatEntry["path"];
export type ScalarPath = Extract<Entry, { kind: "scalar" }>["path"];

type TopLevel<P> = P extends `${string}.${string}` ? never : P;
type Under<Prefix extends string, P> = P extends `${Prefix}.${infer Rest}` ? TopLevel<Rest> : never;

/** Top-level statistics of summary.json: the contract's, and the others. */
export type ContractStat = TopLevel<Extract<StatEntry, { contract: true }>["path"]>;
export type ExtraStat = TopLevel<Exclude<StatEntry, { contract: true }>["path"]>;
/** Statistics in `incidents` and in `incidents.regionFailures` (and each cause of `incidents.byCause`). */
export type IncidentStat = Under<"incidents", StatPath>;
/** The contract's statistics in `incidents` (every summary.json has them). */
export type ContractIncidentStat = Under<"incidents", Extract<StatEntry, { contract: true }>["path"]>;
export type CauseStat = Under<"incidents.regionFailures", StatPath>;
/** Plain numbers at the top of a strategy's summary, in `incidents`, and in each cause's summary. */
export type TopScalar = TopLevel<ScalarPath>;
export type IncidentScalar = Under<"incidents", ScalarPath>;
export type CauseScalar = Under<"incidents.regionFailures", ScalarPath>;
/** Statistics with a paired difference, and with exceedance probabilities. */
export type DifferenceStat = Extract<StatEntry, { difference: object }>["path"];
export type ExceedanceStat = Extract<StatEntry, { exceedance: readonly number[] }>["path"];
/** Statistics whose distribution the charts draw. */
export type CurveStat = Extract<StatEntry, { curve: true }>["path"];

/** The summary metrics as plain definitions (SUMMARY_METRICS keeps their literal types for the summary's shape). */
export const METRIC_DEFS: readonly MetricDef[] = SUMMARY_METRICS;
export const STAT_DEFS: readonly StatDef[] = SUMMARY_METRICS.filter((m): m is StatEntry => m.kind === "stat");
export const SCALAR_DEFS: readonly ScalarDef[] = SUMMARY_METRICS.filter((m) => m.kind === "scalar");

/** The catalogue's metrics a view shows, ordered by the view's themes, then by catalogue order. */
export function byTheme<M extends MetricDef>(metrics: readonly M[], themes: readonly Theme[]): M[] {
  return themes.flatMap((theme) => metrics.filter((m) => m.theme === theme));
}
