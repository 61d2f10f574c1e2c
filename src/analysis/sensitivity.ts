// One-at-a-time sensitivity: the metric at the base scenario, then with each input at its low and
// at its high value (the others at base), all with the same seed — common random numbers, so the
// swing high − low measures the input, not sampling noise. Inputs are ranked per strategy by
// |swing|: a tornado. Pure logic over summaries (and per-replication columns for paired CIs); it
// returns numbers, and src/report/sensitivity.ts words them.
import { pairedDifference, type Difference } from "../montecarlo/stat.js";
import type { Summary } from "../montecarlo/summary.js";
import type { RunResult } from "../montecarlo/types.js";
import { metricValue, replicationValues, type MetricPath } from "./metricPath.js";
import { rangeFor, type InputRange, type RangeRule, type SensitivityInput } from "./sensitivityInputs.js";

export interface Effect {
  readonly input: string;
  readonly label: string;
  readonly rule: RangeRule;
  /** The input's low and high values as they apply to this strategy. */
  readonly range: InputRange;
  /** The metric with the input at its low / high value. */
  readonly low: number;
  readonly high: number;
  /** high − low. */
  readonly swing: number;
  /** Paired 95 % CI of the swing (means of per-replication metrics only). */
  readonly swingCi95: readonly [number, number] | undefined;
  /** 1-based rank by |swing| within the strategy; inputs with no effect at all share the last ranks. */
  readonly rank: number;
}

export interface StrategySensitivity {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  readonly base: number;
  /** Ranked, largest |swing| first; NaN swings (metric undefined) last. */
  readonly effects: readonly Effect[];
}

export interface SensitivityResult {
  readonly scenario: string;
  readonly metric: string;
  readonly runs: number;
  readonly seed: number;
  readonly horizonHours: number;
  readonly strategies: readonly StrategySensitivity[];
}

/** A swing at the level of floating-point rounding of sums (1e-10 of $1M), not an effect. */
function negligible(swing: number, a: number, b: number): boolean {
  return Math.abs(swing) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

/** Per strategy: the metric of one run, and its per-replication values when a paired CI applies. */
interface Observed {
  readonly values: readonly number[];
  readonly columns: readonly (Float64Array | undefined)[];
}

function observe(run: RunResult, summary: Summary, metric: MetricPath): Observed {
  return {
    values: summary.strategyOrder.map((id) => metricValue(summary.strategies[id]!, metric)),
    columns: summary.strategyOrder.map((_, i) => replicationValues(run, i, metric)),
  };
}

/**
 * Accumulates runs in the order base, input 1 low, input 1 high, input 2 low, … (runIndex 0, 1, 2, …)
 * and keeps only what the ranking needs: one number per strategy per run, and the low run's
 * per-replication column until its high run arrives.
 */
export class SensitivityAccumulator {
  private base: Observed | undefined;
  private pendingLow: Observed | undefined;
  private readonly results: { low: Observed; high: Observed; diff: (Difference | undefined)[] }[] = [];
  private summary: Summary | undefined;

  constructor(
    private readonly inputs: readonly SensitivityInput[],
    private readonly metric: MetricPath,
  ) {}

  /** The runs to make, as override lists: [] for the base, then low and high per input. */
  static runs(inputs: readonly SensitivityInput[]): (readonly { path: string; value: string }[])[] {
    return [[], ...inputs.flatMap((input) => [input.low, input.high])];
  }

  add(runIndex: number, run: RunResult, summary: Summary): void {
    const seen = observe(run, summary, this.metric);
    if (runIndex === 0) {
      this.base = seen;
      this.summary = summary;
    } else if (runIndex % 2 === 1) this.pendingLow = seen;
    else {
      const low = this.pendingLow!;
      const diff = seen.columns.map((h, s) => {
        const l = low.columns[s];
        return h === undefined || l === undefined ? undefined : pairedDifference(h, l);
      });
      this.results.push({ low: { values: low.values, columns: [] }, high: { values: seen.values, columns: [] }, diff });
      this.pendingLow = undefined;
    }
  }

  result(): SensitivityResult {
    const summary = this.summary;
    if (summary === undefined || this.base === undefined || this.results.length !== this.inputs.length) throw new Error("sensitivity: not every run was added");
    const strategies = summary.strategyOrder.map((id, s) => {
      const info = summary.strategies[id]!;
      const effects = this.inputs.map((input, k) => {
        const r = this.results[k]!;
        const low = r.low.values[s]!;
        const high = r.high.values[s]!;
        const d = r.diff[s];
        return {
          input: input.id,
          label: input.label,
          rule: input.rule,
          range: rangeFor(input, id),
          low,
          high,
          swing: negligible(high - low, low, high) ? 0 : high - low,
          swingCi95: d === undefined ? undefined : d.ci95,
        };
      });
      const size = (e: { swing: number }): number => (Number.isNaN(e.swing) ? -1 : Math.abs(e.swing));
      // Stable: equal swings keep the input order.
      const ranked = effects.map((e, i) => ({ e, i })).sort((a, b) => size(b.e) - size(a.e) || a.i - b.i).map((x, r) => ({ ...x.e, rank: r + 1 }));
      return { id, label: info.label, type: info.type, base: this.base!.values[s]!, effects: ranked };
    });
    return {
      scenario: summary.scenario,
      metric: this.metric.text,
      runs: summary.runs,
      seed: summary.seed,
      horizonHours: summary.horizonHours,
      strategies,
    };
  }
}
