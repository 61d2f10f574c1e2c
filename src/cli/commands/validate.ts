// drsim validate FILE…: load each scenario (YAML, extends, schema, units) without running it.
import type { Command } from "commander";
import { UserError } from "../../errors.js";
import { loadPortfolio } from "../../replication/portfolioScenario.js";
import { loadScenario } from "../../replication/scenario.js";
import { isPortfolioFile } from "../../scenario/portfolioLoad.js";
import { EXIT_USAGE } from "../runtime.js";

export function define(cmd: Command): void {
  cmd
    .argument("<files...>", "scenario files (YAML)")
    .addHelpText("after", "\nPrints \"ok <name> (<k> strategies)\" per valid file (a portfolio: its services and plans), the error otherwise; exits 2 if any fails.\n\nExample:\n  $ drsim validate scenarios/*.yaml")
    .action(async (files: string[]) => {
      let failed = 0;
      for (const file of files) {
        try {
          if (await isPortfolioFile(file)) {
            const portfolio = await loadPortfolio(file);
            const plans = portfolio.services.reduce((n, s) => n * s.scenario.strategies.length, 1);
            process.stdout.write(`ok ${portfolio.name} (portfolio: ${portfolio.services.length} services, ${plans} plans)\n`);
            continue;
          }
          const scenario = await loadScenario(file);
          const k = scenario.strategies.length;
          process.stdout.write(`ok ${scenario.name} (${k} strateg${k === 1 ? "y" : "ies"})\n`);
        } catch (error) {
          // Only bad input is reported and counted; anything else is a bug and propagates (exit 1).
          if (!(error instanceof UserError)) throw error;
          failed++;
          process.stderr.write(`drsim: ${error.message}\n`);
        }
      }
      if (failed > 0) process.exitCode = EXIT_USAGE;
    });
}
