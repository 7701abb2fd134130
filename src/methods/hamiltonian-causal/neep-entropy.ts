// E6 linear NEEP (Kim, Bae, Lee, Jeong PRL 125, 140604 (2020); kdkyum/neep; spec §2.6): antisymmetric
// ΔS_θ(x, x') = Σ_a θ_a ψ_a with ψ_a = b_a(x̄)·(x' − x); maximise J(θ) = ⟨ΔS_θ − e^{−ΔS_θ}⟩ (concave in θ)
// by damped Newton. Two-fold cross-fitting over alternating contiguous blocks (held-out evaluation);
// rate = ⟨ΔS − e^{−ΔS} + 1⟩_held-out / Δt, SE over 20 blocks.
import { AnsatzError } from "../../core/errors.ts";
import { solve } from "../../core/linalg.ts";
import { Mat } from "../../core/matrix.ts";
import type { VectorBasis } from "./basis.ts";
import { basisCurrents, blockBounds } from "./currents.ts";
import type { EntropyEstimate } from "./entropy-result.ts";
import { checkEnough } from "./sfi-entropy.ts";
import { checkEnsemble, type Ensemble } from "./trajectory.ts";

function objective(psi: Float64Array, rows: number[], nb: number, th: Float64Array): number {
  let s = 0;
  for (const r of rows) {
    let z = 0;
    for (let a = 0; a < nb; a++) z += psi[r * nb + a]! * th[a]!;
    s += z - Math.exp(-z);
  }
  return s / rows.length;
}

/** Fits θ maximising ⟨z − e^{−z}⟩ over the given rows by Newton with step halving. */
export function fitLinearNeep(psi: Float64Array, rows: number[], nb: number, maxIter = 30): Float64Array {
  let th = new Float64Array(nb);
  let f = objective(psi, rows, nb, th);
  for (let it = 0; it < maxIter; it++) {
    const g = new Float64Array(nb);
    const H = Mat.zeros(nb, nb);
    for (const r of rows) {
      let z = 0;
      for (let a = 0; a < nb; a++) z += psi[r * nb + a]! * th[a]!;
      const ez = Math.exp(-z);
      for (let a = 0; a < nb; a++) {
        const pa = psi[r * nb + a]!;
        g[a] = g[a]! + pa * (1 + ez);
        for (let b = a; b < nb; b++) H.data[a * nb + b] = H.data[a * nb + b]! + pa * psi[r * nb + b]! * ez;
      }
    }
    for (let a = 0; a < nb; a++) for (let b = 0; b < a; b++) H.data[a * nb + b] = H.data[b * nb + a]!;
    const step = solve(H, g); // ascent direction −H_J⁻¹ g with H_J = −H
    let alpha = 1;
    let improved = false;
    for (let k = 0; k < 30; k++) {
      const cand = th.map((v, a) => v + alpha * step[a]!);
      const fc = objective(psi, rows, nb, cand);
      if (fc >= f) {
        const done = fc - f < 1e-15 * Math.max(1, Math.abs(f));
        th = cand;
        f = fc;
        improved = !done;
        break;
      }
      alpha /= 2;
    }
    if (!improved) break;
  }
  return th;
}

/** Linear-feature NEEP EP rate with held-out (cross-fitted) evaluation. */
export function linearNeepEntropy(e: Ensemble, basis: VectorBasis): EntropyEstimate {
  checkEnsemble(e);
  checkEnough(e, basis, "neep");
  const nb = basis.size;
  const psi = basisCurrents(e, basis);
  const n = psi.length / nb;
  const K = 20;
  if (n < 4 * K * nb) {
    throw AnsatzError.expected(
      "too-little-data",
      "neep samples",
      `at least ${4 * K * nb} increments`,
      `${n}`,
    );
  }
  const bounds = blockBounds(n, K);
  const fold = (parity: number): number[] => {
    const rows: number[] = [];
    for (let k = parity; k < K; k += 2) for (let r = bounds[k]!; r < bounds[k + 1]!; r++) rows.push(r);
    return rows;
  };
  const th = [fitLinearNeep(psi, fold(0), nb), fitLinearNeep(psi, fold(1), nb)];
  const blockRates = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const w = th[1 - (k % 2)]!; // fitted on the other fold
    let s = 0;
    for (let r = bounds[k]!; r < bounds[k + 1]!; r++) {
      let z = 0;
      for (let a = 0; a < nb; a++) z += psi[r * nb + a]! * w[a]!;
      s += z - Math.exp(-z) + 1;
    }
    blockRates[k] = s / (bounds[k + 1]! - bounds[k]!) / e.dt;
  }
  let m = 0;
  for (const v of blockRates) m += v / K;
  let v2 = 0;
  for (const v of blockRates) v2 += (v - m) ** 2;
  return {
    estimator: "neep",
    rate: m,
    stderr: Math.sqrt(v2 / (K - 1) / K),
    convention:
      `steady-state total EP rate, linear NEEP ⟨ΔS − e^{−ΔS} + 1⟩/Δt with ΔS antisymmetric in the ${basis.name} ` +
      `currents (N_b = ${nb}); even variables; Δt = ${e.dt}; 2-fold cross-fitted (held-out) evaluation; SE over 20 blocks`,
    details: { basisSize: nb, theta: Array.from(th[0]!) },
  };
}
