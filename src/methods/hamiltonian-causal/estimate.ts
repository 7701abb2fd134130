// Data-only entry points for the `ansatz hcm entropy-production` and `ansatz hcm effect` commands (issue 5):
// dispatch an EP estimator by name on overdamped positions, and the effect summary between two arms
// (drift-fit + Girsanov path-KL rate, endpoint and cumulative ATE of each coordinate with 95 % intervals).
import { AnsatzError } from "../../core/errors.ts";
import { polynomialBasis } from "./basis.ts";
import { binnedEntropy } from "./binned-entropy.ts";
import { driftFitKlRate } from "./drift-fit.ts";
import { type AteEstimate, ateCumulative, ateEndpoint } from "./effects.ts";
import type { EntropyEstimate } from "./entropy-result.ts";
import { knownModelEntropy } from "./known-model-entropy.ts";
import { linearNeepEntropy } from "./neep-entropy.ts";
import { sfiEntropy } from "./sfi-entropy.ts";
import type { OverdampedModel } from "./simulate.ts";
import { checkEnsemble, type Ensemble } from "./trajectory.ts";
import { turEntropy } from "./tur-entropy.ts";

export type EstimatorName = "known" | "sfi" | "tur" | "neep" | "binned";

/** Runs one EP estimator on an ensemble; "known" needs the model, the others use the basis (default linear). */
export function estimateEntropyProduction(
  e: Ensemble,
  estimator: EstimatorName = "sfi",
  opts: { basis?: "linear" | "poly2"; model?: OverdampedModel; bins?: number } = {},
): EntropyEstimate {
  checkEnsemble(e);
  const basis = polynomialBasis(e.dim, opts.basis ?? "linear");
  switch (estimator) {
    case "known":
      if (!opts.model)
        throw AnsatzError.expected(
          "bad-argument",
          "--estimator known",
          "a known model (drift and D)",
          "none",
        );
      return knownModelEntropy(e, opts.model);
    case "sfi":
      return sfiEntropy(e, basis);
    case "tur":
      return turEntropy(e, basis);
    case "neep":
      return linearNeepEntropy(e, basis);
    case "binned":
      return binnedEntropy(e, { bins: opts.bins ?? 10 });
    default:
      throw AnsatzError.expected(
        "bad-argument",
        "--estimator",
        "known, sfi, tur, neep or binned",
        `${estimator}`,
      );
  }
}

/** Effect of arm a vs arm b: drift-fit path-KL rate and per-coordinate endpoint/cumulative ATE of x_i. */
export function estimateEffect(
  a: Ensemble,
  b: Ensemble,
  opts: { basis?: "linear" | "poly2" } = {},
): {
  pathKlRate: number;
  pathKlRateSameSample: number;
  ateEnd: AteEstimate[];
  ateCum: AteEstimate[];
  convention: string;
} {
  checkEnsemble(a, "arm a");
  checkEnsemble(b, "arm b");
  if (a.dim !== b.dim)
    throw AnsatzError.expected("bad-shape", "arm b dim", `${a.dim} like arm a`, `${b.dim}`);
  if (a.dt !== b.dt) throw AnsatzError.expected("bad-value", "arm b dt", `${a.dt} like arm a`, `${b.dt}`);
  const kl = driftFitKlRate(a, b, polynomialBasis(a.dim, opts.basis ?? "linear"));
  const ateEnd: AteEstimate[] = [];
  const ateCum: AteEstimate[] = [];
  for (let i = 0; i < a.dim; i++) {
    ateEnd.push(ateEndpoint(a, b, (x) => x[i]!));
    ateCum.push(ateCumulative(a, b, (x) => x[i]!));
  }
  return {
    pathKlRate: kl.crossFitted,
    pathKlRateSameSample: kl.rate,
    ateEnd,
    ateCum,
    convention: `${kl.convention}; pathKlRate is the cross-fitted value; ATE = E_a − E_b with Welch 95 % intervals`,
  };
}
