// E2 known-model entropy production (Sekimoto 1998; Seifert, Rep. Prog. Phys. 75 126001 (2012); spec §2.6):
// ΔS_tot = Σ_t b(x̄_t, t̄)ᵀ D⁻¹ Δx_t + ln ρ(x_0, t_0) − ln ρ(x_τ, τ), Stratonovich midpoint, for an
// overdamped model dx = b dt + sqrt(2D) dW (b = μF, so b·D⁻¹dx = F∘dx/T is the heat to the bath over T).
import { AnsatzError } from "../../core/errors.ts";
import type { EntropyEstimate } from "./entropy-result.ts";
import type { OverdampedModel } from "./simulate.ts";
import { checkEnsemble, type Ensemble, meanAndStderr, unitTotals } from "./trajectory.ts";

/** Per-increment medium entropy b(x̄, t̄)ᵀ D⁻¹ Δx (Stratonovich midpoint), index path·(nPoints−1) + t. */
export function mediumEntropySteps(e: Ensemble, model: OverdampedModel): Float64Array {
  checkEnsemble(e);
  const d = e.dim;
  if (model.dim !== d)
    throw AnsatzError.expected("bad-shape", "known-model EP model dim", `${d} like the data`, `${model.dim}`);
  const steps = e.nPoints - 1;
  const out = new Float64Array(e.nPaths * steps);
  const mid = new Float64Array(d);
  const b = new Float64Array(d);
  const x = e.x;
  for (let p = 0; p < e.nPaths; p++) {
    for (let t = 0; t < steps; t++) {
      const o = (p * e.nPoints + t) * d;
      for (let i = 0; i < d; i++) mid[i] = 0.5 * (x[o + i]! + x[o + d + i]!);
      model.drift(e.t0 + (t + 0.5) * e.dt, mid, b);
      let s = 0;
      for (let i = 0; i < d; i++) s += (b[i]! * (x[o + d + i]! - x[o + i]!)) / model.D[i]!;
      out[p * steps + t] = s;
    }
  }
  return out;
}

/**
 * Known-model EP rate. With `logRho(t, x)` and ≥ 10 paths the per-path total includes the system-entropy
 * term; without it (steady state) only the medium entropy is summed. SE from paths or 20 time blocks.
 */
export function knownModelEntropy(
  e: Ensemble,
  model: OverdampedModel,
  logRho?: (t: number, x: Float64Array) => number,
): EntropyEstimate & { total: number; totalStderr: number } {
  const steps = mediumEntropySteps(e, model);
  const { totals, unitTime } = unitTotals(e, steps);
  const withSystem = logRho !== undefined && e.nPaths >= 10;
  if (withSystem) {
    const d = e.dim;
    const tEnd = e.t0 + (e.nPoints - 1) * e.dt;
    for (let p = 0; p < e.nPaths; p++) {
      const o0 = p * e.nPoints * d;
      const o1 = o0 + (e.nPoints - 1) * d;
      totals[p] =
        totals[p]! + logRho(e.t0, e.x.subarray(o0, o0 + d)) - logRho(tEnd, e.x.subarray(o1, o1 + d));
    }
  }
  const { mean, stderr } = meanAndStderr(totals);
  return {
    estimator: "known",
    rate: mean / unitTime,
    stderr: stderr / unitTime,
    total: mean,
    totalStderr: stderr,
    convention:
      `total EP Δs_tot = Δs_medium${withSystem ? " + Δs_sys" : " (steady state, system term omitted)"}, ` +
      `backward process from ρ_τ; even variables (overdamped); Stratonovich midpoint; Δt = ${e.dt}; ` +
      `SE from ${e.nPaths >= 10 ? `${e.nPaths} independent paths` : "20 time blocks per path"}`,
  };
}
