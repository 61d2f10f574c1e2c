// The CLI entry: build the program (lazily), run it, map errors to exit codes.
import { buildProgram } from "./program.js";
import { installProcessHandlers, reportError } from "./runtime.js";

export async function main(argv: readonly string[]): Promise<number> {
  installProcessHandlers();
  const debug = argv.includes("--debug");
  try {
    const program = await buildProgram(argv);
    await program.parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    return reportError(error, debug);
  }
}
