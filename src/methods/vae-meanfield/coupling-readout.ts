// Reading the microscopic couplings off a trained decoder (spec vae-meanfield.md §1.3, §1.4, §1.6,
// reconstructed here). In the Hubbard–Stratonovich form of a mean-field model the decoder's local field is
// φ_i(m) = ℓ_i(m)/2 = β(Σ_μ ξ_i^μ m_μ + h_i) and the order parameter given a configuration is Gaussian,
// m | s ~ N(Ξᵀs/N, I/(Nβ)) (Curie–Weiss: m | s ~ N(M/N, 1/(NβJ))). Hence
//   E[φ_i | s] = Σ_j βJ_ij s_j + βh_i,   J = ΞΞᵀ/N (Hopfield, diagonal P/N included), J_ij = J/N (Curie–Weiss).
// With the VAE's encoder standing in for the posterior q(z|x) ≈ p(m|s), the least-squares regression of the
// posterior-averaged field φ(x) = ½ E_q ℓ(z) on (1, s) estimates βJ_ij and βh_i. The estimate is symmetrised.
import { AnsatzError } from "../../core/errors.ts";
import { solve } from "../../core/linalg.ts";
import { Mat } from "../../core/matrix.ts";

export interface CouplingReadout {
  /** Estimated βJ_ij (N × N, symmetrised; the diagonal is the self-coupling of the HS form). */
  betaJ: Mat;
  /** Estimated βh_i. */
  betaH: Float64Array;
  /** N × mean of all βJ_ij: βJ for a Curie–Weiss (uniform) coupling. */
  uniformBetaJ: number;
}

/** Least-squares regression of fields [rows, N] on ±1 spins [rows, N] with an intercept. */
export function regressFields(spins: Mat, fields: Mat): CouplingReadout {
  const n = spins.cols;
  if (fields.rows !== spins.rows || fields.cols !== n) {
    throw AnsatzError.expected(
      "bad-shape",
      "regressFields fields",
      `[${spins.rows}, ${n}] like the spins`,
      `[${fields.rows}, ${fields.cols}]`,
    );
  }
  if (spins.rows <= n + 1) {
    throw AnsatzError.expected(
      "too-little-data",
      "regressFields spins",
      `more than ${n + 1} rows`,
      `${spins.rows}`,
    );
  }
  const d = n + 1;
  const a = new Mat(d, d);
  const b = new Mat(d, n);
  const row = new Float64Array(d);
  for (let r = 0; r < spins.rows; r++) {
    row[0] = 1;
    row.set(spins.data.subarray(r * n, r * n + n), 1);
    const f = fields.data.subarray(r * n, r * n + n);
    for (let i = 0; i < d; i++) {
      const ri = row[i]!;
      const ai = i * d;
      for (let k = i; k < d; k++) a.data[ai + k]! += ri * row[k]!;
      const bi = i * n;
      for (let k = 0; k < n; k++) b.data[bi + k]! += ri * f[k]!;
    }
  }
  for (let i = 0; i < d; i++) for (let k = 0; k < i; k++) a.data[i * d + k] = a.data[k * d + i]!;
  // a tiny ridge keeps a constant column (a site that never flips) from making the system singular
  for (let i = 1; i < d; i++) a.data[i * d + i]! += 1e-9 * spins.rows;
  const coef = solve(a, b); // [d, n]: row 0 intercepts, row 1 + j the coefficient of s_j
  const betaJ = new Mat(n, n);
  const betaH = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    betaH[i] = coef.data[i]!;
    for (let j = 0; j < n; j++) {
      const v = 0.5 * (coef.data[(1 + j) * n + i]! + coef.data[(1 + i) * n + j]!);
      betaJ.data[i * n + j] = v;
      total += v;
    }
  }
  return { betaJ, betaH, uniformBetaJ: total / n };
}
