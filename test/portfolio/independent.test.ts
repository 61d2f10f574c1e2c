// A portfolio whose services depend on nothing gives, per service, exactly what the service's own
// run gives (docs/design.md's third closed form): the same seed, byte-identical replications.csv
// and incidents.csv rows — though every service is simulated beside the others and every plan is
// composed. The service's own run is the one `drsim run` makes: the Monte Carlo runner on the
// service as a scenario (its view: the portfolio's world with its own fields).
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BatchBuilder } from "../../src/montecarlo/columns.js";
import { runMonteCarlo } from "../../src/montecarlo/runner.js";
import type { ColumnarResult } from "../../src/montecarlo/types.js";
import { compilePortfolio } from "../../src/replication/portfolioModel.js";
import { simulatePortfolioReplication } from "../../src/replication/portfolioReplication.js";
import { loadPortfolio } from "../../src/replication/portfolioScenario.js";
import { incidentsCsv, replicationsCsv } from "../../src/store/csv.js";

const INDEPENDENT = fileURLToPath(new URL("./fixtures/independent.yaml", import.meta.url));

function text(chunks: Generator<string>): string {
  return [...chunks].join("");
}

describe("a portfolio of independent services", () => {
  it("gives each service's own run, byte for byte", async () => {
    const portfolio = await loadPortfolio(INDEPENDENT);
    const model = compilePortfolio(portfolio);
    const { runs, seed } = portfolio.run;
    const builders = model.services.map((sm) => new BatchBuilder({ start: 0, end: runs }, sm.configs.count));
    for (let r = 0; r < runs; r++) {
      const out = simulatePortfolioReplication(model, seed, r);
      out.services.forEach((configs, s) => {
        // No dependencies: a service's configurations are its strategies, in order.
        builders[s]!.add({ replication: r, strategies: configs.map((c) => ({ metrics: c.metrics, incidents: c.incidents })) });
      });
    }
    let incidents = 0;
    for (const [s, service] of portfolio.services.entries()) {
      const ids = service.scenario.strategies.map((x) => x.id);
      const composed: ColumnarResult = builders[s]!.finish();
      const alone = await runMonteCarlo({ scenario: service.scenario, workers: 1 });
      expect(text(replicationsCsv(composed, ids))).toBe(text(replicationsCsv(alone, ids)));
      expect(text(incidentsCsv(composed, ids))).toBe(text(incidentsCsv(alone, ids)));
      incidents += alone.strategies.reduce((sum, st) => sum + st.incidents.count, 0);
    }
    // The rows compared hold incidents of every kind, not only quiet years.
    expect(incidents).toBeGreaterThan(1000);
  }, 120_000);

  it("draws each service's own streams under its name: two services with the same strategy do not share draws", async () => {
    const portfolio = await loadPortfolio(INDEPENDENT);
    const model = compilePortfolio(portfolio);
    const ws = (s: number): number => model.services[s]!.service.scenario.strategies.findIndex((x) => x.id === "warm-standby");
    const [shop, ledger] = [0, 1];
    expect(model.services[shop]!.service.scenario.service).toBe("shop");
    // Both run a warm standby in the same world: the same outages start incidents at the same
    // instants, but each decides and restores on its own draws.
    let pairs = 0;
    let differ = 0;
    for (let r = 0; r < 100; r++) {
      const out = simulatePortfolioReplication(model, portfolio.run.seed, r);
      const theirs = new Map(out.services[ledger]![ws(ledger)]!.incidents.map((i) => [i.start, i.steps.detect]));
      for (const inc of out.services[shop]![ws(shop)]!.incidents) {
        const other = theirs.get(inc.start);
        if (other === undefined) continue;
        pairs++;
        if (other !== inc.steps.detect) differ++;
      }
    }
    expect(pairs).toBeGreaterThan(20);
    expect(differ).toBe(pairs);
  });
});
