// The report's stylesheet: a single readable column, the charts' font; at 700 px and below the
// tables scroll inside their own box and the charts shrink to the column; printed (A4 or Letter,
// whichever the printer has) the interactive hints go, tables and figures keep together, and the
// decision stands on its own first page.
export const REPORT_CSS = `
:root { --ink: #222; --muted: #555; --rule: #ddd; --accent: #0072B2; --good: #1b7a3a; --bad: #b3261e; --unsure: #8a6d00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 "DejaVu Sans", Verdana, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 64px; }
h1 { font-size: 26px; margin: 0 0 6px; line-height: 1.25; }
h2 { font-size: 20px; margin: 40px 0 8px; padding-top: 8px; border-top: 1px solid var(--rule); }
h3 { font-size: 15px; margin: 18px 0 6px; }
p, li, dd { max-width: 780px; }
.kicker { color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 12px; margin: 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 0; font-size: 14px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
dl.definitions { font-size: 13.5px; margin: 10px 0; }
dl.definitions dt { font-weight: bold; margin-top: 6px; }
dl.definitions dd { margin: 0 0 0 16px; }
nav ol { padding-left: 20px; margin: 8px 0; }
a { color: var(--accent); }
.decision .question { font-size: 16px; }
.recommendation { border: 2px solid var(--accent); border-radius: 6px; padding: 10px 16px 12px; margin: 14px 0; background: #f3f8fc; }
.recommendation.none { border-color: var(--unsure); background: #fbf7ea; }
.verdict { font-size: 20px; margin: 4px 0 6px; }
.verdict.none { font-size: 16px; }
.table-wrap { overflow-x: auto; max-width: 100%; margin: 8px 0; }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); font-size: 13px; padding: 0 0 4px; caption-side: top; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: bottom; }
td { text-align: right; white-space: nowrap; }
thead th { font-weight: normal; color: var(--muted); text-align: right; min-width: 72px; }
table.summary thead th { min-width: 88px; }
thead th:first-child, th[scope=row] { text-align: left; }
th[scope=row] { font-weight: bold; white-space: nowrap; }
table.evidence td, table.evidence th { white-space: normal; }
table.evidence td:first-of-type { font-weight: bold; }
table.inputs { width: 100%; }
table.inputs td, table.inputs th[scope=row] { text-align: left; white-space: normal; vertical-align: top; font-size: 12.5px; }
table.inputs th[scope=row] { font-weight: normal; min-width: 11em; }
table.inputs thead th { text-align: left; }
table.inputs td:nth-child(2) { min-width: 8em; }
table.inputs td:nth-child(5) { min-width: 18em; }
table.inputs td:nth-child(4) { white-space: nowrap; }
table.inputs code { font-size: 12px; }
.assumption { background: #fff4d6; }
.muted { color: var(--muted); }
.mark.meets { color: var(--good); }
.mark.misses { color: var(--bad); }
.mark.undetermined { color: var(--unsure); }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 7px; vertical-align: -1px; }
.chart { margin: 8px 0; overflow-x: auto; min-height: 120px; }
.chart svg { -webkit-user-select: none; user-select: none; max-width: 100%; height: auto; }
.how { color: var(--ink); font-size: 14px; }
.how ul { padding-left: 20px; margin: 4px 0; }
.files { color: var(--muted); font-size: 13px; }
details { margin: 8px 0; }
pre { background: #f6f6f6; padding: 10px; overflow-x: auto; font-size: 12px; }
.hint { color: var(--muted); font-size: 13px; }
@media (max-width: 760px) {
  body { font-size: 14px; }
  main { padding: 16px 12px 48px; }
  h1 { font-size: 22px; }
  h2 { font-size: 18px; }
  .verdict { font-size: 18px; }
  table { font-size: 12px; }
  th, td { padding: 4px 6px; }
  /* The inputs table fits the column rather than scrolling: long paths and flow values wrap. */
  table.inputs th[scope=row], table.inputs td:nth-child(2), table.inputs td:nth-child(4) { min-width: 0; white-space: normal; overflow-wrap: anywhere; }
  table.inputs td:nth-child(5) { min-width: 10em; }
}
@page { margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { font-size: 14pt; margin-top: 18pt; }
  nav, .interactive, .files, details, .vega-embed .vega-actions, .vega-embed details { display: none; }
  #decision { break-after: page; }
  .table-wrap, table, .recommendation, .chart, dl.definitions { break-inside: avoid; }
  table.inputs { break-inside: auto; }
  table.inputs tr { break-inside: avoid; }
  h2, h3, caption { break-after: avoid; }
  .figure { break-inside: avoid; }
  .table-wrap, .chart { overflow: visible; }
  table { font-size: 8pt; width: 100%; }
  th, td { padding: 3px 4px; white-space: normal; }
  thead th, table.summary thead th { min-width: 0; }
  th[scope=row] { white-space: normal; }
  table.inputs td { font-size: 7.5pt; }
  .chart svg { max-width: 100% !important; height: auto !important; }
  a { color: inherit; text-decoration: none; }
}
`;
