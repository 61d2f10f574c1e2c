// The report's stylesheet: a single readable column, the charts' font, print-friendly.
export const REPORT_CSS = `
:root { --ink: #222; --muted: #555; --rule: #ddd; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 "DejaVu Sans", Verdana, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 8px; padding-top: 8px; border-top: 1px solid var(--rule); }
h3 { font-size: 15px; margin: 12px 0 4px; }
p, li { max-width: 760px; }
.desc { color: var(--muted); margin: 4px 0 12px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 0; font-size: 14px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
nav ol { padding-left: 20px; margin: 8px 0; }
a { color: var(--accent); }
table.summary { border-collapse: collapse; font-size: 13px; margin: 8px 0; font-variant-numeric: tabular-nums; }
table.summary th, table.summary td { padding: 5px 8px; white-space: nowrap; border-bottom: 1px solid var(--rule); text-align: right; vertical-align: bottom; }
table.summary thead th { font-weight: normal; color: var(--muted); white-space: normal; min-width: 64px; }
table.summary th[scope=row] { text-align: left; font-weight: bold; white-space: nowrap; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 7px; vertical-align: -1px; }
.chart { margin: 8px 0; overflow-x: auto; min-height: 120px; }
.chart svg { -webkit-user-select: none; user-select: none; }
.how { color: var(--ink); font-size: 14px; }
.how ul { padding-left: 20px; margin: 4px 0; }
.files { color: var(--muted); font-size: 13px; }
details { margin: 8px 0; }
pre { background: #f6f6f6; padding: 10px; overflow-x: auto; font-size: 12px; }
.hint { color: var(--muted); font-size: 13px; }
@media print { h2 { break-before: page; } .vega-embed details { display: none; } }
`;
