// Reads the two reference CSVs (reference/) and fits the outage calibration that
// models/outages.yaml cites. computeOutageFit is deterministic: the same CSV bytes give the same
// object, every number rounded to 4 significant digits, keys in a fixed order.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type LognormalFit,
  empiricalQuantile,
  fitLognormal,
  ksCritical05,
  ksDistance,
  lognormalCdf,
  lognormalMean,
  lognormalMedian,
  lognormalQuantile,
  mean,
  poissonRateInterval,
  roundSignificant,
  sortedAscending,
} from "./lognormal.js";

export const STATUS_FILE = "cloud-status-incidents-2018-2020.csv";
export const MAJOR_FILE = "major-region-incidents.csv";

/** reference/SOURCES.md: "us-east-1 has had about 11 such events since 2011" (the CSV lists the 7 with public summaries). */
export const US_EAST_1_EVENTS_PER_SOURCES = 11;
/** Start of the major-event observation window ("since 2011"). */
export const MAJOR_WINDOW_START = "2011-01-01";

export type CsvRow = Readonly<Record<string, string>>;

/** Minimal RFC 4180 parser: quoted fields with commas, doubled quotes and newlines; CRLF or LF. */
export function parseCsv(text: string): CsvRow[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let inQuotes = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      record.push(field);
      field = "";
      if (record.length > 1 || record[0] !== "") records.push(record);
      record = [];
    } else field += ch;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...body] = records;
  if (header === undefined) return [];
  return body.map((cells, r) => {
    if (cells.length !== header.length) throw new Error(`CSV row ${r + 2}: ${cells.length} fields, header has ${header.length}`);
    const row: Record<string, string> = {};
    header.forEach((name, j) => {
      row[name] = cells[j]!;
    });
    return row;
  });
}

function column(row: CsvRow, name: string): string {
  const v = row[name];
  if (v === undefined) throw new Error(`CSV: missing column "${name}"`);
  return v;
}

function hours(row: CsvRow): number {
  const v = Number(column(row, "duration_hours"));
  if (!(v > 0) || !Number.isFinite(v)) throw new Error(`CSV: bad duration_hours "${column(row, "duration_hours")}"`);
  return v;
}

const r = roundSignificant;

/** A fitted lognormal next to the sample it was fitted to (hours). */
export interface FitSummary extends LognormalFit {
  readonly fitted: { readonly median: number; readonly mean: number; readonly p90: number; readonly p99: number };
  readonly empirical: {
    readonly min: number;
    readonly p10: number;
    readonly p25: number;
    readonly median: number;
    readonly mean: number;
    readonly p75: number;
    readonly p90: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly ks: { readonly distance: number; readonly critical05: number };
}

export function summarize(durations: readonly number[]): FitSummary {
  const sorted = sortedAscending(durations);
  const f = fitLognormal(sorted);
  const q = (p: number): number => r(empiricalQuantile(sorted, p));
  return {
    n: f.n,
    mu: r(f.mu),
    sigma: r(f.sigma),
    sigmaUnbiased: r(f.sigmaUnbiased),
    seMu: r(f.seMu),
    seSigma: r(f.seSigma),
    fitted: {
      median: r(lognormalMedian(f.mu)),
      mean: r(lognormalMean(f.mu, f.sigma)),
      p90: r(lognormalQuantile(0.9, f.mu, f.sigma)),
      p99: r(lognormalQuantile(0.99, f.mu, f.sigma)),
    },
    empirical: {
      min: r(sorted[0]!),
      p10: q(0.1),
      p25: q(0.25),
      median: q(0.5),
      mean: r(mean(sorted)),
      p75: q(0.75),
      p90: q(0.9),
      p95: q(0.95),
      p99: q(0.99),
      max: r(sorted[sorted.length - 1]!),
    },
    ks: {
      distance: r(ksDistance(sorted, (x) => lognormalCdf(x, f.mu, f.sigma))),
      critical05: r(ksCritical05(f.n)),
    },
  };
}

/** Networking incidents (a hint for partition durations): network, VPC, interconnect services. */
export function isNetworkService(service: string): boolean {
  return /network|interconnect|direct connect|vpc|privatelink/i.test(service) && !/content delivery|active directory/i.test(service);
}

/** A managed DNS provider's own incidents (a dependency of every failover's traffic switch): Route 53, not its Resolver. */
export function isDnsProviderService(service: string): boolean {
  return service === "Amazon Route 53";
}

/** A major event whose region field names several regions (a common-cause event). */
export function isMultiRegion(region: string): boolean {
  return /several|global|multi/i.test(region);
}

/**
 * A major event whose timing comes from the provider's own record (post-event summary, incident
 * report, status history). This leaves out exactly the three rows reference/SOURCES.md leaves out: 2011
 * ("approximate (multi-day)") and the two third-party reports (Paris 2023, Central US 2024).
 */
export function isProviderTimed(timingSource: string): boolean {
  return !/approximate|third-party/i.test(timingSource);
}

function fileInfo(path: string, name: string, rows: number): { readonly file: string; readonly rows: number; readonly sha256: string } {
  return { file: name, rows, sha256: createHash("sha256").update(readFileSync(path)).digest("hex") };
}

function yearsBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / (365.25 * 86_400_000);
}

function eventLabel(row: CsvRow): string {
  return `${column(row, "provider")} ${column(row, "region")} ${column(row, "start_date")}`;
}

export function computeOutageFit(referenceDir: string) {
  const statusPath = join(referenceDir, STATUS_FILE);
  const majorPath = join(referenceDir, MAJOR_FILE);
  const status = parseCsv(readFileSync(statusPath, "utf8"));
  const major = parseCsv(readFileSync(majorPath, "utf8"));

  // ---- status-page incidents -------------------------------------------------------------
  const providers = [...new Set(status.map((row) => column(row, "provider")))].sort();
  const years = [...new Set(status.map((row) => column(row, "start_utc").slice(0, 4)))].sort();
  const firstYear = Number(years[0]);
  const lastYear = Number(years[years.length - 1]);
  const statusYears = lastYear - firstYear + 1;
  const byProvider: Record<string, FitSummary> = {};
  const perYearByProvider: Record<string, number> = {};
  for (const p of providers) {
    const rows = status.filter((row) => column(row, "provider") === p);
    byProvider[p] = summarize(rows.map(hours));
    perYearByProvider[p] = r(rows.length / statusYears);
  }
  const network = status.filter((row) => isNetworkService(column(row, "service")));
  const nVirginia = status.filter((row) => column(row, "provider") === "AWS" && column(row, "location") === "N. Virginia");
  const dns = status.filter((row) => isDnsProviderService(column(row, "service")));
  const dnsRate = poissonRateInterval(dns.length, statusYears);

  // ---- major region events ----------------------------------------------------------------
  const timed = major.filter((row) => isProviderTimed(column(row, "timing_source")));
  const excluded = major.filter((row) => !isProviderTimed(column(row, "timing_source")));
  const with2011 = major.filter((row) => isProviderTimed(column(row, "timing_source")) || column(row, "start_date").startsWith("2011"));
  const usEast1 = major.filter((row) => column(row, "region") === "us-east-1");
  const windowEnd = major.map((row) => column(row, "start_date")).sort()[major.length - 1]!;
  const windowYears = yearsBetween(MAJOR_WINDOW_START, windowEnd);
  const ci = poissonRateInterval(usEast1.length, windowYears);
  const multi = major.filter((row) => isMultiRegion(column(row, "region")));
  const timedMulti = timed.filter((row) => isMultiRegion(column(row, "region")));
  const commonByProvider: Record<string, { readonly multiRegion: number; readonly events: number }> = {};
  for (const p of [...new Set(major.map((row) => column(row, "provider")))].sort()) {
    const rows = major.filter((row) => column(row, "provider") === p);
    commonByProvider[p] = { multiRegion: rows.filter((row) => isMultiRegion(column(row, "region"))).length, events: rows.length };
  }

  return {
    unit: "hours",
    method:
      "lognormal MLE on ln(hours) (sigma: divisor n; sigmaUnbiased: n-1); empirical quantiles by linear interpolation (type 7); " +
      "KS distance of the fitted lognormal (critical05 = 1.358/sqrt(n), conservative since the parameters are fitted); " +
      "exact Poisson 95 % interval for the rate; all numbers rounded to 4 significant digits",
    inputs: {
      statusIncidents: fileInfo(statusPath, STATUS_FILE, status.length),
      majorIncidents: fileInfo(majorPath, MAJOR_FILE, major.length),
    },
    statusPage: {
      all: summarize(status.map(hours)),
      byProvider,
      network: summarize(network.map(hours)),
      dnsProvider: {
        service: "Amazon Route 53",
        ...summarize(dns.map(hours)),
        perYear: r(dns.length / statusYears),
        perYearCi95: [r(dnsRate.lower), r(dnsRate.upper)],
      },
      incidentsPerYear: {
        years: statusYears,
        all: r(status.length / statusYears),
        byProvider: perYearByProvider,
        network: r(network.length / statusYears),
        awsNVirginia: r(nVirginia.length / statusYears),
      },
    },
    major: {
      timed: summarize(timed.map(hours)),
      timedWith2011: summarize(with2011.map(hours)),
      excluded: excluded.map((row) => `${eventLabel(row)}: ${column(row, "timing_source")}`),
      usEast1Rate: {
        events: usEast1.length,
        windowStart: MAJOR_WINDOW_START,
        windowEnd,
        years: r(windowYears),
        perRegionYear: r(usEast1.length / windowYears),
        ci95: [r(ci.lower), r(ci.upper)],
        eventsPerSources: US_EAST_1_EVENTS_PER_SOURCES,
        perRegionYearPerSources: r(US_EAST_1_EVENTS_PER_SOURCES / windowYears),
      },
      commonCause: {
        multiRegion: multi.length,
        events: major.length,
        share: r(multi.length / major.length),
        timedMultiRegion: timedMulti.length,
        timedEvents: timed.length,
        timedShare: r(timedMulti.length / timed.length),
        byProvider: commonByProvider,
      },
    },
  };
}

export type OutageFit = ReturnType<typeof computeOutageFit>;

/** Canonical JSON text of a fit (2-space indent, trailing newline). */
export function fitToJson(fit: OutageFit): string {
  return `${JSON.stringify(fit, null, 2)}\n`;
}

function line(label: string, s: FitSummary): string {
  return (
    `  ${label.padEnd(22)} n=${String(s.n).padStart(4)}  mu=${s.mu.toFixed(3).padStart(6)}  sigma=${s.sigma.toFixed(3)}` +
    `  median ${s.empirical.median} h (fit ${s.fitted.median})  mean ${s.empirical.mean} h (fit ${s.fitted.mean})` +
    `  p90 ${s.empirical.p90} (fit ${s.fitted.p90})  p99 ${s.empirical.p99} (fit ${s.fitted.p99})  KS ${s.ks.distance} (5 % ${s.ks.critical05})`
  );
}

/** The human-readable summary the fitting script prints. */
export function formatSummary(fit: OutageFit): string {
  const out: string[] = [];
  out.push(`Status-page incidents ${fit.inputs.statusIncidents.file} (${fit.inputs.statusIncidents.rows} rows, hours):`);
  out.push(line("all", fit.statusPage.all));
  for (const [p, s] of Object.entries(fit.statusPage.byProvider)) out.push(line(p, s));
  out.push(line("networking services", fit.statusPage.network));
  const dns = fit.statusPage.dnsProvider;
  out.push(line(dns.service, dns));
  out.push(`  ${dns.service}: ${dns.n} incidents -> ${dns.perYear}/year (95 % CI ${dns.perYearCi95[0]}-${dns.perYearCi95[1]})`);
  const ipy = fit.statusPage.incidentsPerYear;
  out.push(
    `  incidents per year over ${ipy.years} y: all ${ipy.all}, ` +
      Object.entries(ipy.byProvider)
        .map(([p, v]) => `${p} ${v}`)
        .join(", ") +
      `, networking ${ipy.network}, AWS N. Virginia ${ipy.awsNVirginia}`,
  );
  out.push("");
  out.push(`Major region events ${fit.inputs.majorIncidents.file} (${fit.inputs.majorIncidents.rows} rows, hours):`);
  out.push(line("timed (provider record)", fit.major.timed));
  out.push(line("timed + 2011", fit.major.timedWith2011));
  out.push(`  left out: ${fit.major.excluded.join("; ")}`);
  const u = fit.major.usEast1Rate;
  out.push(
    `  us-east-1: ${u.events} events listed ${u.windowStart}..${u.windowEnd} (${u.years} y) -> ${u.perRegionYear}/region-year ` +
      `(95 % CI ${u.ci95[0]}-${u.ci95[1]}); with reference/SOURCES.md's ~${u.eventsPerSources} events -> ${u.perRegionYearPerSources}/region-year`,
  );
  const c = fit.major.commonCause;
  out.push(
    `  common cause: ${c.multiRegion}/${c.events} events hit several regions (share ${c.share}); timed ${c.timedMultiRegion}/${c.timedEvents} (${c.timedShare}); by provider ` +
      Object.entries(c.byProvider)
        .map(([p, v]) => `${p} ${v.multiRegion}/${v.events}`)
        .join(", "),
  );
  return out.join("\n");
}
