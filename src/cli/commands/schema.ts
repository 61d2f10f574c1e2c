// drsim schema: the JSON Schema of scenario files (for editors: yaml-language-server).
import type { Command } from "commander";
import { scenarioJsonSchema } from "../../replication/scenario.js";

export function define(cmd: Command): void {
  cmd
    .addHelpText("after", "\nExample:\n  $ drsim schema > schema/scenario.schema.json")
    .action(() => {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
