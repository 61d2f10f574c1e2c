// drsim export DIR: a saved run's rows in another format — CSV by default (app/export.ts); this
// file wires the flags and prints.
import { Option, type Command } from "commander";
import { exportRun } from "../../app/export.js";
import { withProgress } from "../progress.js";

interface ExportFlags {
  out?: string;
  csv?: boolean;
  parquet?: boolean;
  quiet?: boolean;
  progress: boolean;
}

export function define(cmd: Command): void {
  cmd
    .argument("<dir>", "a run or shard directory written by drsim run or drsim merge")
    .option("--csv", "write replications.csv and incidents.csv (the default)")
    .addOption(new Option("--parquet", "write replications.parquet and incidents.parquet (from a run kept as CSV)").conflicts("csv"))
    .option("--out <dir>", "write the files there instead of beside the run's")
    .option("--quiet", "print nothing but errors")
    .option("--no-progress", "no progress display on stderr")
    .addHelpText(
      "after",
      "\nThe CSV files are byte for byte those `drsim run --csv` writes. Nothing is re-simulated; the run's\nother files are left as they are.\n\nExample:\n  $ drsim run scenarios/default.yaml -n 100000 --out results/default\n  $ drsim export results/default          # results/default/replications.csv, incidents.csv",
    )
    .action(async (dir: string, flags: ExportFlags) => {
      const { files } = await withProgress(flags, (onProgress) => exportRun({ dir, out: flags.out, to: flags.parquet === true ? "parquet" : "csv", onProgress }));
      if (flags.quiet !== true) process.stdout.write(`${files.join("\n")}\n`);
    });
}
