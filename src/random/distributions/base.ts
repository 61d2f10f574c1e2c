// Common shape of the distributions: quantile() validates p and defers to the unchecked inverse().
// Each family samples by inverse transform, sample(rng) = inverse(rng()), consuming exactly one
// uniform per draw. Inverse transform is monotone in the uniform, which keeps common random numbers
// aligned: the same uniform gives the same quantile under every strategy, so paired differences
// stay strongly correlated. Each subclass writes that one-line sample() itself rather than
// inheriting it, so the inner inverse() call stays monomorphic per family instead of one shared,
// megamorphic call site for every distribution in the model.
import type { Distribution, Rng } from "../types.js";
import { checkProbability } from "./validate.js";

export abstract class InverseTransform implements Distribution {
  abstract readonly label: string;
  abstract readonly mean: number;
  abstract readonly variance: number;
  abstract cdf(x: number): number;
  /** The quantile at p, for p already known to lie in [0, 1]. */
  protected abstract inverse(p: number): number;

  quantile(p: number): number {
    checkProbability(this.label, p);
    return this.inverse(p);
  }

  abstract sample(rng: Rng): number;
}
