// Loading a portfolio with the model's scenario schema (scenario.ts composes it from the registries):
// every service is read by the same schema a single-service scenario is.
import type { LoadOptions } from "../scenario/load.js";
import type { Portfolio } from "../scenario/portfolio.js";
import { loadPortfolioWith } from "../scenario/portfolioLoad.js";
import { REGISTRIES, type Registries } from "./registries.js";
import { scenarioSchemas } from "./scenario.js";

/** Loads a portfolio file (see scenario/portfolioLoad.ts). */
export function loadPortfolio(file: string, options: LoadOptions = {}, registries: Registries = REGISTRIES): Promise<Portfolio> {
  return loadPortfolioWith(scenarioSchemas(registries), file, options);
}
