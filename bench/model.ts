// The model alone: replications of the default scenario (all its strategies) per CPU-second, in
// this process — no workers, no columns, no outputs. The e2e bench's per-CPU-second figure is this
// less the runner's share. 30,000 replications warm the JIT up first (with 2,000 the first of three
// trials still ran 30 % slow); each trial then times 100,000 new ones.
//
//   npm run bench -- model [--json]
import { compileModel, simulateReplication } from "../src/replication/replication.js";
import { loadScenario } from "../src/replication/scenario.js";
import { defaultScenarioPath } from "../src/scenario/load.js";
import type { BenchContext } from "./index.js";

const WARMUP = 30_000;
const TIMED = 100_000;

export async function run(ctx: BenchContext): Promise<void> {
  const model = compileModel(await loadScenario(defaultScenarioPath()));
  let sink = 0;
  let next = 0; // every trial simulates new replications, as a run does
  for (let i = 0; i < WARMUP; i++) sink += simulateReplication(model, 1, next++).strategies.length;
  ctx.measure("model/default-scenario", "replications/s", () => {
    const started = ctx.clock();
    for (let i = 0; i < TIMED; i++) sink += simulateReplication(model, 1, next++).strategies.length;
    return TIMED / (ctx.clock() - started);
  });
  if (sink === 0) ctx.note("(no strategies?)");
}
