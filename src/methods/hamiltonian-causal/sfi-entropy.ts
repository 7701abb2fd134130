// E3 SFI projection estimator of entropy production (Frishman & Ronceray, PRX 10, 021009 (2020);
// ronceray/StochasticForceInference SFI/inference/overdamped.py compute_entropy_production; spec §2.6):
//   M_a = Σ_t Δx_tᵀ D̂⁻¹ b_a(x̄_t),  G_ab = Σ_t Δt b_a(x_t)ᵀ D̂⁻¹ b_b(x_t),  ΔŜ = Mᵀ G⁻¹ M,
// bias +2N_b (debiased ΔŜ − 2N_b), error δΔS = sqrt(2ΔŜ + (2N_b)²), rate = ΔS/τ_N. D̂ constant,
// estimated as Σ Δx Δxᵀ / (2 τ_N) unless given.
import { AnsatzError } from "../../core/errors.ts";
import { solve } from "../../core/linalg.ts";
import { Mat } from "../../core/matrix.ts";
import type { VectorBasis } from "./basis.ts";
import type { EntropyEstimate } from "./entropy-result.ts";
import { checkEnsemble, type Ensemble, nIncrements } from "./trajectory.ts";

/** Constant diffusion estimate D̂ = Σ Δx Δxᵀ / (2 τ_N) (full d×d matrix). */
export function estimateDiffusion(e: Ensemble): Mat {
  const d = e.dim;
  const D = Mat.zeros(d, d);
  const dx = new Float64Array(d);
  for (let p = 0; p < e.nPaths; p++) {
    for (let t = 0; t < e.nPoints - 1; t++) {
      const o = (p * e.nPoints + t) * d;
      for (let i = 0; i < d; i++) dx[i] = e.x[o + d + i]! - e.x[o + i]!;
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) D.data[i * d + j] = D.data[i * d + j]! + dx[i]! * dx[j]!;
    }
  }
  const s = 1 / (2 * nIncrements(e) * e.dt);
  for (let i = 0; i < d * d; i++) D.data[i] = D.data[i]! * s;
  return D;
}

/** Checks there are more increments than basis functions. */
export function checkEnough(e: Ensemble, basis: VectorBasis, where: string): void {
  if (basis.dim !== e.dim)
    throw AnsatzError.expected("bad-shape", `${where} basis dim`, `${e.dim} like the data`, `${basis.dim}`);
  const n = nIncrements(e);
  if (n <= 2 * basis.size) {
    throw AnsatzError.expected(
      "too-little-data",
      `${where} samples`,
      `more than ${2 * basis.size} increments for a basis of ${basis.size} functions`,
      `${n}`,
    );
  }
}

/** SFI projection EP rate with the 2N_b/τ_N bias removed and the SFI error bar. */
export function sfiEntropy(e: Ensemble, basis: VectorBasis, opts: { D?: Mat } = {}): EntropyEstimate {
  checkEnsemble(e);
  checkEnough(e, basis, "sfi");
  const d = e.dim;
  const nb = basis.size;
  const Dh = opts.D ?? estimateDiffusion(e);
  const Dinv = solve(Dh, Mat.eye(d));
  const B = new Float64Array(d * nb);
  const DB = new Float64Array(d * nb); // D⁻¹ B
  const Mv = new Float64Array(nb);
  const G = Mat.zeros(nb, nb);
  const mid = new Float64Array(d);
  const dx = new Float64Array(d);
  const applyDinv = (): void => {
    for (let i = 0; i < d; i++) {
      for (let a = 0; a < nb; a++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += Dinv.data[i * d + k]! * B[k * nb + a]!;
        DB[i * nb + a] = s;
      }
    }
  };
  for (let p = 0; p < e.nPaths; p++) {
    for (let t = 0; t < e.nPoints - 1; t++) {
      const o = (p * e.nPoints + t) * d;
      for (let i = 0; i < d; i++) {
        mid[i] = 0.5 * (e.x[o + i]! + e.x[o + d + i]!);
        dx[i] = e.x[o + d + i]! - e.x[o + i]!;
      }
      basis.eval(mid, B);
      applyDinv();
      for (let a = 0; a < nb; a++) {
        let s = 0;
        for (let i = 0; i < d; i++) s += dx[i]! * DB[i * nb + a]!;
        Mv[a] = Mv[a]! + s;
      }
      basis.eval(e.x.subarray(o, o + d), B);
      applyDinv();
      for (let a = 0; a < nb; a++) {
        for (let c = a; c < nb; c++) {
          let s = 0;
          for (let i = 0; i < d; i++) s += B[i * nb + a]! * DB[i * nb + c]!;
          G.data[a * nb + c] = G.data[a * nb + c]! + s * e.dt;
        }
      }
    }
  }
  for (let a = 0; a < nb; a++) for (let c = 0; c < a; c++) G.data[a * nb + c] = G.data[c * nb + a]!;
  const w = solve(G, Mv);
  let dS = 0;
  for (let a = 0; a < nb; a++) dS += Mv[a]! * w[a]!;
  const tau = nIncrements(e) * e.dt;
  const err = Math.sqrt(2 * Math.max(dS, 0) + 4 * nb * nb);
  return {
    estimator: "sfi",
    rate: (dS - 2 * nb) / tau,
    stderr: err / tau,
    convention:
      `steady-state total EP rate projected on the ${basis.name} basis (N_b = ${nb}; a lower bound), ` +
      `even variables; Stratonovich midpoint for M, Itô for G; constant D̂; Δt = ${e.dt}; bias 2N_b/τ_N ` +
      "subtracted; SE = sqrt(2ΔŜ + (2N_b)²)/τ_N (Frishman–Ronceray 2020)",
    details: { raw: dS / tau, bias: (2 * nb) / tau, basisSize: nb, tau },
  };
}
