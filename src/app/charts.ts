// Charts and report.html for a run directory, drawn from its files after they are written. The
// chart modules (Vega, resvg) are heavy, so they are imported only when charts are wanted.
export async function writeRunCharts(dir: string): Promise<void> {
  const { renderRunReport } = await import("../report/charts/index.js");
  await renderRunReport(dir);
}
