// Time-resolved short-time TUR over an ensemble for nonstationary processes (Otsubo, Manikandan, Sagawa,
// Krishnamurthy, Commun. Phys. 5, 11 (2022), arXiv:2010.03852; spec §2.6 E5): for each window of `window`
// recorded steps, pool the currents j_a = b_a(x̄)·Δx of all paths in it and take σ̂ = 2 mᵀ Σ_j⁻¹ m / Δt.
// Not debiased (finite-sample bias ≤ 2N_b/(N·window·Δt), reported); SE by a 20-group jackknife over paths.
import { AnsatzError } from "../../core/errors.ts";
import { solve } from "../../core/linalg.ts";
import { Mat } from "../../core/matrix.ts";
import type { VectorBasis } from "./basis.ts";
import { basisCurrents } from "./currents.ts";
import { checkEnsemble, type Ensemble } from "./trajectory.ts";

function rateFrom(s1: Float64Array, s2: Float64Array, n: number, nb: number, dt: number): number {
  const m = s1.map((v) => v / n);
  const S = Mat.zeros(nb, nb);
  for (let a = 0; a < nb; a++)
    for (let b = 0; b < nb; b++) S.data[a * nb + b] = s2[a * nb + b]! / n - m[a]! * m[b]!;
  const c = solve(S, m);
  let q = 0;
  for (let a = 0; a < nb; a++) q += m[a]! * c[a]!;
  return (2 * q) / dt;
}

/** EP-rate profile σ̂(t) from an ensemble, one value per window of recorded steps (t = window centre). */
export function turTimeSlices(
  e: Ensemble,
  basis: VectorBasis,
  window = 10,
): { t: number; rate: number; stderr: number; biasBound: number }[] {
  checkEnsemble(e);
  const nb = basis.size;
  const steps = e.nPoints - 1;
  if (!(Number.isInteger(window) && window >= 1 && window <= steps)) {
    throw AnsatzError.expected(
      "bad-value",
      "turTimeSlices window",
      `an integer in [1, ${steps}]`,
      `${window}`,
    );
  }
  const G = 20;
  if (e.nPaths < G || e.nPaths * window <= 4 * nb) {
    throw AnsatzError.expected(
      "too-little-data",
      "turTimeSlices paths",
      `at least ${G} paths and more than ${4 * nb} samples per window`,
      `${e.nPaths} paths`,
    );
  }
  const j = basisCurrents(e, basis);
  const out: { t: number; rate: number; stderr: number; biasBound: number }[] = [];
  for (let w0 = 0; w0 + window <= steps; w0 += window) {
    const g1 = Array.from({ length: G }, () => new Float64Array(nb));
    const g2 = Array.from({ length: G }, () => new Float64Array(nb * nb));
    const gn = new Float64Array(G);
    for (let p = 0; p < e.nPaths; p++) {
      const g = p % G;
      for (let t = w0; t < w0 + window; t++) {
        const o = (p * steps + t) * nb;
        for (let a = 0; a < nb; a++) {
          const ja = j[o + a]!;
          g1[g]![a] = g1[g]![a]! + ja;
          for (let b = 0; b < nb; b++) g2[g]![a * nb + b] = g2[g]![a * nb + b]! + ja * j[o + b]!;
        }
        gn[g] = gn[g]! + 1;
      }
    }
    const t1 = new Float64Array(nb);
    const t2 = new Float64Array(nb * nb);
    let n = 0;
    for (let g = 0; g < G; g++) {
      for (let a = 0; a < nb; a++) t1[a] = t1[a]! + g1[g]![a]!;
      for (let a = 0; a < nb * nb; a++) t2[a] = t2[a]! + g2[g]![a]!;
      n += gn[g]!;
    }
    const rate = rateFrom(t1, t2, n, nb, e.dt);
    const loo = Array.from({ length: G }, (_, g) =>
      rateFrom(
        t1.map((v, a) => v - g1[g]![a]!),
        t2.map((v, a) => v - g2[g]![a]!),
        n - gn[g]!,
        nb,
        e.dt,
      ),
    );
    const mean = loo.reduce((s, v) => s + v, 0) / G;
    const se = Math.sqrt(((G - 1) / G) * loo.reduce((s, v) => s + (v - mean) ** 2, 0));
    out.push({ t: e.t0 + (w0 + window / 2) * e.dt, rate, stderr: se, biasBound: (2 * nb) / (n * e.dt) });
  }
  return out;
}
