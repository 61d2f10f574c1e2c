// makeDistribution: validates a DistributionSpec and builds its Distribution. The families live in
// distributions/*.ts; this module only dispatches and re-exports the special functions that other
// layers may need (normal cdf/quantile, Student's t for intervals).
//
// Uniforms consumed per sample: exactly one for every family (inverse-transform sampling; fixed
// consumes one too, to keep streams aligned when a parameter switches between fixed and random),
// except gamma (Marsaglia–Tsang rejection, ~2.1 on average — see distributions/gamma.ts).
import { UserError } from "../errors.js";
import { Exponential, Fixed, Triangular, Uniform } from "./distributions/basic.js";
import { Gamma } from "./distributions/gamma.js";
import { Interpolated } from "./distributions/interpolated.js";
import { Lognormal } from "./distributions/lognormal.js";
import { TruncatedNormal } from "./distributions/truncatedNormal.js";
import { Weibull } from "./distributions/weibull.js";
import type { Distribution, DistributionSpec } from "./types.js";

export { erf, erfc, normalCdf, normalPdf, normalQuantile, normalSf } from "./distributions/normal.js";
export { betaI, gammaP, gammaQ, logGamma } from "./distributions/special.js";
export { studentTCdf, studentTQuantile } from "./distributions/studentT.js";

/** Rejects a spec that mixes two parameterisations, e.g. an exponential with both mean and rate. */
function onlyOne(dist: string, spec: object, a: string, b: string): void {
  const hasA = a in spec;
  const hasB = b in spec;
  if (hasA && hasB) throw new UserError(`${dist}: give either ${a} or ${b}, not both`);
  if (!hasA && !hasB) throw new UserError(`${dist}: needs ${a} or ${b}`);
}

/**
 * The spec of k·X for X ~ `spec` and k > 0: every family here is closed under scaling, with its
 * scale-like parameters multiplied by k (shape parameters and σ of a lognormal unchanged).
 */
export function scaleSpec(spec: DistributionSpec, k: number): DistributionSpec {
  if (!(k > 0 && Number.isFinite(k))) throw new RangeError(`scaleSpec: factor must be finite and > 0, got ${k}`);
  switch (spec.dist) {
    case "fixed":
      return { dist: "fixed", value: spec.value * k };
    case "uniform":
      return { dist: "uniform", min: spec.min * k, max: spec.max * k };
    case "exponential":
      return "mean" in spec ? { dist: "exponential", mean: spec.mean * k } : { dist: "exponential", rate: spec.rate / k };
    case "lognormal":
      return "median" in spec ? { dist: "lognormal", median: spec.median * k, sigma: spec.sigma } : { dist: "lognormal", mean: spec.mean * k, sd: spec.sd * k };
    case "weibull":
      return { dist: "weibull", shape: spec.shape, scale: spec.scale * k };
    case "gamma":
      return { dist: "gamma", shape: spec.shape, scale: spec.scale * k };
    case "triangular":
      return { dist: "triangular", min: spec.min * k, mode: spec.mode * k, max: spec.max * k };
    case "truncated-normal":
      return { dist: "truncated-normal", mean: spec.mean * k, sd: spec.sd * k };
    case "empirical":
      return { dist: "empirical", samples: spec.samples.map((x) => x * k) };
  }
}

export function makeDistribution(spec: DistributionSpec): Distribution {
  switch (spec.dist) {
    case "fixed":
      return new Fixed(spec.value);
    case "uniform":
      return new Uniform(spec.min, spec.max);
    case "exponential":
      onlyOne("exponential", spec, "mean", "rate");
      return new Exponential(spec);
    case "lognormal":
      onlyOne("lognormal", spec, "median", "mean");
      return new Lognormal(spec);
    case "weibull":
      return new Weibull(spec.shape, spec.scale);
    case "gamma":
      return new Gamma(spec.shape, spec.scale);
    case "triangular":
      return new Triangular(spec.min, spec.mode, spec.max);
    case "truncated-normal":
      return new TruncatedNormal(spec.mean, spec.sd);
    case "empirical":
      return new Interpolated(spec.samples);
    default: {
      // Unreachable for typed callers; specs parsed from files may still carry anything.
      const unknown: { dist?: unknown } = spec;
      throw new UserError(`unknown distribution ${JSON.stringify(unknown.dist)}`);
    }
  }
}
