// Stochastic energetics of an overdamped protocol-driven system (Sekimoto 1998; Seifert 2012 §2; spec §2.4):
// V(x, λ(t)) with force F = −∂_x V: work w = ∫ ∂_λV λ̇ dt, heat to the bath q = ∫ F∘dx (Stratonovich
// midpoint), first law ΔV = w − q; per path, with ensemble means, the Jarzynski average ⟨e^{−W/T}⟩ and
// the Gaussian-work check Var W / (2T⟨W⟩).
import type { Ensemble } from "./trajectory.ts";
import { checkEnsemble, meanAndStderr } from "./trajectory.ts";

/** A 1-parameter protocol: V(x, λ), ∂_λV, −∂_xV written into out, and λ(t). */
export interface Protocol {
  V: (x: Float64Array, lambda: number) => number;
  dVdLambda: (x: Float64Array, lambda: number) => number;
  force: (x: Float64Array, lambda: number, out: Float64Array) => void;
  lambda: (t: number) => number;
}

/** Per-path work and heat with means, SEs, Jarzynski average and Var W/(2T⟨W⟩), all in units of T. */
export function workAndHeat(e: Ensemble, proto: Protocol, T: number) {
  checkEnsemble(e);
  const d = e.dim;
  const W = new Float64Array(e.nPaths);
  const Q = new Float64Array(e.nPaths);
  const mid = new Float64Array(d);
  const F = new Float64Array(d);
  for (let p = 0; p < e.nPaths; p++) {
    let w = 0;
    let q = 0;
    for (let t = 0; t < e.nPoints - 1; t++) {
      const o = (p * e.nPoints + t) * d;
      const t0 = e.t0 + t * e.dt;
      const l0 = proto.lambda(t0);
      const l1 = proto.lambda(t0 + e.dt);
      const lm = 0.5 * (l0 + l1);
      for (let i = 0; i < d; i++) mid[i] = 0.5 * (e.x[o + i]! + e.x[o + d + i]!);
      w += proto.dVdLambda(mid, lm) * (l1 - l0);
      proto.force(mid, lm, F);
      for (let i = 0; i < d; i++) q += F[i]! * (e.x[o + d + i]! - e.x[o + i]!);
    }
    W[p] = w / T;
    Q[p] = q / T;
  }
  const w = meanAndStderr(W);
  const q = meanAndStderr(Q);
  let jar = 0;
  let varW = 0;
  for (let p = 0; p < e.nPaths; p++) {
    jar += Math.exp(-W[p]!);
    varW += (W[p]! - w.mean) ** 2;
  }
  varW /= e.nPaths - 1;
  return {
    work: w,
    heat: q,
    jarzynski: jar / e.nPaths,
    gaussianWorkRatio: varW / (2 * w.mean),
    perPathWork: W,
    perPathHeat: Q,
    convention: `work and heat to the bath in units of T; Stratonovich midpoint; Δt = ${e.dt}`,
  };
}
