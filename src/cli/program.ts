// The drsim commander program. Only the command actually invoked is imported and fully defined;
// the others are registered by name and summary alone, which is all `drsim --help` needs.
import { Command } from "commander";
import { drsimVersion } from "../version.js";
import { COMMANDS } from "./commands/index.js";

/** The subcommand named on the command line ("help run" → "run"), if any. */
export function invokedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith("-"));
  return words[0] === "help" ? words[1] : words[0];
}

export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command("drsim")
    .description(
      "Discrete-event Monte Carlo simulator of regional cloud failures and four Kubernetes disaster-recovery " +
        "strategies (backup & restore, pilot light, warm standby, active-active).",
    )
    .version(drsimVersion(), "-V, --version", "print the drsim version")
    .option("--debug", "print stack traces on errors")
    // Usage errors surface as CommanderError; main() maps them to exit code 2.
    .exitOverride()
    .showSuggestionAfterError()
    .addHelpText("after", "\nExample:\n  $ drsim run                      # the built-in default scenario\n  $ drsim run scenarios/x.yaml -n 100000 --seed 7\n  $ drsim run --help");
  const target = invokedCommand(argv);
  for (const entry of COMMANDS) {
    // program.command() (unlike addCommand) copies exitOverride and output settings to the subcommand.
    const cmd = program.command(entry.name).description(entry.summary);
    if (entry.name === target) (await entry.load()).define(cmd);
  }
  return program;
}
